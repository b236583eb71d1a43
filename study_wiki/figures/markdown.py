"""Figures made by code as a Python-Markdown extension, for an engine without the plugin
(ARCHITECTURE.md, "Engines"), with the figures stage's runner and caches."""

from __future__ import annotations

import functools
from pathlib import Path

from markdown import Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from study_wiki.core.artifact_cache import ArtifactCache
from study_wiki.core.atomic_file import holds, write_bytes_atomic
from study_wiki.core.engine import PageExtension, Rendering, rendering
from study_wiki.core.paths import Project
from study_wiki.core.switches import Seconds, from_environment, memory_limit_mb
from study_wiki.figure_syntax import figure_ids, number_figures
from study_wiki.figures import references
from study_wiki.figures.listing import SourceListings
from study_wiki.model import read_source


@functools.cache
def figures_of(project: Project, site_dir: Path, highlight: tuple) -> references.Figures:
    figures = references.Figures(
        project,
        ArtifactCache(project.cache / "figures", ".svg"),
        SourceListings(project.cache / "figure-sources", dict(highlight), lazy=False),
        from_environment(Seconds(120, "WIKI_SNIPPET_TIMEOUT")),  # as the figures stage's
        0,
        memory_limit_mb(),
    )
    figures.outputs = [site_dir]  # what the engine writes is not the snippets' doing
    return figures


def figures_for(here: Rendering) -> references.Figures:
    """The figures of the build (listings highlighted with the engine's options)."""
    options = here.options.get("pymdownx.highlight", {})
    return figures_of(here.project, here.site_dir, tuple(sorted(options.items())))


def lines_before(here: Rendering, text: str) -> int:
    """The lines of the page's file before `text`: an engine may hand the extensions
    the page's body alone (Zensical does, without the front matter)."""
    shown = here.project.page(here.page)
    path = here.project.root / shown
    if not here.page or not path.is_file():
        return 0
    source = read_source(here.page, shown, path.read_bytes())
    return 0 if source.text.startswith(text) else source.text.count("\n", 0, source.body)


class DrawFigures(Preprocessor):
    """Each `![…](snippet:…)` line: the snippet run (or cached), its SVG in the site."""

    def __init__(self, md: Markdown, options: dict[str, str]):
        super().__init__(md)
        self.options = options

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if "snippet:" not in text:
            return lines
        here = rendering(self.md, page=self.options["page"])
        figures = figures_for(here)
        above = "\n" * lines_before(here, text)  # a problem names the line of the file
        text = number_figures(text)
        page = references.Page(here.page, here.project.page(here.page), above + text)
        for ref, result in figures.build([page]):
            if result.error is None and result.output is not None:
                target = here.site_dir / ref.uri
                data = result.output.read_bytes()
                if not holds(target, data):
                    write_bytes_atomic(target, data)
        return figures.render(here.page, text).split("\n")


class FillListings(Postprocessor):
    def run(self, text: str) -> str:
        if "FIGURE-SOURCE-" not in text and "fig-number" not in text:
            return text
        here = rendering(self.md)
        return figure_ids(figures_for(here).listings.fill(text, ""))


class FiguresExtension(PageExtension):
    def extendMarkdown(self, md: Markdown) -> None:
        # Before pymdownx.snippets (32) and the rest read the page.
        md.preprocessors.register(DrawFigures(md, self.getConfigs()), "study_wiki_figures", 35)
        md.postprocessors.register(FillListings(md), "study_wiki_listings", 11)


def makeExtension(**kwargs) -> FiguresExtension:
    return FiguresExtension(**kwargs)
