"""Notes: the front matter schema and its check, the day scaffold, authors, git dates."""
