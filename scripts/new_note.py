"""하루치 노트(공부 정리 · 피어세션 · 학습 회고)를 팀의 구조대로 만듭니다.

예:
    .venv/bin/python scripts/new_note.py
    .venv/bin/python scripts/new_note.py --date 2021-09-20 --author jewoo \\
        --author donggyu --title "LSTM 게이트 정리" --tag LSTM --slug lstm-gates \\
        --level 2 --week 8 --topic lstm

The logic lives in study_wiki.notes.scaffold; this file is the command.
"""

from __future__ import annotations

import sys
from pathlib import Path

from study_wiki.notes.scaffold import main

if __name__ == "__main__":
    sys.exit(main(root=Path(__file__).resolve().parent.parent))
