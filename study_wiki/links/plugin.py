"""The links stage: what the link syntax needs from the whole site.

It reads every page before rendering (names, headings, labels, links), reports bad
links with file:line, gives the Markdown extension its answers, numbers figures,
adds "이 페이지를 가리키는 글" (backlinks) to each page and builds the 링크 현황 page
(orphans and pages still to be written). The hover previews are a small deferred
script of the site.
"""

from __future__ import annotations

import html
import logging
import posixpath
import re
from pathlib import Path
from typing import Any

from markdown.extensions.toc import slugify as default_slugify
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from study_wiki.core.page_scripts import add_deferred_script
from study_wiki.core.stage import Stage
from study_wiki.core.switches import Switch
from study_wiki.figure_syntax import number_mark
from study_wiki.links.bibliography import BibError, Bibliography
from study_wiki.links.index import Link, LinkIndex, PageInfo
from study_wiki.links.markdown import LinksExtension, Target
from study_wiki.links.syntax import FIG_LABEL, KINDS, anchor_id, mask_code

log = logging.getLogger("mkdocs.plugins.study_wiki.links")

ASSETS = Path(__file__).with_name("assets")
ASSET_URI = "assets/study-wiki-links/"
FIGURE_ID = re.compile(
    r"""(<figure class="snippet-figure")(>(?:(?!</figure>).)*?)"""
    r"""<span class=["']fig-number["'] id=["']([\w-]+)["']>""",
    re.S,
)
# Backlinks go at the end of the page's text: before its history (source-file) or its end.
ARTICLE_END = re.compile(
    r"(<article class=\"md-content__inner[^\"]*\">.*?)(<aside class=\"md-source-file\"|</article>)",
    re.S,
)
INLINE_MATH = re.compile(r"\$([^$\n]+?)\$")


class LinksConfig(base.Config):
    enabled = Switch()
    # BibTeX file for [@key] citations, relative to mkdocs.yml.
    bibliography = c.Type(str, default="references.bib")
    # The generated page listing orphans and pages still to be written.
    status_page = c.Type(str, default="links.md")


class SiteContext:
    """The answers the Markdown extension asks for, for the page being rendered."""

    def __init__(self, plugin: LinksStage) -> None:
        self.plugin = plugin
        self.page: PageInfo | None = None

    def wikilink(self, target: str, anchor: str, todo: bool) -> Target:
        index, here = self.plugin.index, self.page
        if here is None:
            return Target(None, target or anchor, "wikilink wikilink--missing")
        page = here if not target else index.resolve(target).page
        if page is None:
            css = "wikilink wikilink--todo" if todo else "wikilink wikilink--missing"
            title = "아직 없는 페이지입니다" if todo else "찾을 수 없는 페이지입니다"
            return Target(None, target, css, title)
        href = (
            ""
            if page is here
            else posixpath.relpath(page.src_uri, posixpath.dirname(here.src_uri) or ".")
        )
        if not anchor:
            return Target(href or "#", index.display_name(page, target))
        for kind, word in KINDS.items():
            if anchor.startswith(f"{kind}:"):
                label = anchor[len(kind) + 1 :]
                number = index.label_number(page, kind, label)
                if number is None:
                    break
                shown = f"{word} ({number})" if kind == "eq" else f"{word} {number}"
                if page is not here:
                    shown = f"{page.title}의 {shown}"
                return Target(f"{href}#{anchor_id(kind, label)}", shown, f"{kind}ref")
        heading = index.heading_id(page, anchor)
        if heading is None:
            return Target(None, f"{target}#{anchor}", "wikilink wikilink--missing")
        return Target(f"{href}#{heading}", anchor)

    def figure_number(self, label: str) -> int | None:
        return None if self.page is None else self.page.labels["fig"].get(label)

    def has_entry(self, key: str) -> bool:
        bib = self.plugin.bib
        return bib is not None and key in bib.data.entries

    def bib_entry(self, key: str) -> str | None:
        bib = self.plugin.bib
        return None if bib is None else bib.entry_html(key)


