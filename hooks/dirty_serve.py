"""Keeps `mkdocs serve --dirty` (what `make serve` runs) right when pages come and go.

A dirty rebuild re-renders only pages whose source is newer than their HTML.
Dropping a page's built HTML marks it stale: a page whose figure changed
(figures.py), or every page when pages are added, removed or renamed, since
then every page's navigation and the daily log's lists change too.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from study_wiki.shared_inputs import shared_inputs_digest

from atomic_file import write_text_atomic

log = logging.getLogger("mkdocs.hooks.dirty_serve")

ROOT = Path(__file__).resolve().parent.parent
PAGE_LIST = ROOT / ".cache" / "dirty-serve" / "pages.json"


def forget_built_page(page_file: File | None) -> None:
    if page_file is not None and page_file.abs_dest_path:
        Path(page_file.abs_dest_path).unlink(missing_ok=True)


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    pages = sorted(file.src_uri for file in files.documentation_pages())
    # Author names, includes, navigation and templates: a change re-renders every page.
    pages.append("shared:" + shared_inputs_digest(ROOT, Path(config.docs_dir)))
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
            log.info(
                "pages were added or removed, or a file many pages show changed: "
                "re-rendering every page"
            )
    return files
