"""Measuring scripts for the built site (Lighthouse, search latency)."""
