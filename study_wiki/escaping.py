"""Contributor text from front matter and `.authors.yml`, escaped once where it is read.

Material's templates print `page.meta.description`, titles, tag names and author
names without escaping (MkDocs' Jinja environment has autoescape off), and its
search renders index titles as HTML. So the free-text fields are turned into
`markupsafe.Markup` holding escaped HTML as soon as they are read: every template,
the search index and any feed then get safe text, and Jinja's `|e` leaves them
alone instead of escaping twice. `striptags` is replaced by a version that
escapes its (unescaped) result again.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any

from markupsafe import Markup, escape

# Front matter fields that are free text shown to readers.
TEXT_FIELDS = ("title", "description", "subtitle")
LIST_FIELDS = ("tags",)
AUTHOR_FIELDS = ("name", "description")


def safe_text(value: Any) -> Any:
    """Escaped Markup for a string (idempotent); other values unchanged."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return escape(value)


def escape_meta(meta: MutableMapping[str, Any]) -> None:
    """Escape a page's free-text front matter fields in place."""
    for field in TEXT_FIELDS:
        if field in meta:
            meta[field] = safe_text(meta[field])
    for field in LIST_FIELDS:
        if isinstance(meta.get(field), list):
            meta[field] = [safe_text(item) for item in meta[field]]


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
