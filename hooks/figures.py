"""Figures made by code: `![alt](snippet:topic/name.py "caption")` on a line of its own.

The snippet runs at build time (cached by a hash of its code), its SVG is added to
the site under figures/, and the page shows the figure with its source beside it.
Nothing is written into docs/.
"""

from __future__ import annotations

import logging
import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from artifact_cache import ArtifactCache
from dirty_serve import forget_built_page
from repo_paths import source_path
from snippet_runner import SnippetResult, build_all
from source_listing import SourceListings

log = logging.getLogger("mkdocs.hooks.figures")

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"
FIGURE_REF = re.compile(
    r'^(?P<indent>[ \t]*)!\[(?P<alt>[^\]]*)\]\(snippet:(?P<name>[^)\s"]+)'
    # a trailing {#fig:label} is numbered by the study-wiki-links plugin
    r'(?:\s+"(?P<caption>[^"]*)")?\)(?:[ \t]*\{[ \t]*#fig:[\w-]+[ \t]*\})?[ \t]*$',
    re.M,
)
SVG_SIZE = re.compile(rb'<svg[^>]*?width="([\d.]+)pt"[^>]*?height="([\d.]+)pt"', re.S)


@dataclass(frozen=True)
class FigureRef:
    page: str
    line: int
    name: str

    @property
    def snippet(self) -> Path:
        return SNIPPETS / self.name

    @property
    def uri(self) -> str:
        return "figures/" + self.name.removesuffix(".py") + ".svg"


FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,}).*?^[ \t]*\1[ \t]*$", re.M | re.S)


def figure_matches(markdown: str) -> list[re.Match[str]]:
    """Figure lines outside fenced code blocks (a guide may show the syntax itself)."""
    fenced = [m.span() for m in FENCE.finditer(markdown)]
    return [
        m
        for m in FIGURE_REF.finditer(markdown)
        if not any(start <= m.start() < end for start, end in fenced)
    ]


def find_refs(page_uri: str, markdown: str) -> list[FigureRef]:
    return [
        FigureRef(page_uri, markdown.count("\n", 0, m.start()) + 1, m.group("name"))
        for m in figure_matches(markdown)
    ]


def ref_problem(ref: FigureRef, alt: str) -> str | None:
    if not ref.name.endswith(".py") or not ref.snippet.resolve().is_relative_to(SNIPPETS):
        return f"'snippet:{ref.name}' must name a .py file under snippets/"
    if not ref.snippet.is_file():
        known = sorted(str(p.relative_to(SNIPPETS)) for p in SNIPPETS.rglob("*.py"))
        return (
            f"figure snippet 'snippets/{ref.name}' does not exist "
            f"(known: {', '.join(k for k in known if not k.endswith('__init__.py'))})"
        )
    if not alt.strip():
        return "figure has no alt text: describe what it shows inside ![...]"
    return None


class FigureState:
    def __init__(self) -> None:
        self.results: dict[Path, SnippetResult] = {}
        self.problems: dict[tuple[str, str, str], str] = {}
        self.timeout = 120.0
        self.jobs = os.cpu_count() or 1
        self.cache = ArtifactCache(ROOT / ".cache" / "figures", ".svg")
        self.listings = SourceListings(ROOT / ".cache" / "figure-sources", {})


state = FigureState()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    options = config.extra.get("figures", {})
    state.timeout = float(options.get("timeout", 120))
    state.jobs = int(os.environ.get("WIKI_SNIPPET_JOBS") or os.cpu_count() or 1)
    state.cache = ArtifactCache(ROOT / options.get("cache_dir", ".cache/figures"), ".svg")
    state.listings = SourceListings(
        ROOT / ".cache" / "figure-sources", config.mdx_configs.get("pymdownx.highlight", {})
    )
    return config


