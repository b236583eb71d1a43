"""Keeps `mkdocs serve --dirty` (what `make serve` runs) right when pages come and go.

A dirty rebuild re-renders only pages whose source is newer than their HTML.
Dropping a page's built HTML marks it stale: a page whose figure changed
(figures/plugin.py), or every page when pages are added, removed or renamed, since
then every page's navigation and the daily log's lists change too.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.structure.files import File

from study_wiki.core.atomic_file import write_cache


def forget_built_page(page_file: File | None) -> None:
    if page_file is not None and page_file.abs_dest_path:
        Path(page_file.abs_dest_path).unlink(missing_ok=True)


def read_signatures(record: Path) -> dict[str, str]:
    """What the last build recorded of the pages it rendered ({} when nothing)."""
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_signatures(record: Path, signatures: dict[str, str], previous: dict[str, str]) -> None:
    if signatures != previous:
        write_cache(record, json.dumps(signatures, ensure_ascii=False, sort_keys=True))


def page_list_changed(pages: list[str], page_list: Path) -> bool:
    """Whether the pages differ from the last build's (None before the first one)."""
    try:
        previous = json.loads(page_list.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        previous = None
    if previous != pages:
        write_cache(page_list, json.dumps(pages, ensure_ascii=False))
    return previous != pages
