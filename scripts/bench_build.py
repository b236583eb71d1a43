"""빌드 성능 벤치마크: `python -m study_wiki bench` (study_wiki/cli/)."""

import sys

from study_wiki.cli import main

sys.exit(main(["bench", *sys.argv[1:]]))
