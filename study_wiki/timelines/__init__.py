"""Timelines and indexes generated from the notes' front matter (see plugin.py)."""
