"""`study-wiki serve [--full]`: the site at http://127.0.0.1:8000/study-wiki/, re-made on save.

By default only what a save changed is re-rendered (`mkdocs serve --dirty`; see
study_wiki/serve/); `--full` rebuilds everything on every save.
"""

from __future__ import annotations

import os
import sys

ADDRESS = "127.0.0.1:8000"  # study_wiki/cli/new_note.py prints pages' URLs under it


def main(argv: list[str]) -> int:
    if argv in (["-h"], ["--help"]):
        print(f"usage: study-wiki serve [--full]\n\n{__doc__}")
        return 0
    if argv not in ([], ["--full"]):
        print("usage: study-wiki serve [--full]", file=sys.stderr)
        return 2
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.__main__ import cli

    dirty = [] if argv else ["--dirty"]
    return cli.main(["serve", *dirty, "--dev-addr", ADDRESS], prog_name="mkdocs")
