"""용어집: a glossary page, abbreviation tooltips and search synonyms from one data file."""
