"""KaTeX at build time as a Python-Markdown extension, for an engine without the plugin
(ARCHITECTURE.md, "Engines"). Under MkDocs the math stage typesets finished pages instead:
navigation titles, backlinks and deferred equations need them."""

from __future__ import annotations

import atexit
import functools
import shutil
import threading
from pathlib import Path

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from study_wiki.core.atomic_file import write_text_atomic
from study_wiki.core.engine import PageExtension, rendering
from study_wiki.core.paths import Project
from study_wiki.links.syntax import EQ_LABEL
from study_wiki.math import katex

# One KaTeX worker answers one request at a time; an engine may convert pages in threads.
WORKER_LOCK = threading.Lock()


@functools.cache
def renderer(project: Project, site_dir: Path) -> katex.KatexRenderer | None:
    """The build's KaTeX worker (closed, and its cache saved, when the engine exits),
    with the stylesheet and fonts copied into the site; None when KaTeX cannot run."""
    problem = katex.unavailable(project.root)
    if problem:
        katex.log.error("%s. Until then equations are shown as their TeX source.", problem)
        return None
    assets = site_dir / "assets" / "katex"
    write_text_atomic(assets / "katex.min.css", katex.katex_css(project.root))
    (assets / "fonts").mkdir(exist_ok=True)
    for font in katex.katex_fonts(project.root):
        shutil.copyfile(font, assets / "fonts" / font.name)
    made = katex.KatexRenderer(project.root, project.cache / "katex" / "rendered.json")
    atexit.register(made.close)
    return made


class Typeset(Postprocessor):
    def __init__(self, md: Markdown, options: dict[str, str]):
        super().__init__(md)
        self.options = options

    def run(self, text: str) -> str:
        if not katex.equation_count(text):
            return text
        here = rendering(self.md, page=self.options["page"])
        made = renderer(here.project, here.site_dir)
        if made is None:
            return text
        shown = here.project.page(here.page)

        def report(tex: str, error: ValueError) -> None:
            line = katex.source_line(str(here.project.root / shown), tex) or 1
            katex.log.error("%s", katex.cannot_typeset(shown, line, tex, error))

        with WORKER_LOCK:
            return katex.typeset_page(text, made, report)


class UnnumberedLabels(Preprocessor):
    """`$$ {#eq:x}` left unnumbered (the links feature off, or not listed) still closes
    its equation, as a figure's `{#fig:x}` is dropped then: the label is taken out."""

    def run(self, lines: list[str]) -> list[str]:
        return [
            line[: found.start()] + "$$" if (found := EQ_LABEL.search(line)) else line
            for line in lines
        ]


class EquationLabelsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After the links' numbering (24) and superfences, before arithmatex reads blocks.
        md.preprocessors.register(UnnumberedLabels(md), "study_wiki_unnumbered_labels", 23)


class MathExtension(PageExtension):
    def extendMarkdown(self, md: Markdown) -> None:
        EquationLabelsExtension().extendMarkdown(md)
        # After the raw HTML (30) and its ampersands (20) are back in the page.
        md.postprocessors.register(Typeset(md, self.getConfigs()), "study_wiki_katex", 10)


def makeExtension(**kwargs) -> MathExtension:
    return MathExtension(**kwargs)
