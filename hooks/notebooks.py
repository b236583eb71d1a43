"""Executes notebook pages (jupytext .py files) at build time, with the figures' cache.

mkdocs-jupyter's own cache keys on the notebook's bytes only, so a change in a
snippets/ module it imports would leave a stale page. Here the key also covers
those modules; the executed .ipynb is what mkdocs-jupyter renders (execute: false).
"""

from __future__ import annotations

import fnmatch
import logging
import re
import subprocess
import time
from pathlib import Path

import jupytext
import nbformat
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError
from pymdownx.slugs import slugify

from study_wiki.limits import CELL_OUTPUT_BYTES, cap_cell_outputs, parse_duration

from artifact_cache import ArtifactCache
from atomic_file import write_bytes_atomic
from snippet_graph import cache_key

log = logging.getLogger("mkdocs.hooks.notebooks")

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_PATTERN = "notebooks/*.py"
cache = ArtifactCache(ROOT / ".cache" / "notebooks", ".ipynb")
timeout = 120.0


def cell_line(source_file: Path, cell_source: str) -> int:
    text = source_file.read_text(encoding="utf-8")
    first = next((line for line in cell_source.splitlines() if line.strip()), "")
    offset = text.find(first) if first else -1
    return text.count("\n", 0, offset) + 1 if offset >= 0 else 1


class NotebookCellFailed(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


ANSI_COLOUR = re.compile(r"\x1b\[[0-9;]*m")


def execute_notebook(source_file: Path, seconds: float) -> bytes:
    notebook = jupytext.read(source_file)
    # Same source, same bytes: no random cell ids, no execution timestamps.
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{index}"
    client = NotebookClient(
        notebook,
        timeout=seconds,
        kernel_name="python3",
        allow_errors=False,
        record_timing=False,
        resources={"metadata": {"path": str(ROOT)}},
    )
    running: dict = {}
    client.on_cell_execute = lambda cell, cell_index: running.update(cell=cell)
    try:
        # The kernel's own stderr would print its traceback when a timeout interrupts
        # it; the cell's error reaches us as a message anyway.
        client.execute(stderr=subprocess.DEVNULL)
    except CellTimeoutError:
        line = cell_line(source_file, running.get("cell", {}).get("source", ""))
        raise NotebookCellFailed(
            line,
            f"the cell did not finish within {seconds:g} s and was stopped: make it faster "
            "(an endless loop?), or raise the limit with WIKI_SNIPPET_TIMEOUT=<seconds>",
        ) from None
    except CellExecutionError as error:
        line = cell_line(source_file, running.get("cell", {}).get("source", ""))
        summary = ANSI_COLOUR.sub("", str(error).strip().splitlines()[-1])
        raise NotebookCellFailed(line, summary) from error
    for index in cap_cell_outputs(notebook):
        line = cell_line(source_file, notebook.cells[index].get("source", ""))
        log.warning(
            "%s:%d: the cell printed more than %d KB; the page shows the first %d KB: "
            "print less (a summary, or the first rows)",
            source_file.relative_to(ROOT).as_posix(),
            line,
            CELL_OUTPUT_BYTES // 1000,
            CELL_OUTPUT_BYTES // 1000,
        )
    return nbformat.writes(notebook).encode("utf-8")


def named_copy(blob: Path, key: str, stem: str) -> Path:
    """The executed notebook under the name readers download it as."""
    named = cache.directory / "named" / key / f"{stem}.ipynb"
    if not named.is_file():
        write_bytes_atomic(named, blob.read_bytes())
    return named


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global timeout
    timeout = parse_duration(
        config.extra.get("figures", {}).get("timeout", 120), "WIKI_SNIPPET_TIMEOUT"
    )
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    for file in files.documentation_pages():
        if not fnmatch.fnmatch(file.src_uri, NOTEBOOK_PATTERN):
            continue
        source_file = Path(file.abs_src_path)
        shown = f"docs/{file.src_uri}"
        key = cache_key(ROOT, source_file, b"notebook")
        executed = cache.get(key)
        if executed is None:
            start = time.perf_counter()
            try:
                executed = cache.put(key, execute_notebook(source_file, timeout))
            except NotebookCellFailed as error:
                log.error("%s:%d: notebook cell failed: %s", shown, error.line, error)
                continue
            log.info("notebook %s: ran in %.1f s", shown, time.perf_counter() - start)
        # mkdocs-jupyter renders (and offers for download) whatever abs_src_path
        # names; its File wrapper and the File inside both answer to it.
        download = named_copy(executed, key, source_file.stem)
        file.abs_src_path = str(download)
        if hasattr(file, "file"):
            file.file.abs_src_path = str(download)
    return files


# nbconvert's template loads MathJax (from a CDN unless told otherwise); here the
# equations of markdown cells go to the math hook like those of every other page.
MATHJAX_SCRIPTS = re.compile(
    r'<script src=""></script>|<script type="text/x-mathjax-config">.*?</script>', re.S
)
MARKDOWN_CELL = re.compile(r'(<div class="[^"]*jp-MarkdownOutput[^"]*"[^>]*>)(.*?)(</div>)', re.S)
NOTEBOOK_HEADING = re.compile(
    r'<h(?P<level>[1-6]) id="(?P<id>[^"]*)">(?P<title>.*?)</h(?P=level)>', re.S
)
SLUGIFY = slugify(case="lower")
DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.S)
INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\s)([^$\n]+?)(?<!\s)\$")


def math_as_arithmatex(cell_html: str) -> str:
    cell_html = DISPLAY_MATH.sub(r'<div class="arithmatex">\\[\1\\]</div>', cell_html)
    return INLINE_MATH.sub(r'<span class="arithmatex">\\(\1\\)</span>', cell_html)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not fnmatch.fnmatch(page.file.src_uri, NOTEBOOK_PATTERN):
        return html
    html = MATHJAX_SCRIPTS.sub("", html)
    html = MARKDOWN_CELL.sub(
        lambda m: m.group(1) + math_as_arithmatex(m.group(2)) + m.group(3), html
    )
    return readable_heading_ids(html, page)


def _toc_items(items) -> list:
    flat = []
    for item in items:
        flat.append(item)
        flat.extend(_toc_items(item.children))
    return flat


def readable_heading_ids(html: str, page: Page) -> str:
    """Hangul-keeping heading ids, as on Markdown pages (nbconvert drops Hangul).

    nbconvert turns "2. 역전파" into id "2" and a Hangul-only title into "";
    the table of contents lists the same headings in the same order.
    """
    headings = list(NOTEBOOK_HEADING.finditer(html))
    toc = _toc_items(page.toc.items)
    if len(headings) != len(toc):
        return html
    taken: dict[str, int] = {}
    renamed: dict[str, str] = {}
    for match, item in zip(headings, toc, strict=True):
        text = re.sub(r"<[^>]+>", "", match.group("title")).replace("¶", "")
        slug = SLUGIFY(text.strip(), "-") or "section"
        taken[slug] = taken.get(slug, 0) + 1
        new_id = slug if taken[slug] == 1 else f"{slug}_{taken[slug] - 1}"
        renamed[match.group("id")] = new_id
        item.id = new_id
    pieces, last = [], 0
    for match in headings:
        new_id = renamed[match.group("id")]
        pieces += [
            html[last : match.start()],
            match.group(0)
            .replace(f'id="{match.group("id")}"', f'id="{new_id}"', 1)
            .replace(f'href="#{match.group("id")}"', f'href="#{new_id}"', 1),
        ]
        last = match.end()
    return "".join(pieces) + html[last:]
