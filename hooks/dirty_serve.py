"""Keeps `mkdocs serve --dirty` (what `make serve` runs) right when pages come and go.

A dirty rebuild re-renders only pages whose source changed. When a page is
added, removed or renamed, every page's navigation and the daily log's lists
change too: then drop all built HTML so that rebuild renders everything.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from atomic_file import write_text_atomic

log = logging.getLogger("mkdocs.hooks.dirty_serve")

ROOT = Path(__file__).resolve().parent.parent
PAGE_LIST = ROOT / ".cache" / "dirty-serve" / "pages.json"


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    pages = sorted(file.src_uri for file in files.documentation_pages())
    try:
        previous = json.loads(PAGE_LIST.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        previous = None
    if previous != pages:
        write_text_atomic(PAGE_LIST, json.dumps(pages, ensure_ascii=False))
        built = list(Path(config.site_dir).rglob("*.html"))
        for html in built:
            html.unlink(missing_ok=True)
        if previous is not None and built:
            log.info("pages were added or removed: re-rendering every page")
    return files
