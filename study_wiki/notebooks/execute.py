"""Executes notebook pages (jupytext .py files) at build time, cached by the notebook and the
snippets/ modules it imports (mkdocs-jupyter's cache keys on the notebook's bytes only)."""

from __future__ import annotations

import itertools
import logging
import re
import subprocess
import sys
import tempfile
import time
from html import escape
from pathlib import Path
from urllib.parse import quote

import jupytext
import nbformat
from jupyter_client.kernelspec import NoSuchKernel
from jupyter_client.manager import AsyncKernelManager
from mkdocs.exceptions import PluginError
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from pymdownx.slugs import slugify

from study_wiki import confinement
from study_wiki.core import host
from study_wiki.core.artifact_cache import ArtifactCache, code_digest
from study_wiki.core.atomic_file import cached_file
from study_wiki.core.paths import Project
from study_wiki.core.portable import read_source
from study_wiki.core.snippet_graph import cache_key
from study_wiki.core.switches import memory_limit_mb
from study_wiki.figure_style import NOTEBOOK_SETUP, font_paths
from study_wiki.glyph_check import (
    allowed_fonts,
    describe,
    describe_foreign,
    foreign_fonts,
    missing_chars,
)
from study_wiki.html_policy import FIX, findings
from study_wiki.messages import LineError, Problem, line_of
from study_wiki.svg_policy import check_svg

log = logging.getLogger("mkdocs.plugins.study_wiki.notebooks")

NOTEBOOK_PATTERN = "notebooks/*.py"
# Part of a notebook's cache key: this module's code decides what is stored (the kernel's
# set-up, the checks and caps of the outputs), so an edit to it runs the notebooks again.
STORED_BY = code_digest(Path(__file__)).encode()

# Text a notebook cell may print before the rest is cut (per cell, all outputs).
CELL_OUTPUT_BYTES = 100_000


def cap_cell_outputs(notebook, limit: int = CELL_OUTPUT_BYTES) -> list[int]:
    """The indexes of the cells whose output was cut to `limit` bytes (rich outputs past it
    dropped, with a note), each cell's prints merged first: the kernel splits printed text
    by timing, and merged, the same notebook always gives the same page."""
    cut = []
    for index, cell in enumerate(notebook.cells):
        if cell.get("cell_type") != "code":
            continue
        cell["outputs"] = _merged_streams(cell.get("outputs", []))
        used, kept, was_cut = 0, [], False
        for output in cell.get("outputs", []):
            size = len(str(output).encode("utf-8"))
            if used + size <= limit:
                used += size
                kept.append(output)
                continue
            was_cut = True
            if output.get("output_type") == "stream" and used < limit:
                text = _text(output.get("text", "")).encode("utf-8")
                output["text"] = text[: limit - used].decode("utf-8", "ignore")
                kept.append(output)
                used = limit
        if was_cut:
            note = f"\n[출력이 {limit // 1000} KB를 넘어 잘렸습니다: 셀이 출력하는 양을 줄이세요]\n"
            kept.append(nbformat.v4.new_output("stream", name="stderr", text=note))
            cell["outputs"] = kept
            cut.append(index)
    return cut


def _merged_streams(outputs: list) -> list:
    """Consecutive stream outputs of one name joined into one, in linear time (nbclient's
    own coalescing is quadratic)."""
    merged: list = []
    for (stream, _), grouped in itertools.groupby(
        outputs, lambda o: (o.get("output_type") == "stream", o.get("name"))
    ):
        group = list(grouped)
        if stream:
            group[0]["text"] = "".join(_text(o.get("text", "")) for o in group)
            group = group[:1]
        merged += group
    return merged


def cell_line(source_file: Path, cell_source: str) -> int:
    first = next((line for line in cell_source.splitlines() if line.strip()), "")
    return line_of(read_source(source_file), first)


ANSI_COLOUR = re.compile(r"\x1b\[[0-9;]*m")

