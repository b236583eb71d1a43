"""검색 재현율 측정: `python -m study_wiki search-recall` (study_wiki/cli/)."""

import sys

from study_wiki.cli import main

sys.exit(main(["search-recall", *sys.argv[1:]]))
