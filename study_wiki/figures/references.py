"""Figures made by code, `![alt](snippet:topic/name.py "caption")` on a line of its own: run
at build time, cached by a hash of their code, shown with their source. Nothing here knows
MkDocs: the stage (plugin.py) hands it the pages."""

from __future__ import annotations

import html
import json
import logging
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from study_wiki import confinement
from study_wiki.core.artifact_cache import ArtifactCache
from study_wiki.core.paths import Project
from study_wiki.core.portable import portable_path, read_source
from study_wiki.figure_syntax import NUMBER_MARK, caption_html, scan
from study_wiki.figures.child import ALT_PREFIX
from study_wiki.figures.listing import SourceListings
from study_wiki.figures.runner import SnippetResult, build_all, execute
from study_wiki.messages import Problem
from study_wiki.model import Source

log = logging.getLogger("mkdocs.plugins.study_wiki.figures")

ALT_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
SVG_DESCRIPTION = re.compile(r"<dc:description>(.*?)</dc:description>", re.S)
SVG_SIZE = re.compile(rb'<svg[^>]*?width="([\d.]+)pt"[^>]*?height="([\d.]+)pt"', re.S)


def svg_uri(name: str) -> str:
    return "figures/" + name.removesuffix(".py") + ".svg"


@dataclass(frozen=True)
class FigureRef:
    page: str
    line: int
    name: str
    alt: str

    def snippet(self, snippets: Path) -> Path:
        return snippets / self.name

    @property
    def uri(self) -> str:
        return svg_uri(self.name)


def find_refs(page_uri: str, markdown: str, masked: str | None = None) -> list[FigureRef]:
    """The page's figure lines outside code blocks and HTML comments (a guide may show
    the syntax); `snippet:nn\\lstm.py`, as Windows writes paths, is nn/lstm.py."""
    return [
        FigureRef(
            page_uri, markdown.count("\n", 0, m.start()) + 1, portable_path(m["name"]), m["alt"]
        )
        for m in scan(markdown, masked).figures
    ]


def ref_problem(ref: FigureRef, snippets: Path) -> str | None:
    snippet = ref.snippet(snippets)
    if not ref.name.endswith(".py") or not snippet.resolve().is_relative_to(snippets):
        return f"'snippet:{ref.name}' must name a .py file under snippets/"
    if not snippet.is_file():
        known = sorted(portable_path(p.relative_to(snippets)) for p in snippets.rglob("*.py"))
        return (
            f"figure snippet 'snippets/{ref.name}' does not exist "
            f"(known: {', '.join(k for k in known if not k.endswith('__init__.py'))})"
        )
    if not ref.alt.strip():
        return "figure has no alt text: describe what it shows inside ![...]"
    return None


@dataclass(frozen=True)
class Page:
    """A Markdown page the site model does not hold (an engine without the plugin), with
    what the figures read of a model's page (a `Source`)."""

    src_uri: str
    shown: str
    text: str
    masked: str | None = None


