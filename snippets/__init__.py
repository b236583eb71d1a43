"""Figure and model code that the wiki's pages include and the tests import."""