class LinksStage(Stage[LinksConfig]):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.index = LinkIndex(default_slugify)
        self.bib: Bibliography | None = None
        self.bib_failed = False
        self.context = SiteContext(self)
        self.files: Files | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        config.markdown_extensions.append(LinksExtension(self.context))
        config.extra_css.append(ASSET_URI + "links.css")
        add_deferred_script(config, ASSET_URI + "previews.js")
        root = Path(config.config_file_path).parent
        path = root / self.config.bibliography
        self.bib, self.bib_failed = None, False
        if path.is_file():
            try:
                self.bib = Bibliography.load(path, self.config.bibliography)
            except BibError as error:
                self.bib_failed = True
                log.error("%s", error)
        return config

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        """`mkdocs serve` rebuilds when the bibliography changes (it is not in docs/)."""
        path = Path(config.config_file_path).parent / self.config.bibliography
        if path.is_file():
            server.watch(str(path))
        return server

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        toc = config.mdx_configs.get("toc", {})
        self.index = LinkIndex(toc.get("slugify") or default_slugify)
        for source in self.site.pages.values():
            self.index.add_page(source)
        keys = self.bib.keys() if self.bib is not None else None
        no_bib = (
            None  # its own error says what to fix
            if self.bib_failed
            else f"there is no bibliography: add {self.config.bibliography} next to mkdocs.yml"
        )
        for source in self.site.pages.values():
            self.index.scan_links(source, keys, no_bib)
        for problem in sorted(self.index.problems, key=lambda p: (p.path, p.line or 0)):
            log.error("%s", problem)
        if self.run.dirty:
            self._record_shown()
        status = self.config.status_page
        if files.get_file_from_path(status) is None:
            files.append(File.generated(config, status, content=self._status_markdown()))
        for asset in ("links.css", "previews.js"):
            files.append(
                File.generated(config, ASSET_URI + asset, abs_src_path=str(ASSETS / asset))
            )
        self.files = files
        return files

    # ------------------------------------------------------------------ pages

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        self.context.page = self.index.pages.get(page.file.src_uri)
        if self.context.page is None or "{#fig:" not in markdown:
            return markdown
        numbers = self.context.page.labels["fig"]
        masked = mask_code(markdown)

        def number(match: re.Match[str]) -> str:
            if masked[match.start() : match.end()] != match.group(0):
                return match.group(0)  # inside code: shown as written
            label = match.group("label")
            figure, caption = match.group("figure"), match.group("caption")
            # A mark, not HTML: the figures plugin escapes captions as text.
            tag = number_mark(anchor_id("fig", label), numbers.get(label, "?"))
            if caption is None:
                return figure[:-1] + f' "{tag}")'
            start, end = match.span("caption")
            offset = match.start()
            return figure[: start - offset] + f"{tag} {caption}" + figure[end - offset :]

        return FIG_LABEL.sub(number, markdown)

    def on_page_content(
        self, html_text: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        self.context.page = None
        return FIGURE_ID.sub(
            lambda m: f'{m.group(1)} id="{m.group(3)}"{m.group(2)}<span class="fig-number">',
            html_text,
        )

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if self.files is None:
            return output
        links = self.index.backlinks(page.file.src_uri)
        if not links:
            return output
        block = self._backlinks_html(links, page)
        return ARTICLE_END.sub(lambda m: m.group(1) + block + m.group(2), output, count=1)

    def _record_shown(self) -> None:
        """A page shows its backlinks and the titles and numbers of the pages it links to."""
        outgoing = self.index.outgoing()
        for src_uri, page in self.index.pages.items():
            seen = [
                (t, self.index.pages[t].title, self.index.pages[t].labels)
                for t in sorted(outgoing.get(src_uri, ()))
            ]
            back = [(b.source, b.line, b.context) for b in self.index.backlinks(src_uri)]
            self.site.shows(src_uri, [page.title, seen, back])

    # ---------------------------------------------------------------- output

    def _backlinks_html(self, links: list[Link], page: Page) -> str:
        assert self.files is not None
        items = []
        for link in links:
            source = self.index.pages[link.source]
            file = self.files.get_file_from_path(link.source)
            if file is None:
                continue
            url = get_relative_url(file.url, page.url)
            before, text, after = (_with_math(html.escape(part)) for part in link.context)
            items.append(
                f'<li><a href="{html.escape(url)}">{html.escape(source.title)}</a>'
                f'<p class="backlinks__context">{before} <mark>{text}</mark> {after}</p></li>'
            )
        return (
            '<aside class="backlinks" aria-labelledby="backlinks-title">'
            '<h2 id="backlinks-title">이 페이지를 가리키는 글</h2>'
            f"<ul>{''.join(items)}</ul></aside>"
        )

    def _status_markdown(self) -> str:
        status = self.config.status_page
        here = posixpath.dirname(status) or "."

        def link(src_uri: str) -> str:
            page = self.index.pages[src_uri]
            return f"[{_md_text(page.title)}]({posixpath.relpath(src_uri, here)})"

        def skip(src_uri: str) -> bool:
            name = posixpath.basename(src_uri)
            return name == "index.md" or src_uri in ("tags.md", status)

        lines = [
            "---",
            "description: 아무 글도 가리키지 않는 페이지와 아직 없는 페이지 목록입니다.",
            "---",
            "",
            "# 링크 현황",
            "",
            "이 페이지는 빌드할 때 만들어집니다. 링크 쓰는 법은 기여 안내를 보세요.",
            "",
            "## 아무 글도 가리키지 않는 페이지 { #orphans }",
            "",
        ]
        orphans = self.index.orphans(skip)
        lines += [f"- {link(p.src_uri)} (`{p.shown}`)" for p in orphans] or ["없습니다."]
        lines += ["", "## 아직 없는 페이지 { #todo }", ""]
        todo = self.index.todo_targets()
        for name, uses in todo.items():
            where = ", ".join(f"{link(u.source)} {u.line}번째 줄" for u in uses)
            lines.append(f"- **{_md_text(name)}**: {where}")
        if not todo:
            lines.append("없습니다.")
        return "\n".join(lines) + "\n"


def _md_text(text: str) -> str:
    """Text shown as is inside generated Markdown (no markup, no HTML)."""
    text = html.escape(text, quote=False)
    return re.sub(r"([\\`*_{}\[\]()#+!|~^$<>])", r"\\\1", text)


def _with_math(escaped: str) -> str:
    """`$x$` in a backlink's sentence becomes math the site typesets at build time."""
    return INLINE_MATH.sub(r'<span class="arithmatex">\\(\1\\)</span>', escaped)
