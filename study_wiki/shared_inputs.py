"""Files every page is rendered from besides its own source, for `mkdocs serve --dirty`.

A dirty rebuild re-renders only pages whose source changed. Author names
(`.authors.yml`), included snippets (`includes/`), folder navigation (`.nav.yml`),
the bibliography and the theme overrides show up on many pages (so do their errors,
serve/errors.py), so a change to any of them must re-render every page.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from study_wiki.core.portable import portable_path

SHARED_IN_DOCS = (".authors.yml", ".nav.yml")
SHARED_FOLDERS = ("includes", "overrides")
SHARED_AT_ROOT = ("references.bib",)


def shared_inputs_digest(root: Path, docs_dir: Path) -> str:
    """A hash over the names and bytes of every shared input."""
    digest = hashlib.sha256()
    files = [p for name in SHARED_IN_DOCS for p in docs_dir.rglob(name)]
    files += [p for folder in SHARED_FOLDERS for p in (root / folder).rglob("*")]
    files += [root / name for name in SHARED_AT_ROOT]
    for path in sorted(p for p in files if p.is_file()):
        digest.update(portable_path(path.relative_to(root)).encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"unreadable")
    return digest.hexdigest()