# Run first in the kernel, like the figure style: the same memory cap as a snippet.
KERNEL_LIMITS = """\
from study_wiki.core.host import contain_this_process as _limit
_limit({memory_mb})
del _limit
"""


def execute_notebook(source_file: Path, seconds: float, root: Path, scratch: str) -> bytes:
    """The executed notebook; its kernel works in the scratch folder."""
    notebook = jupytext.reads(read_source(source_file), {"extension": source_file.suffix})
    # Same source, same bytes: no random cell ids, no execution timestamps.
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{index}"
    allowed = allowed_fonts(font_paths())
    memory_mb = memory_limit_mb()
    setup = nbformat.v4.new_code_cell(KERNEL_LIMITS.format(memory_mb=memory_mb) + NOTEBOOK_SETUP)
    notebook.cells.insert(0, setup)
    client = NotebookClient(
        notebook,
        km=_supervised_kernel(),
        timeout=seconds,
        kernel_name="python3",
        allow_errors=False,
        record_timing=False,
        resources={"metadata": {"path": scratch}},
    )
    running: dict = {}
    client.on_cell_execute = lambda cell, cell_index: running.update(cell=cell)
    client.on_notebook_start = lambda notebook: running.update(
        kernel=getattr(client.km and client.km.provisioner, "pid", None)
    )
    try:
        # The kernel's own stderr would print its traceback when a timeout interrupts
        # it; the cell's error reaches us as a message anyway. The kernel is kept
        # (cleanup_kc=False) so that its processes are ended while it still holds them.
        client.execute(
            env=Project.at(root).python_env(), stderr=subprocess.DEVNULL, cleanup_kc=False
        )
    except (CellTimeoutError, DeadKernelError, CellExecutionError) as error:
        line = cell_line(source_file, running.get("cell", {}).get("source", ""))
        cause = error if isinstance(error, CellExecutionError) else None
        raise LineError(_failure(error, seconds, memory_mb), line) from cause
    finally:
        # A process a cell started would otherwise outlive the build.
        if running.get("kernel"):
            host.end_process_tree(running["kernel"])
        if client.km is not None:
            client._cleanup_kernel()  # what nbclient does itself when cleanup_kc is on
    notebook.cells.remove(setup)
    return _checked(notebook, source_file, root, allowed)


def _supervised_kernel() -> AsyncKernelManager:
    """ipykernel's python3 kernel, run by this Python under the supervisor."""
    kernel = AsyncKernelManager(kernel_name="python3")
    try:
        spec = kernel.kernel_spec
    except NoSuchKernel:
        raise PluginError(
            "notebooks: ipykernel's python3 kernel is not installed, and notebooks run on it: "
            "run `python -m study_wiki install`"
        ) from None
    assert spec is not None  # None only for a kernel named ""
    # jupyter_client runs a spec's "python" as this Python; under the supervisor too.
    python, *arguments = spec.argv
    if python == "python" or python.startswith("python3"):
        python = sys.executable
    spec.argv = host.supervised([python, *arguments])
    return kernel


def _failure(error: Exception, seconds: float, memory_mb: int) -> str:
    """What went wrong in a cell, and how to fix it."""
    if isinstance(error, CellTimeoutError):
        return (
            f"the cell did not finish within {seconds:g} s and was stopped: make it faster "
            "(an endless loop?), or raise the limit with WIKI_SNIPPET_TIMEOUT=<seconds>"
        )
    if isinstance(error, DeadKernelError):
        return (
            "the notebook's Python stopped while this cell ran (os._exit or a crash): "
            "let the cell finish instead of ending the process"
        )
    summary = ANSI_COLOUR.sub("", str(error).strip().splitlines()[-1])
    if summary.startswith("MemoryError"):
        return (
            f"MemoryError: the cell used more than its {memory_mb} MB and was stopped: "
            "use less (smaller arrays), or raise WIKI_SNIPPET_MEMORY=<MB>"
        )
    return summary


