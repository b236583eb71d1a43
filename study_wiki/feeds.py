"""The feeds stage: RSS 2.0 and Atom feeds of the daily log and an RSS feed of each part of a
day, written offline with absolute links from `site_url`; ElementTree escapes every text."""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import quote, urljoin

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from study_wiki.core.atomic_file import write_bytes_atomic
from study_wiki.core.stage import Stage
from study_wiki.core.switches import Switch
from study_wiki.escaping import plain_authors, plain_text, plain_title
from study_wiki.model import PART_NAMES, STUDY, part_of
from study_wiki.notes.metadata import KST, page_dates

log = logging.getLogger("mkdocs.plugins.study_wiki.feeds")

ATOM_NS = "http://www.w3.org/2005/Atom"
DC_NS = "http://purl.org/dc/elements/1.1/"
MORE = re.compile(r"<!--\s*more\s*-->", re.IGNORECASE)
LINK_ATTR = re.compile(r'\b(href|src)="([^"]*)"')
LEADING_H1 = re.compile(r"^\s*<h1\b.*?</h1>", re.DOTALL)
HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class FeedsConfig(Config):
    enabled = Switch()
    # Material's blog posts are the site-wide feeds' entries; each part of a day (the
    # model's PARTS) also has its own feed in category_dir.
    rss = c.Type(str, default="feed_rss.xml")
    atom = c.Type(str, default="feed_atom.xml")
    category_dir = c.Type(str, default="feeds")
    length = c.Type(int, default=20)


@dataclass
class Entry:
    title: str
    url: str
    published: dt.datetime
    updated: dt.datetime
    authors: list[str]
    categories: list[str]
    summary: str
    content: str
    source: str = ""


def absolute_links(html: str, base: str) -> str:
    """Relative href/src made absolute against the page's URL (feed readers have no base).
    Values with a scheme (https:, mailto:, data:) are left as they are by urljoin."""
    return LINK_ATTR.sub(lambda m: f'{m.group(1)}="{urljoin(base, m.group(2))}"', html)


def slug(text: str) -> str:
    """Category file name: Hangul and ASCII letters kept, the rest joined by '-'."""
    return re.sub(r"[^0-9a-z\uac00-\ud7a3]+", "-", text.lower()).strip("-") or "category"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def rss_document(
    entries: list[Entry], *, title: str, description: str, home: str, self_url: str
) -> ET.Element:
    # Prefixed names are written literally, with their namespaces declared on the root.
    rss = ET.Element("rss", {"version": "2.0", "xmlns:atom": ATOM_NS, "xmlns:dc": DC_NS})
    channel = _sub(rss, "channel")
    _sub(channel, "title", title)
    _sub(channel, "link", home)
    _sub(channel, "description", description)
    _sub(channel, "language", "ko")
    _sub(channel, "atom:link", href=self_url, rel="self", type="application/rss+xml")
    if entries:
        _sub(channel, "lastBuildDate", format_datetime(max(e.updated for e in entries)))
    for entry in entries:
        item = _sub(channel, "item")
        _sub(item, "title", entry.title)
        _sub(item, "link", entry.url)
        _sub(item, "guid", entry.url, isPermaLink="true")
        _sub(item, "pubDate", format_datetime(entry.published))
        for author in entry.authors:
            _sub(item, "dc:creator", author)
        for category in entry.categories:
            _sub(item, "category", category)
        _sub(item, "description", entry.content or entry.summary)
    return rss


def atom_document(
    entries: list[Entry], *, title: str, subtitle: str, home: str, self_url: str, author: str
) -> ET.Element:
    feed = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": "ko"})
    _sub(feed, "id", self_url)
    _sub(feed, "title", title)
    _sub(feed, "subtitle", subtitle)
    _sub(feed, "link", href=home, rel="alternate", type="text/html")
    _sub(feed, "link", href=self_url, rel="self", type="application/atom+xml")
    newest = max((entry.updated for entry in entries), default=dt.datetime(1970, 1, 1, tzinfo=KST))
    _sub(feed, "updated", newest.isoformat())
    _sub(_sub(feed, "author"), "name", author)
    for entry in entries:
        element = _sub(feed, "entry")
        _sub(element, "id", entry.url)
        _sub(element, "title", entry.title)
        _sub(element, "link", href=entry.url, rel="alternate", type="text/html")
        _sub(element, "published", entry.published.isoformat())
        _sub(element, "updated", entry.updated.isoformat())
        for name in entry.authors:
            _sub(_sub(element, "author"), "name", name)
        for category in entry.categories:
            _sub(element, "category", term=category)
        _sub(element, "summary", entry.summary)
        if entry.content:
            _sub(element, "content", entry.content, type="html")
    return feed