@dataclass(eq=False)
class Figures:
    """The figures of one build: which snippets pages name, their results, their listings."""

    project: Project
    cache: ArtifactCache
    listings: SourceListings
    timeout: float
    jobs: int
    memory_mb: int
    snippets: Path = field(init=False)
    results: dict[Path, SnippetResult] = field(default_factory=dict)
    problems: dict[tuple[str, str, str], str] = field(default_factory=dict)
    # Where this build writes: not the snippets' doing.
    outputs: list[Path] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.snippets = self.project.snippets.resolve()

    def _report(self, result: SnippetResult) -> None:
        name = self.project.shown(result.snippet)
        if result.error is not None:
            log.info("figure %s: failed after %.1f s", name, result.seconds)
        elif result.cached:
            log.debug("figure %s: cached", name)
        else:
            log.info("figure %s: ran in %.1f s", name, result.seconds)

    def _check_confinement(self, ran: list[Path], before: confinement.Listing) -> None:
        """Reports each file the snippets that ran wrote into the repository. Snippets
        run side by side, so when several ran, each is run again alone to name it."""
        root, aside = self.project.root, self.project.cache / confinement.ASIDE
        after = confinement.listing(root, self.outputs)
        found = confinement.trespasses(root, before, after, aside)
        if not found:
            return
        suspects = {snippet: found for snippet in ran}
        if len(ran) > 1:
            for snippet in ran:
                alone = confinement.listing(root, self.outputs)
                execute(root, snippet, self.timeout, self.memory_mb)
                after = confinement.listing(root, self.outputs)
                suspects[snippet] = confinement.trespasses(root, alone, after, aside)
        for snippet, trespasses in suspects.items():
            for trespass in trespasses:
                log.error("%s", confinement.message(self.project.shown(snippet), trespass))
        # Not made again by any snippet alone: still reported, naming every one that ran.
        named = {trespass.path for trespasses in suspects.values() for trespass in trespasses}
        everyone = " or ".join(self.project.shown(snippet) for snippet in ran)
        for trespass in found:
            if trespass.path not in named:
                log.error("%s", confinement.message(everyone, trespass))

    def build(self, pages: Iterable[Page | Source]) -> list[tuple[FigureRef, SnippetResult]]:
        """Run (or fetch) every figure the pages name: each good reference's result. Problems
        are logged as `file:line: ...` errors and shown on the page instead."""
        self.problems.clear()
        wanted: list[tuple[FigureRef, str]] = []
        for page in pages:
            for miss in scan(page.text, page.masked).near_misses:
                log.error("%s", Problem(page.shown, miss.line, miss.problem))
            for ref in find_refs(page.src_uri, page.text, page.masked):
                if problem := ref_problem(ref, self.snippets):
                    self._refuse(ref, page.shown, problem)
                else:
                    wanted.append((ref, page.shown))

        before = confinement.listing(self.project.root, self.outputs)
        self.results = build_all(
            self.project.root,
            [ref.snippet(self.snippets) for ref, _ in wanted],
            self.cache,
            self.timeout,
            self.jobs,
            self._report,
            self.memory_mb,
        )
        ran = [r.snippet for r in self.results.values() if not r.cached]
        log.info("figures: %d run, %d cached", len(ran), len(self.results) - len(ran))
        if ran:
            self._check_confinement(ran, before)

        built = []
        failed: set[Path] = set()  # each failed snippet is reported once, where first shown
        for ref, shown in wanted:
            result = self.results[ref.snippet(self.snippets)]
            if result.error is not None:
                reported = result.snippet in failed
                self._refuse(ref, shown, f"figure snippet failed: {result.error}", reported)
                failed.add(result.snippet)
            elif problem := alt_problem(ref.alt, result):
                self._refuse(ref, shown, problem)
            built.append((ref, result))
        return built

    def _refuse(self, ref: FigureRef, shown: str, problem: str, reported: bool = False) -> None:
        """The figure is shown as its problem, logged at its line unless `reported`."""
        self.problems[(ref.page, ref.name, ref.alt)] = problem
        if not reported:
            log.error("%s", Problem(shown, ref.line, problem))

    def figure_markdown(self, page_uri: str, match: re.Match[str], output: Path) -> str:
        name = portable_path(match.group("name"))
        src = posixpath.relpath(svg_uri(name), posixpath.dirname(page_uri) or ".")
        alt = fill_alt(match.group("alt").strip(), alt_values(output))
        caption = match.group("caption")
        kind = "example lazy-listing" if self.listings.lazy else "example"
        lines = [
            '<figure class="snippet-figure" markdown="span">',
            f"  ![{alt}]({src}){{ loading=lazy{_size_attributes(output)} }}"
            + (f"<figcaption>{caption_html(caption)}</figcaption>" if caption else ""),
            "</figure>",
            "",
            f'??? {kind} "그림을 만든 코드: `snippets/{name}`"',
            "",
            "    " + self.listing(name),
            "",
        ]
        return "\n".join(match.group("indent") + line if line else line for line in lines)

    def render(self, page_uri: str, markdown: str) -> str:
        """The page's Markdown with each figure line replaced by the figure and its code."""

        def replace(match: re.Match[str]) -> str:
            name = portable_path(match.group("name"))
            problem = self.problems.get((page_uri, name, match.group("alt")))
            result = self.results.get(self.snippets / name)
            if problem is None and result is not None and result.output is not None:
                return self.figure_markdown(page_uri, match, result.output)
            # The figure's number and anchor stay: references to it still lead here.
            number = NUMBER_MARK.search(match.group("caption") or "")
            return failure_markdown(
                match.group("indent"),
                (problem or "figure was not built").replace("`", "'"),
                caption_html(number.group(0)) if number else "",
            )

        pieces, last = [], 0
        for match in scan(markdown).figures:
            pieces += [markdown[last : match.start()], replace(match)]
            last = match.end()
        return "".join(pieces) + markdown[last:]

    def listing(self, name: str) -> str:
        """The placeholder of a figure's code listing, highlighted once (the stage asks
        before pages render: lazy listings are files of their own)."""
        source = f"snippets/{name}"
        return self.listings.placeholder(source, read_source(self.project.root / source))


def alt_values(svg: Path) -> dict[str, str]:
    """The numbers a snippet's alt_values() saved into its SVG, or {}."""
    match = SVG_DESCRIPTION.search(svg.read_text(encoding="utf-8", errors="replace")[:8192])
    if not match:
        return {}
    text = html.unescape(match.group(1))
    if not text.startswith(ALT_PREFIX):
        return {}
    try:
        values = json.loads(text[len(ALT_PREFIX) :])
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in values.items()} if isinstance(values, dict) else {}


def _alt_escape(value: str) -> str:
    return re.sub(r"([\\\[\]`*_])", r"\\\1", html.escape(value[:200], quote=True))


def fill_alt(alt: str, values: dict[str, str]) -> str:
    return ALT_FIELD.sub(lambda m: _alt_escape(values[m.group(1)]), alt)


def alt_problem(alt: str, result: SnippetResult) -> str | None:
    wanted = ALT_FIELD.findall(alt)
    if not wanted or result.output is None:
        return None
    values = alt_values(result.output)
    missing = [name for name in wanted if name not in values]
    if not missing:
        return None
    known = ", ".join(sorted(values)) or "none: the snippet defines no alt_values()"
    return (
        f"alt text asks for {{{missing[0]}}} but the snippet's alt_values() does not give it "
        f"(given: {known}): fix the name or return it from alt_values()"
    )


def _size_attributes(svg: Path) -> str:
    match = SVG_SIZE.search(svg.read_bytes()[:2048])
    if not match:
        return ""
    width, height = (round(float(v) * 4 / 3) for v in match.groups())
    return f' width="{width}" height="{height}"'


def failure_markdown(indent: str, problem: str, number: str = "") -> str:
    text = " ".join(filter(None, [number, f"`{problem}`"]))
    lines = ['!!! failure "그림을 만들지 못했습니다"', "", f"    {text}", ""]
    return "\n".join(indent + line if line else line for line in lines)