def _checked(notebook, source_file: Path, root: Path, allowed) -> bytes:
    """The executed notebook's bytes, its outputs checked and capped."""
    check_html(notebook, source_file)
    capped = cap_cell_outputs(notebook)
    check_figure_glyphs(notebook, source_file, allowed)
    shown, kb = Project.at(root).shown(source_file), CELL_OUTPUT_BYTES // 1000
    for index in capped:
        line = cell_line(source_file, notebook.cells[index].get("source", ""))
        cut = f"the cell printed more than {kb} KB; the page shows the first {kb} KB"
        log.warning("%s", Problem(shown, line, f"{cut}: print less (a summary, or the first rows)"))
    return nbformat.writes(notebook).encode("utf-8")


# Output types a browser would run or render as markup (mkdocs-jupyter inlines them);
# SVG is checked as the XML it is.
MARKUP_OUTPUTS = ("text/html", "text/markdown")
CODE_SPAN = re.compile(r"(`+)[^`]*?\1|^ {0,3}(```|~~~)[\s\S]*?^ {0,3}\2", re.M)


def check_html(notebook, source_file: Path) -> None:
    """A notebook may not run script in readers' browsers, from a Markdown cell or from an
    output (`display(HTML(...))`, `Javascript(...)`, an SVG): the same policy as notes."""
    for cell in notebook.cells:
        markup = []
        if cell.cell_type == "markdown":
            markup.append(CODE_SPAN.sub("", cell.source))
        svg = []
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "application/javascript" in data:
                markup.append("<script>")
            markup += [_text(data[kind]) for kind in MARKUP_OUTPUTS if kind in data]
            if "image/svg+xml" in data:
                svg.append(_text(data["image/svg+xml"]).encode("utf-8"))
        found = [f.what for text in markup for f in findings(text)]
        found += [f.what for data in svg for f in check_svg(data)]
        if found:
            line = cell_line(source_file, cell.source)
            what = ", ".join(dict.fromkeys(found))
            where = "text" if cell.cell_type == "markdown" else "output"
            raise LineError(f"the cell's {where} holds {what}: {FIX}", line)


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def svg_outputs(cell) -> list[dict]:
    outputs = cell.get("outputs", []) if cell.cell_type == "code" else []
    return [output for output in outputs if "image/svg+xml" in output.get("data", {})]


def check_figure_glyphs(notebook, source_file: Path, allowed: set[str]) -> None:
    """matplotlib's missing-glyph warnings and foreign fonts in figures fail the cell."""
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        outputs = cell.get("outputs", [])
        warned = [o.get("text", "") for o in outputs if o.get("name") == "stderr"]
        chars = missing_chars(warned)
        svgs = (output["data"]["image/svg+xml"] for output in svg_outputs(cell))
        foreign = set().union(*(foreign_fonts(svg, allowed) for svg in svgs))
        if chars or foreign:
            problem = describe(chars) if chars else describe_foreign(foreign)
            message = f"{problem}: use characters the bundled font has"
            raise LineError(message, cell_line(source_file, cell.source))


SVG_IMAGE = re.compile(r'<img alt="[^"]*" src="data:image/svg\+xml;base64,')


def with_figure_alt_text(html: str, notebook_file: Path) -> str:
    """nbconvert gives SVG figures a placeholder alt: put each figure's own instead."""
    notebook = nbformat.reads(notebook_file.read_text(encoding="utf-8"), as_version=4)
    alts = iter(
        output.get("metadata", {}).get("image/svg+xml", {}).get("alt", "그림")
        for cell in notebook.cells
        for output in svg_outputs(cell)
    )
    return SVG_IMAGE.sub(
        lambda match: (
            f'<img alt="{escape(next(alts, "그림"), quote=True)}" src="data:image/svg+xml;base64,'
        ),
        html,
    )


