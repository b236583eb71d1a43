"""링크 처리 비용 벤치마크: `python -m study_wiki bench-links` (study_wiki/bench/links.py)."""

import sys

from study_wiki.cli import main

sys.exit(main(["bench-links", *sys.argv[1:]]))
