"""The maths stage: KaTeX's stylesheet and fonts in, pages typeset."""

from __future__ import annotations

import re

from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from study_wiki.accessible_html import accessible
from study_wiki.core.stage import Stage, add_deferred_script
from study_wiki.core.switches import Seconds, Switch
from study_wiki.math import deferred, fonts, katex
from study_wiki.math.markdown import EquationLabelsExtension


class MathConfig(Config):
    # Seconds the KaTeX worker may take to answer (WIKI_WORKER_TIMEOUT).
    worker_timeout = Seconds(default=120, setting="WIKI_WORKER_TIMEOUT")
    # Equations past the article's first blocks wait in a <template> (math/deferred.py).
    defer_offscreen = Switch(default=True)


# KaTeX's stylesheet as linked from a page's head (its address is relative to the page).
STYLESHEET_LINK = re.compile(
    r'<link rel="stylesheet" href="([^"]*' + re.escape(katex.CSS_URI) + r')">'
)


class MathStage(Stage[MathConfig]):
    extension = "study_wiki.math.markdown"
    renderer: katex.KatexRenderer | None = None
    fonts_by_classes: dict[frozenset[str], str] = {}

    def on_config(self, config: MkDocsConfig) -> None:
        # Bad TeX is reported once, at its source line.
        self.reported: set[tuple[str, str]] = set()
        self.elsewhere: dict[str, tuple[str, ValueError]] = {}
        config.markdown_extensions.append(EquationLabelsExtension())
        problem = katex.unavailable(self.project.root)
        if problem:
            config.extra_css[:] = [css for css in config.extra_css if css != katex.CSS_URI]
            # A preview of text needs no Node.js; a strict build fails on this warning.
            katex.log.warning("%s. Until then equations are shown as their TeX source.", problem)
            return
        self.renderer = katex.KatexRenderer(
            self.project.root,
            self.project.cache / "katex" / "rendered.json",
            self.config.worker_timeout,
            self.kept.setdefault("caches", {}),
        )
        if katex.CSS_URI not in config.extra_css:
            config.extra_css.insert(0, katex.CSS_URI)
        if self.config.defer_offscreen:
            add_deferred_script(config, deferred.SCRIPT_URI)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> None:
        if self.renderer is None:
            return
        root = self.project.root
        css = katex.katex_css(root)
        if self.config.defer_offscreen:
            css += "\n" + deferred.CSS_FILE.read_text(encoding="utf-8")
            script = str(deferred.SCRIPT_FILE)
            files.append(File.generated(config, deferred.SCRIPT_URI, abs_src_path=script))
        files.append(File.generated(config, katex.CSS_URI, content=css))
        shipped = katex.katex_fonts(root)
        names = {file.stem for file in shipped}
        self.fonts_by_classes = {
            classes: font for classes, font in fonts.fonts_by_classes(css).items() if font in names
        }
        for font in shipped:
            files.append(
                File.generated(config, f"assets/katex/fonts/{font.name}", abs_src_path=str(font))
            )

    def on_post_page(self, output: str, *, page: Page, **_) -> str:
        if self.renderer is None:
            return output

        def report(tex: str, error: ValueError) -> None:
            shown = self.project.page(page.file.src_uri)
            line = katex.source_line(page.file.abs_src_path, tex)
            if line is None:  # from another page (a backlink's sentence, an excerpt)
                self.elsewhere.setdefault(tex, (shown, error))
            elif (shown, tex) not in self.reported:
                self.reported.add((shown, tex))
                katex.log.error("%s", katex.cannot_typeset(shown, line, tex, error))

        defer_from = (
            deferred.defer_from(output, katex.equation_count(output))
            if self.config.defer_offscreen
            else None
        )
        try:
            typeset = katex.typeset_page(output, self.renderer, report, defer_from)
        except katex.MathError as error:
            raise PluginError(str(error)) from error
        # Lazy layout goes with equations that really wait, not with their count
        # alone, and with long articles.
        lazy = (defer_from is not None and deferred.TEMPLATE in typeset) or deferred.long_article(
            typeset
        )
        # A lazily laid out article draws its blocks past the first ones only near the screen.
        laid_out = deferred.first_deferred_offset(typeset) if lazy else None
        typeset = self.preload_fonts(typeset, laid_out)
        if lazy:
            typeset = typeset.replace(deferred.ARTICLE, deferred.LAZY_ARTICLE, 1)
        # Every page passes here once typeset: the markup fixes for keyboard and
        # screen readers go with it.
        return accessible(typeset)

    def preload_fonts(self, page_html: str, laid_out: int | None) -> str:
        """The page with the fonts of the equations it lays out at load (up to offset
        `laid_out`) preloaded beside KaTeX's stylesheet."""
        used = fonts.fonts_laid_out(page_html[:laid_out], self.fonts_by_classes)
        link = STYLESHEET_LINK.search(page_html)
        if not used or link is None:
            return page_html
        preloads = fonts.preload_links(used, link.group(1))
        return page_html[: link.start()] + preloads + page_html[link.start() :]

    def on_post_build(self, **_) -> None:
        # Bad TeX only seen where it was shown, not in any source rendered this build.
        in_sources = {tex for _, tex in self.reported}
        for tex, (shown, error) in self.elsewhere.items():
            if tex not in in_sources:
                katex.log.error("%s", katex.cannot_typeset(shown, 1, tex, error))
        if self.renderer is not None:
            self.renderer.close()

    def on_build_error(self, **_) -> None:
        if self.renderer is not None:
            self.renderer.close()
