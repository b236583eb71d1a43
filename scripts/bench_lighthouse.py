"""Lighthouse medians per page type; see study_wiki/bench/lighthouse.py."""

import sys

from study_wiki.bench.lighthouse import main

if __name__ == "__main__":
    sys.exit(main())
