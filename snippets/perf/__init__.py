"""Figures about the wiki itself: build times from benchmarks/results.json."""
