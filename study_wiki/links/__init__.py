"""Wiki links: [[wikilinks]], backlinks, numbered equations and figures, citations."""