class Notebooks:
    """Executed notebooks of one project, cached on the code they run."""

    def __init__(self, root: Path, cache: ArtifactCache, timeout: float) -> None:
        self.root = root
        self.cache = cache
        self.timeout = timeout
        self.outputs: list[Path] = []  # where this build writes: not the notebook's doing

    def executed(self, source_file: Path, shown: str) -> Path | None:
        """The executed notebook, named as readers download it (None if a cell failed)."""
        key = cache_key(self.root, source_file, STORED_BY)
        executed = self.cache.get(key)
        if executed is None:
            start = time.perf_counter()
            before = confinement.listing(self.root, self.outputs)
            try:
                with tempfile.TemporaryDirectory(prefix="notebook-") as scratch:
                    notebook = execute_notebook(source_file, self.timeout, self.root, scratch)
            except LineError as error:
                log.error("%s", Problem(shown, error.line, f"notebook cell failed: {error}"))
                return None
            finally:
                after = confinement.listing(self.root, self.outputs)
                aside = Project.at(self.root).cache / confinement.ASIDE
                for trespass in confinement.trespasses(self.root, before, after, aside):
                    log.error("%s", confinement.message(shown, trespass))
            executed = self.cache.put(key, notebook)
            log.info("notebook %s: ran in %.1f s", shown, time.perf_counter() - start)
        named = self.cache.directory / "named" / key / f"{source_file.stem}.ipynb"
        return named if named.is_file() else cached_file(named, executed.read_bytes())


# nbconvert's template loads MathJax (from a CDN unless told otherwise); here the
# equations of markdown cells go to the math plugin like those of every other page.
MATHJAX_SCRIPTS = re.compile(
    r'<script src="">\s*</script>\s*|<script type="text/x-mathjax-config">.*?</script>', re.S
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


def notebook_page_html(html: str, toc_items, executed: Path | None) -> str:
    """A rendered notebook page without MathJax, with its maths and heading ids as elsewhere."""
    html = MATHJAX_SCRIPTS.sub("", html)
    if executed is not None:
        html = download_link(executed.name) + with_figure_alt_text(html, executed)
    html = MARKDOWN_CELL.sub(
        lambda m: m.group(1) + math_as_arithmatex(m.group(2)) + m.group(3), html
    )
    return readable_heading_ids(html, toc_items)


def download_link(name: str) -> str:
    """A link to the executed notebook, which mkdocs-jupyter copies beside the page."""
    href = escape(quote(name), quote=True)
    return (
        f'<p class="notebook-download"><a href="{href}" download>'
        f"이 노트북 내려받기 (<code>{escape(name)}</code>)</a></p>\n"
    )


def _toc_items(items) -> list:
    return [found for item in items for found in (item, *_toc_items(item.children))]


def readable_heading_ids(html: str, toc_items) -> str:
    """Hangul-keeping heading ids, as on Markdown pages: nbconvert turns "2. 역전파" into id
    "2" and a Hangul-only title into "" (the toc lists the same headings in order)."""
    toc = _toc_items(toc_items)
    if len(NOTEBOOK_HEADING.findall(html)) != len(toc):
        return html
    items, taken = iter(toc), dict[str, int]()

    def rename(match: re.Match[str]) -> str:
        text = re.sub(r"<[^>]+>", "", match.group("title")).replace("¶", "")
        slug = SLUGIFY(text.strip(), "-") or "section"
        taken[slug] = taken.get(slug, 0) + 1
        new_id = slug if taken[slug] == 1 else f"{slug}_{taken[slug] - 1}"
        next(items).id = new_id
        old_id = match.group("id")
        return (
            match.group(0)
            .replace(f'id="{old_id}"', f'id="{new_id}"', 1)
            .replace(f'href="#{old_id}"', f'href="#{new_id}"', 1)
        )

    return NOTEBOOK_HEADING.sub(rename, html)
