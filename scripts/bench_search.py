"""Keystroke -> results latency with 4x CPU throttling; see study_wiki/bench/search_latency.py."""

import sys

from study_wiki.bench.search_latency import main

if __name__ == "__main__":
    sys.exit(main())
