"""외부 링크 검사: `python -m study_wiki check-links` (study_wiki/cli/)."""

import sys

from study_wiki.cli import main

sys.exit(main(["check-links", *sys.argv[1:]]))
