"""Contributor text escaped once where it is read (front matter, `.authors.yml`, titles):
Material prints these unescaped (autoescape is off) and its search renders titles as HTML,
so they become `markupsafe.Markup` at once, and `|e` does not escape twice."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, MutableMapping
from typing import Any
from urllib.parse import quote

import nh3
from markupsafe import Markup, escape
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

# Front matter fields that are free text shown to readers.
TEXT_FIELDS = ("title", "description", "subtitle")
AUTHOR_FIELDS = ("name", "description")
TAG = re.compile(r"<[^>]+>")


def safe_text(value: Any) -> Any:
    """Escaped Markup for a string (idempotent); other values unchanged."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return escape(value)


def escape_meta(meta: MutableMapping[str, Any]) -> None:
    for field in TEXT_FIELDS:
        if field in meta:
            meta[field] = safe_text(meta[field])
    if isinstance(meta.get("tags"), list):
        meta["tags"] = [safe_text(item) for item in meta["tags"]]


def escape_authors(authors: Mapping[str, MutableMapping[str, Any]]) -> None:
    """Escape the shown fields of each author (from `.authors.yml`) in place."""
    for author in authors.values():
        for field in AUTHOR_FIELDS:
            if field in author:
                author[field] = safe_text(author[field])


def striptags_escaped(value: Any) -> Markup:
    """Jinja's `striptags`, but the text it returns (unescaped) is escaped again."""
    return escape(Markup(str(value)).striptags())


def plain_text(value: Any) -> str:
    """The text itself, for places that escape it on their own (XML, tag attributes,
    images): escaped Markup is unescaped, so nothing is escaped twice."""
    if isinstance(value, Markup):
        return value.unescape()
    return "" if value is None else str(value)


def markup_text(markup: str) -> str:
    """The text of HTML: each tag a space, entities unescaped."""
    return html.unescape(TAG.sub(" ", markup))


def plain_title(page: Page) -> str:
    """A page's title as plain text (feeds, card tags): `title:` from the front matter
    is text (escaped once as Markup when read); a title MkDocs took from the first
    heading is HTML (`R&amp;D와 <code>&lt;T&gt;</code>`): tags dropped, unescaped."""
    if isinstance(page.meta.get("title"), str):
        return " ".join(plain_text(page.meta["title"]).split())
    return " ".join(html.unescape(TAG.sub("", str(page.title or ""))).split())


def plain_authors(page: Page) -> list[str]:
    """Display names of a page's authors as text: Material's blog resolves a post's,
    the front matter stage the other pages' (`author_names`)."""
    authors = getattr(page, "authors", None)
    if authors:
        return [plain_text(getattr(author, "name", author)) for author in authors]
    return [plain_text(name) for name in page.meta.get("author_names") or []]


# A heading's text as MkDocs takes it for a title: HTML text (entities kept), with
# any tag it holds removed by an HTML5 parser rather than MkDocs' own regex.
_HEADING_TEXT = nh3.Cleaner(tags=set(), clean_content_tags=set(), strip_comments=True)
# Characters an edit link keeps as they are; anything else in a file name
# (quotes, angle brackets, spaces, non-ASCII) is percent-encoded.
_URL_SAFE = ":/?#[]@!$&()*+,;=%~"


def page_title(page: Page) -> Markup:
    """The page's title as safe HTML, whichever source MkDocs took it from: front
    matter (already escaped), the first heading (HTML text), or the nav or the file
    name (plain text)."""
    title = page.title or ""
    if isinstance(title, Markup):
        return title
    if title == getattr(page, "_title_from_render", None):
        return Markup(_HEADING_TEXT.clean(title))
    return escape(title)


def escape_titles(nav: Navigation | None, pages: Iterable[Page]) -> None:
    """Every title a template prints, and every edit link, made safe before any
    template runs: Material prints titles as HTML and links unquoted."""
    for page in pages:
        page.title = page_title(page)
        if page.edit_url:
            page.edit_url = quote(page.edit_url, safe=_URL_SAFE)
    stack = list(nav.items) if nav is not None else []
    while stack:
        item = stack.pop()
        if not isinstance(item, Page) and item.title is not None:
            item.title = safe_text(item.title)
        stack.extend(item.children or [])
