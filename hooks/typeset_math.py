"""Typesets $...$ and $$...$$ at build time with KaTeX: pages ship no math script.

KaTeX's output keeps the TeX source as a MathML annotation, so screen readers and
copy-paste still get the equation. The stylesheet and fonts are copied from the
`katex` npm package into the site; nothing is loaded from another host.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import re
import shutil
import subprocess
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from study_wiki.limits import WorkerTimeout, read_reply, worker_timeout

from atomic_file import write_text_atomic
from repo_paths import source_path

log = logging.getLogger("mkdocs.hooks.typeset_math")

ROOT = Path(__file__).resolve().parent.parent
KATEX_DIST = ROOT / "node_modules" / "katex" / "dist"
WORKER = Path(__file__).with_name("katex_worker.cjs")
CACHE_FILE = ROOT / ".cache" / "katex" / "rendered.json"
CSS_URI = "assets/katex/katex.min.css"

# pymdownx.arithmatex in generic mode wraps TeX in \( \) or \[ \].
ARITHMATEX = re.compile(r'<(span|div) class="arithmatex">(.*?)</\1>', re.S)
DELIMITERS = re.compile(r"^\\[(\[](.*)\\[)\]]$", re.S)
# Navigation titles (the table of contents) carry a heading's math as plain text.
NAV_TITLE = re.compile(r'(<span class="md-ellipsis">)(.*?)(</span>)', re.S)
NAV_MATH = re.compile(r"\\\((.+?)\\\)", re.S)


class KatexRenderer:
    """A KaTeX process kept for the whole build, with a cache on disk."""

    def __init__(self, version: str) -> None:
        self.version = version
        self.process: subprocess.Popen[str] | None = None
        self.cache: dict[str, str] = _load_cache()
        self.dirty = False

    def render(self, tex: str, display: bool) -> str:
        key = hashlib.sha256(f"{self.version}|{display}|{tex}".encode()).hexdigest()
        if key in self.cache:
            return self.cache[key]
        reply = self._ask({"tex": tex, "display": display})
        if "error" in reply:
            raise ValueError(reply["error"])
        self.cache[key] = reply["html"]
        self.dirty = True
        return reply["html"]

    def _ask(self, request: dict) -> dict:
        if self.process is None:
            node = shutil.which("node")
            if node is None:
                raise PluginError("math: Node.js is required to typeset equations")
            self.process = subprocess.Popen(
                [node, str(WORKER)],
                cwd=ROOT,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            )
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        try:
            line = read_reply(self.process, worker_timeout(), "math: the KaTeX worker")
        except WorkerTimeout:
            self.process = None
            raise
        if not line:
            raise PluginError("math: the KaTeX worker exited unexpectedly")
        return json.loads(line)

    def close(self) -> None:
        if self.process is not None:
            self.process.stdin.close()
            self.process.wait(timeout=10)
            self.process = None
        if self.dirty:
            write_text_atomic(CACHE_FILE, json.dumps(self.cache, sort_keys=True))
            self.dirty = False


def _load_cache() -> dict[str, str]:
    try:
        return json.loads(CACHE_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _katex_version() -> str:
    package = KATEX_DIST.parent / "package.json"
    if not package.is_file():
        raise PluginError(
            "math: node_modules/katex is missing. Run `make serve` or `make build` "
            "(they run `npm ci`), or `npm ci` yourself."
        )
    return json.loads(package.read_text(encoding="utf-8"))["version"]


def source_line(page: Page, tex: str) -> int:
    """Line of the page's Markdown source where `tex` first appears (1 if unknown)."""
    try:
        source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    except (OSError, TypeError):
        return 1
    first_line = tex.strip().splitlines()[0] if tex.strip() else tex
    offset = source.find(first_line)
    return source.count("\n", 0, offset) + 1 if offset >= 0 else 1


renderer: KatexRenderer | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global renderer
    # The worker's own code is part of the key: what it refuses can change the output.
    worker = hashlib.sha256(WORKER.read_bytes()).hexdigest()[:12]
    renderer = KatexRenderer(f"{_katex_version()}+{worker}")
    if CSS_URI not in config.extra_css:
        config.extra_css.insert(0, CSS_URI)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    css = (KATEX_DIST / "katex-swap.min.css").read_text(encoding="utf-8")
    # Every modern browser takes woff2; dropping the woff/ttf fallbacks keeps
    # the site small and every url() in the stylesheet pointing at a real file.
    css = re.sub(r',url\(fonts/[^)]+\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)', "", css)
    files.append(File.generated(config, CSS_URI, content=css))
    for font in sorted((KATEX_DIST / "fonts").glob("*.woff2")):
        files.append(
            File.generated(config, f"assets/katex/fonts/{font.name}", abs_src_path=str(font))
        )
    return files


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    assert renderer is not None

    def typeset(match: re.Match[str]) -> str:
        tag, body = match.group(1), html.unescape(match.group(2))
        delimited = DELIMITERS.match(body.strip())
        tex = delimited.group(1) if delimited else body
        display = tag == "div"
        try:
            return renderer.render(tex, display)
        except ValueError as error:
            line = source_line(page, tex)
            log.error(
                "%s:%d: KaTeX cannot typeset %s: %s. Fix the LaTeX on that line.",
                source_path(page.file),
                line,
                json.dumps(tex.strip()),
                error,
            )
            return (
                f'<{tag} class="math-error" role="alert">수식 오류: '
                f"<code>{html.escape(tex)}</code> ({html.escape(str(error))})</{tag}>"
            )

    def typeset_nav_title(match: re.Match[str]) -> str:
        title = match.group(2)
        if "\\(" not in title:
            return match.group(0)

        def typeset_math(m: re.Match[str]) -> str:
            try:
                return renderer.render(html.unescape(m.group(1)), False)
            except ValueError:
                return m.group(0)  # the heading itself reports the error, with its line

        typeset_title = NAV_MATH.sub(typeset_math, title)
        return match.group(1) + typeset_title + match.group(3)

    output = ARITHMATEX.sub(typeset, output)
    return NAV_TITLE.sub(typeset_nav_title, output)


def on_post_build(*, config: MkDocsConfig) -> None:
    if renderer is not None:
        renderer.close()


def on_build_error(*, error: Exception) -> None:
    if renderer is not None:
        renderer.close()