def _report(result: SnippetResult) -> None:
    name = result.snippet.relative_to(ROOT)
    if result.error is not None:
        log.info("figure %s: failed after %.1f s", name, result.seconds)
    elif result.cached:
        log.debug("figure %s: cached", name)
    else:
        log.info("figure %s: ran in %.1f s", name, result.seconds)


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    state.problems.clear()
    wanted: list[tuple[FigureRef, str]] = []
    for file in files.documentation_pages():
        if not file.src_uri.endswith(".md"):
            continue
        markdown = file.content_string
        for match, ref in zip(
            figure_matches(markdown), find_refs(file.src_uri, markdown), strict=True
        ):
            problem = ref_problem(ref, match.group("alt"))
            if problem:
                state.problems[(ref.page, ref.name, match.group("alt"))] = problem
                log.error("%s:%d: %s", source_path(file), ref.line, problem)
            else:
                wanted.append((ref, match.group("alt")))

    state.results = build_all(
        ROOT, [ref.snippet for ref, _ in wanted], state.cache, state.timeout, state.jobs, _report
    )
    ran = sum(not r.cached for r in state.results.values())
    log.info("figures: %d run, %d cached", ran, len(state.results) - ran)

    added: set[str] = set()
    for ref, alt in wanted:
        result = state.results[ref.snippet]
        if not result.cached:
            # its code lives outside the page: a dirty rebuild must still re-render it
            forget_built_page(files.get_file_from_path(ref.page))
        if result.error is not None:
            problem = f"figure snippet failed: {result.error}"
            state.problems[(ref.page, ref.name, alt)] = problem
            page_file = files.get_file_from_path(ref.page)
            log.error("%s:%d: %s", source_path(page_file), ref.line, problem)
        elif ref.uri not in added:
            added.add(ref.uri)
            files.append(File.generated(config, ref.uri, abs_src_path=str(result.output)))
    return files


def _size_attributes(svg: Path) -> str:
    match = SVG_SIZE.search(svg.read_bytes()[:2048])
    if not match:
        return ""
    width, height = (round(float(v) * 4 / 3) for v in match.groups())
    return f' width="{width}" height="{height}"'


def figure_markdown(page_uri: str, match: re.Match[str], result: SnippetResult) -> str:
    ref_uri = "figures/" + match.group("name").removesuffix(".py") + ".svg"
    src = posixpath.relpath(ref_uri, posixpath.dirname(page_uri) or ".")
    alt = match.group("alt").strip()
    caption = match.group("caption")
    source = f"snippets/{match.group('name')}"
    lines = [
        '<figure class="snippet-figure" markdown="span">',
        f"  ![{alt}]({src}){{ loading=lazy{_size_attributes(result.output)} }}"
        + (f"<figcaption>{caption}</figcaption>" if caption else ""),
        "</figure>",
        "",
        f'??? example "그림을 만든 코드: `{source}`"',
        "",
        "    " + state.listings.placeholder(source, (ROOT / source).read_text(encoding="utf-8")),
        "",
    ]
    return "\n".join(match.group("indent") + line if line else line for line in lines)


def failure_markdown(indent: str, problem: str) -> str:
    lines = ['!!! failure "그림을 만들지 못했습니다"', "", f"    `{problem}`", ""]
    return "\n".join(indent + line if line else line for line in lines)


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    def replace(match: re.Match[str]) -> str:
        key = (page.file.src_uri, match.group("name"), match.group("alt"))
        problem = state.problems.get(key)
        if problem is not None:
            return failure_markdown(match.group("indent"), problem.replace("`", "'"))
        result = state.results.get(SNIPPETS / match.group("name"))
        if result is None or result.output is None:
            return failure_markdown(match.group("indent"), "figure was not built")
        return figure_markdown(page.file.src_uri, match, result)

    pieces, last = [], 0
    for match in figure_matches(markdown):
        pieces += [markdown[last : match.start()], replace(match)]
        last = match.end()
    return "".join(pieces) + markdown[last:]


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return state.listings.fill(html)