def write(feed: ET.Element, path: Path) -> None:
    """The feed, indented, as XML 1.0, which has no way to write most control characters:
    ElementTree escapes markup but passes them through, and readers reject the file."""
    ET.indent(feed)
    for element in feed.iter():
        element.text = element.text and NOT_XML.sub("", element.text)
        element.tail = element.tail and NOT_XML.sub("", element.tail)
        for name, value in element.attrib.items():
            element.attrib[name] = NOT_XML.sub("", value)
    output = io.BytesIO()
    ET.ElementTree(feed).write(output, encoding="utf-8", xml_declaration=True)
    write_bytes_atomic(path, output.getvalue())


class FeedsStage(Stage[FeedsConfig]):
    entries: dict[str, Entry]

    def on_config(self, config: MkDocsConfig) -> None:
        # A dirty rebuild renders only changed posts: the others keep their entries.
        if not self.run.dirty:
            self.kept.clear()
        self.entries = self.kept.setdefault("entries", {})
        self.site_url = config.site_url or ""
        if not self.site_url:
            log.warning("mkdocs.yml: site_url is not set: feeds need absolute links; no feeds")

    def on_files(self, files, **_):
        """Forget entries of posts that were deleted or renamed since the last build."""
        posts = {f.src_uri for f in files.documentation_pages()}
        for uri in [uri for uri in self.entries if uri not in posts]:
            del self.entries[uri]

    def on_page_content(self, html: str, *, page: Page, **_):
        part = part_of(page.file.src_uri)
        if not self.site_url or part is None:
            return
        created, updated = page_dates(page.meta)
        if created is None:
            return
        url = page.canonical_url or urljoin(self.site_url, page.url)
        excerpt = MORE.split(html, maxsplit=1)[0] if MORE.search(html) else ""
        excerpt = HEADERLINK.sub("", LEADING_H1.sub("", excerpt))
        self.entries[page.file.src_uri] = Entry(
            title=plain_title(page),
            url=url,
            published=created,
            updated=updated or created,
            authors=plain_authors(page),
            categories=[PART_NAMES[part]],
            summary=" ".join(plain_text(page.meta.get("description") or "").split()),
            content=absolute_links(excerpt, url).strip(),
            source=page.file.src_uri,
        )

    def newest(self, entries: list[Entry]) -> list[Entry]:
        ordered = sorted(entries, key=lambda e: (e.published, e.source), reverse=True)
        return ordered[: self.config.length]

    def on_page_context(self, context, **_):
        # (MIME type, title, site path): the head links them relatively (the `url`
        # filter), since the theme fetches sitemap.xml beside every rel="alternate".
        if self.site_url:
            context["feed_links"] = [
                ("application/rss+xml", "RSS 피드", self.config.rss),
                ("application/atom+xml", "Atom 피드", self.config.atom),
            ]

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.site_url:
            return
        home = urljoin(self.site_url, "daily/")
        title = f"{config.site_name} 일일 기록"
        description = config.site_description or title
        entries = self.newest([e for e in self.entries.values() if part_of(e.source) == STUDY])
        site, atom = Path(config.site_dir), self.config.atom
        atom_feed = atom_document(
            entries,
            title=title,
            subtitle=description,
            home=home,
            self_url=urljoin(self.site_url, atom),
            author=config.site_author or config.site_name,
        )
        write(atom_feed, site / atom)

        def rss(relative: str, chosen: list[Entry], what: str, about: str) -> None:
            self_url = urljoin(self.site_url, quote(relative))
            feed = rss_document(chosen, title=what, description=about, home=home, self_url=self_url)
            write(feed, site / relative)

        rss(self.config.rss, entries, title, description)
        categories = sorted({name for entry in self.entries.values() for name in entry.categories})
        for category in categories:
            chosen = self.newest([e for e in self.entries.values() if category in e.categories])
            relative = f"{self.config.category_dir}/{slug(category)}.xml"
            rss(relative, chosen, f"{title}: {category}", f"{description} ({category})")
        log.info("feeds: %d entries, %d part feeds", len(entries), len(categories))
