"""The links stage: reads every page's names, labels and links before rendering, reports bad
links, numbers figures, adds backlinks to each page and builds the 링크 현황 page; links to
headings are checked and pointed at the ids the headings really got once all are rendered."""

from __future__ import annotations

import hashlib
import html
import posixpath
import re
from collections import defaultdict
from pathlib import Path

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from study_wiki.core.stage import Stage, add_deferred_script
from study_wiki.core.switches import Switch
from study_wiki.figure_syntax import figure_ids, number_figures
from study_wiki.links.context import SiteContext, index_site, load_bibliography, report
from study_wiki.links.index import Link, LinkIndex
from study_wiki.links.markdown import LinksExtension
from study_wiki.timelines import render
from study_wiki.timelines.render import Markdown

ASSETS = Path(__file__).with_name("assets")
ASSET_URI = "assets/study-wiki-links/"
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


class LinksStage(Stage[LinksConfig]):
    extension = "study_wiki.links.markdown"

    files: Files  # set in on_files, which MkDocs runs before any page is rendered

    @property
    def index(self) -> LinkIndex:
        return self.context.index

    def on_config(self, config: MkDocsConfig) -> None:
        self.context = SiteContext(LinkIndex(), late=True)
        config.markdown_extensions.append(LinksExtension(self.context))
        config.extra_css.append(ASSET_URI + "links.css")
        add_deferred_script(config, ASSET_URI + "previews.js")
        root = Path(config.config_file_path).parent
        self.context.bib, self.bib_failed = load_bibliography(root, self.config.bibliography)

    def on_serve(self, server, *, config: MkDocsConfig, **_):
        """`mkdocs serve` rebuilds when the bibliography changes (it is not in docs/)."""
        path = Path(config.config_file_path).parent / self.config.bibliography
        if path.is_file():
            server.watch(str(path))

    def on_files(self, files: Files, *, config: MkDocsConfig) -> None:
        self.context.index = index_site(
            self.site.pages.values(), self.context.bib, self.config.bibliography, self.bib_failed
        )
        if self.run.dirty:
            self._record_shown()
        status = self.config.status_page
        if files.get_file_from_path(status) is None:
            content = self._status_markdown(render.templates(config.theme.dirs))
            files.append(File.generated(config, status, content=content))
        for asset in ("links.css", "previews.js"):
            files.append(
                File.generated(config, ASSET_URI + asset, abs_src_path=str(ASSETS / asset))
            )
        self.files = files

    def on_page_markdown(self, markdown: str, *, page: Page, **_) -> str | None:
        self.context.at(page.file.src_uri)
        if self.context.page is None or "{#fig:" not in markdown:
            return markdown
        return number_figures(markdown, self.context.page.labels["fig"])

    def on_page_content(self, html_text: str, **_) -> str | None:
        self.context.page = None
        return figure_ids(html_text)

    def on_env(self, env, **_):
        """Every page rendered: the links to headings checked with file:line against the
        ids the headings got (a dirty build's record has those it did not render)."""
        report(self.index.check_headings(self.site.headings))

    def on_post_page(self, output: str, *, page: Page, **_) -> str | None:
        links = self.index.backlinks(page.file.src_uri)
        if not links:
            return output
        block = self._backlinks_html(links, page)
        return ARTICLE_END.sub(lambda m: m.group(1) + block + m.group(2), output, count=1)

    def _record_shown(self) -> None:
        """A page shows its backlinks, the titles and numbers of the pages it links to, and
        the ids of the headings it links to: made from their pages' text, which a dirty
        build renders before those ids are known."""
        outgoing = self.index.outgoing()
        targets = {link.target for link in self.index.heading_links}
        text_hash = {
            t: hashlib.sha256(self.site.pages[t].text.encode()).hexdigest() for t in targets
        }
        headings: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for link in self.index.heading_links:
            headings[link.source].add((link.target, text_hash[link.target]))
        for src_uri, page in self.index.pages.items():
            seen = [
                (t, self.index.pages[t].title, self.index.pages[t].labels)
                for t in sorted(outgoing.get(src_uri, ()))
            ]
            back = [(b.source, b.line, b.context) for b in self.index.backlinks(src_uri)]
            self.site.shows(src_uri, [page.title, seen, back, sorted(headings[src_uri])])

    def _backlinks_html(self, links: list[Link], page: Page) -> str:
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

    def _status_markdown(self, env: jinja2.Environment) -> str:
        """The 링크 현황 page, from template `generated/links.md`."""
        status = self.config.status_page

        def skip(src_uri: str) -> bool:
            return posixpath.basename(src_uri) == "index.md" or src_uri in ("tags.md", status)

        return render.page(
            env,
            "links",
            status,
            orphans=[(page, Markdown(page.shown)) for page in self.index.orphans(skip)],
            todo=self.index.todo_targets(),
            titles={src_uri: page.title for src_uri, page in self.index.pages.items()},
        )


def _with_math(escaped: str) -> str:
    """`$x$` in a backlink's sentence becomes math the site typesets at build time."""
    return INLINE_MATH.sub(r'<span class="arithmatex">\\(\1\\)</span>', escaped)
