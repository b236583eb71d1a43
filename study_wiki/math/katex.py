"""Typesets $...$ and $$...$$ at build time with KaTeX, keeping its MathML for screen readers:
pages run no KaTeX script. Nothing here knows MkDocs."""

from __future__ import annotations

import hashlib
import html
import json
import logging
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from study_wiki.core.artifact_cache import code_digest
from study_wiki.core.json_cache import JsonCache
from study_wiki.core.worker import LineWorker, WorkerError
from study_wiki.math import deferred
from study_wiki.messages import Problem

log = logging.getLogger("mkdocs.plugins.study_wiki.math")
WORKER = Path(__file__).with_name("katex_worker.cjs")
CSS_URI = "assets/katex/katex.min.css"
# Equations kept in the cache besides those of the last build (old ones go first).
CACHE_LIMIT = 20_000

# pymdownx.arithmatex in generic mode wraps TeX in \( \) or \[ \].
ARITHMATEX = re.compile(r'<(span|div) class="arithmatex">(.*?)</\1>', re.S)
ARITHMATEX_OPENINGS = ('<span class="arithmatex">', '<div class="arithmatex">')
DELIMITERS = re.compile(r"^\\[(\[](.*)\\[)\]]$", re.S)
# Navigation titles (the table of contents) carry a heading's math as plain text.
NAV_TITLE = re.compile(r'(<span class="md-ellipsis">)(.*?)(</span>)', re.S)
NAV_MATH = re.compile(r"\\\((.+?)\\\)", re.S)
# KaTeX markup the Nu HTML checker rejects, fixed so that browsers render the same: a
# function name as a sub- or superscript (`\sigma_{\max}`) is two children where
# `msub`/`msup` takes one; a negative `height` on empty vlist spans is invalid CSS;
# `width` on the `<mtd>` padding cells of `\tag{…}` is not MathML.
FUNCTION_SCRIPT = re.compile(r"(<mi>[^<]+</mi><mo>\u2061</mo>)(</msub>|</msup>)")
NEGATIVE_HEIGHT = re.compile(r'(<span class="vlist") style="height:-[0-9.]+em;"')
CELL_WIDTH = re.compile(r'<mtd width="[0-9.]+%">')


def equation_count(page_html: str) -> int:
    """How many equations ARITHMATEX will find (counted without running it)."""
    return sum(page_html.count(opening) for opening in ARITHMATEX_OPENINGS)


class MathError(Exception):
    """KaTeX (or Node.js) cannot be used at all: the message says how to fix it."""


def katex_dist(root: Path) -> Path:
    return root / "node_modules" / "katex" / "dist"


def unavailable(root: Path) -> str | None:
    """Why equations cannot be typeset on this computer (None when they can)."""
    if shutil.which("node") is None:
        return (
            "math: Node.js is not installed, and KaTeX runs on it: `python -m study_wiki "
            "doctor` prints the command that installs it on this system; start the "
            "preview again after it"
        )
    if not (katex_dist(root).parent / "package.json").is_file():
        return (
            "math: node_modules/katex is missing: `python -m study_wiki install` installs "
            "it (with `npm ci --omit=dev`)"
        )
    return None


def katex_css(root: Path) -> str:
    css = (katex_dist(root) / "katex-swap.min.css").read_text(encoding="utf-8")
    # Every modern browser takes woff2; dropping the woff/ttf fallbacks keeps
    # the site small and every url() in the stylesheet pointing at a real file.
    return re.sub(r',url\(fonts/[^)]+\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)', "", css)


def katex_fonts(root: Path) -> list[Path]:
    return sorted((katex_dist(root) / "fonts").glob("*.woff2"))


