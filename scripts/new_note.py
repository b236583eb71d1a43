"""새 데일리 노트를 팀 템플릿으로 만듭니다: `python -m study_wiki new-note` (study_wiki/cli/)."""

import sys

from study_wiki.cli import main

sys.exit(main(["new-note", *sys.argv[1:]]))
