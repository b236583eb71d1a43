"""하루치 노트(공부 정리·피어세션·학습 회고)를 만듭니다: `python -m study_wiki new-note`."""

import sys

from study_wiki.cli import main

sys.exit(main(["new-note", *sys.argv[1:]]))
