"""What the link syntax needs from the whole site: which page a name means, another page's
headings and numbers, the bibliography, the page being rendered. The links stage makes one
from the site model; an engine without the plugin, one read from the docs folder (`read_site`)."""

from __future__ import annotations

import functools
import logging
import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from markdown import Markdown
from markdown.extensions.toc import TocExtension
from mkdocs.structure.toc import get_toc

from study_wiki.core.paths import Project
from study_wiki.links.bibliography import BibError, Bibliography
from study_wiki.links.headings import heading_mark, headings_of
from study_wiki.links.index import LinkIndex, PageInfo
from study_wiki.links.syntax import anchor_id, label_text, split_label
from study_wiki.messages import Problem
from study_wiki.model import SiteModel, Source

log = logging.getLogger("mkdocs.plugins.study_wiki.links")

Slugify = Callable[[str, str], str]


@dataclass(frozen=True)
class Target:
    """Where a wikilink goes: `href` is a Markdown link target (`../x.md#id`), or None;
    `heading` (`x.md#heading`) is the heading whose id `href` still needs (`late`)."""

    href: str | None
    text: str
    css: str = "wikilink"
    title: str = ""
    heading: str = ""


class SiteContext:
    """The answers the Markdown extension asks for, for the page being rendered."""

    def __init__(
        self, index: LinkIndex, bib: Bibliography | None = None, *, late: bool = False
    ) -> None:
        self.index, self.bib, self.late = index, bib, late
        self.page: PageInfo | None = None

    def at(self, src_uri: str | None) -> None:
        self.page = self.index.pages.get(src_uri) if src_uri else None

    def wikilink(self, target: str, anchor: str, todo: bool) -> Target:
        index, here = self.index, self.page
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
        kind, label = split_label(anchor)
        number = page.labels[kind].get(label) if kind else None
        if number is not None:
            shown = label_text(kind, number)
            if page is not here:
                shown = f"{page.title}의 {shown}"
            return Target(f"{href}#{anchor_id(kind, label)}", shown, f"{kind}ref")
        if self.late:
            return Target(href, anchor, heading=heading_mark(page.src_uri, anchor))
        heading = index.heading_id(page, anchor)
        if heading is None:
            return Target(None, f"{target}#{anchor}", "wikilink wikilink--missing")
        return Target(f"{href}#{heading}", anchor)

    def figure_number(self, label: str) -> int | None:
        return None if self.page is None else self.page.labels["fig"].get(label)

    def bib_entry(self, key: str) -> str | None:
        return None if self.bib is None else self.bib.entry_html(key)


def load_bibliography(root: Path, shown: str) -> tuple[Bibliography | None, bool]:
    """(the .bib, whether it failed): a missing file is no bibliography, a bad one is
    logged as `file:line: what: how to fix`."""
    path = root / shown
    if not path.is_file():
        return None, False
    try:
        return Bibliography.load(path, shown), False
    except BibError as error:
        log.error("%s", error)
        return None, True


def index_site(
    pages: Iterable[Source], bib: Bibliography | None, bibliography: str, failed: bool
) -> LinkIndex:
    """Every page's names and labels, then every link checked (problems logged); a .bib
    that `failed` to load has said what to fix already."""
    no_bib = None if failed else f"there is no bibliography: add {bibliography} next to mkdocs.yml"
    index, pages = LinkIndex(), list(pages)
    for source in pages:
        index.add_page(source)
    keys = bib.keys() if bib is not None else None
    for source in pages:
        index.scan_links(source, keys, no_bib)
    report(index.problems)
    return index


def report(problems: Iterable[Problem]) -> None:
    for problem in sorted(problems, key=lambda p: (p.path, p.line or 0)):
        log.error("%s", problem)


def read_site(project: Project, bibliography: str, slugify: Slugify) -> SiteContext:
    """The site as the docs folder holds it, for an engine without the plugin."""
    folder = project.root / project.docs
    stamps = tuple(
        (str(path), stat.st_mtime_ns, stat.st_size)
        for path in [*sorted(folder.rglob("*.md")), project.root / bibliography]
        if path.is_file() and (stat := path.stat())
    )
    return SiteContext(*_read_site(project, bibliography, slugify, stamps))


@functools.lru_cache(maxsize=1)
def _read_site(
    project: Project, bibliography: str, slugify: Slugify, stamps: tuple
) -> tuple[LinkIndex, Bibliography | None]:
    site = SiteModel()
    site.read_folder(project)
    bib, failed = load_bibliography(project.root, bibliography)
    index = index_site(site.pages.values(), bib, bibliography, failed)
    # No page is rendered before another here: the ids toc gives the headings written in
    # each page (not those of includes or of other extensions).
    toc = Markdown(extensions=["attr_list", TocExtension(slugify=slugify)])
    headings = {}
    for source in site.pages.values():
        toc.reset().convert(source.masked[source.body :])
        headings[source.src_uri] = headings_of(get_toc(getattr(toc, "toc_tokens", [])))
    report(index.check_headings(headings))
    return index, bib
