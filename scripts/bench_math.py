"""수식 표시 방식 비교: `python -m study_wiki bench-math` (study_wiki/cli/)."""

import sys

from study_wiki.cli import main

sys.exit(main(["bench-math", *sys.argv[1:]]))