class KatexRenderer:
    def __init__(
        self,
        root: Path,
        cache_file: Path,
        timeout: float | None = None,
        kept: dict[Path, JsonCache] | None = None,
    ) -> None:
        # The worker's code and this module's (fix_mathml, applied before caching) are part
        # of the key: what the worker refuses and how its markup is fixed change the output.
        code = code_digest(WORKER, Path(__file__))
        package = json.loads((katex_dist(root).parent / "package.json").read_text(encoding="utf-8"))
        self.version = f"{package['version']}+{code}"
        self.root = root
        self.timeout = timeout
        self.worker: LineWorker | None = None
        self.cache = JsonCache.kept(kept, cache_file, limit=CACHE_LIMIT)

    def render(self, tex: str, display: bool) -> str:
        key = hashlib.sha256(f"{self.version}|{display}|{tex}".encode()).hexdigest()
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        reply = self._ask({"tex": tex, "display": display})
        if "error" in reply:
            raise ValueError(reply["error"])
        typeset = fix_mathml(reply["html"])
        self.cache.put(key, typeset)
        return typeset

    def _ask(self, request: dict) -> dict:
        if self.worker is None:
            node = shutil.which("node")
            if node is None:
                raise MathError("math: Node.js is required to typeset equations")
            self.worker = LineWorker(
                [node, str(WORKER)],
                name="math: the KaTeX worker",
                cwd=self.root,
                timeout=self.timeout,
            )
        try:
            return self.worker.ask(request)
        except WorkerError as error:
            raise MathError(str(error)) from error

    def close(self) -> None:
        if self.worker is not None:
            self.worker.close()
            self.worker = None
        self.cache.save()


def typeset_page(
    output: str,
    renderer: KatexRenderer,
    on_error: Callable[[str, ValueError], None],
    defer_from: int | None = None,
) -> str:
    """The page's HTML with every equation typeset; a bad one becomes a visible error.
    Equations from offset `defer_from` on wait in a template (study_wiki/math/deferred.py)."""

    def typeset(match: re.Match[str]) -> str:
        tag, body = match.group(1), html.unescape(match.group(2))
        delimited = DELIMITERS.match(body.strip())
        tex = delimited.group(1) if delimited else body
        display = tag == "div"
        try:
            typeset_html = renderer.render(tex, display)
        except ValueError as error:
            on_error(tex, error)
            return (
                f'<{tag} class="math-error" role="alert">수식 오류: '
                f"<code>{html.escape(tex)}</code> ({html.escape(str(error))})</{tag}>"
            )
        if defer_from is not None and match.start() >= defer_from:
            return deferred.defer(typeset_html, display)
        return typeset_html

    def typeset_nav_math(m: re.Match[str]) -> str:
        try:
            return renderer.render(html.unescape(m.group(1)), False)
        except ValueError:
            return m.group(0)  # the heading itself reports the error, with its line

    def typeset_nav_title(match: re.Match[str]) -> str:
        return match.group(1) + NAV_MATH.sub(typeset_nav_math, match.group(2)) + match.group(3)

    output = ARITHMATEX.sub(typeset, output)
    return NAV_TITLE.sub(typeset_nav_title, output) if "\\(" in output else output


def fix_mathml(html: str) -> str:
    html = FUNCTION_SCRIPT.sub(r"<mrow>\1</mrow>\2", html)
    html = NEGATIVE_HEIGHT.sub(r"\1", html)
    return CELL_WIDTH.sub("<mtd>", html)


def cannot_typeset(shown: str, line: int, tex: str, error: ValueError) -> Problem:
    what = f"KaTeX cannot typeset {json.dumps(tex.strip())}: {error}"
    return Problem(shown, line, f"{what}. Fix the LaTeX on that line.")


def source_line(source_file: str | None, tex: str) -> int | None:
    """Line of the page's Markdown source where `tex` first appears; 1 for a page
    with no source of its own, None when its source does not hold it (it came from
    another page)."""
    if source_file is None:
        return 1
    try:
        source = Path(source_file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return 1
    first_line = tex.strip().splitlines()[0] if tex.strip() else tex
    offset = source.find(first_line)
    return source.count("\n", 0, offset) + 1 if offset >= 0 else None
