"""Links to headings, pointed at the ids the headings really got once every page is
rendered (toc's ids, `_1` suffixes included): the wikilinks' `[[page#heading]]` and the
timelines' questions. The site model keeps each page's headings and points the links,
so they reach their headings whichever stages are on."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from urllib.parse import quote, unquote

from mkdocs.structure.toc import AnchorLink

from study_wiki.links.syntax import normalize

Headings = list[tuple[str, str]]  # (text, id) of a page's headings, in page order

# A link to a heading as the Markdown extension (when `late`) or a timeline leaves it, its
# page's address made relative by MkDocs (Python-Markdown writes attributes in lexical order).
HEADING_MARK = "data-wiki-heading"
HEADING_LINK = re.compile(
    rf'<a (?:class="([^"]*)" )?{HEADING_MARK}="([^"#]*)#([^"]*)" href="([^"]*)">(.*?)</a>', re.S
)


class Anchor(str):
    """A heading's text, and which of the page's headings with that text it is (0, the
    first): a peer session may ask the same question twice."""

    nth: int

    def __new__(cls, text: str, nth: int = 0) -> Anchor:
        anchor = super().__new__(cls, text)
        anchor.nth = nth
        return anchor


def heading_mark(src_uri: str, anchor: str) -> str:
    """The value of HEADING_MARK for heading `anchor` (its id or text) of page `src_uri`."""
    mark = f"{quote(src_uri)}#{quote(anchor, safe='')}"
    nth = getattr(anchor, "nth", 0)
    return f"{mark}#{nth}" if nth else mark


def headings_of(toc: Iterable[AnchorLink]) -> Headings:
    """(text, id) of every heading of a table of contents, in page order."""
    found: Headings = []
    for item in toc:
        found += [(html.unescape(item.title), item.id), *headings_of(item.children)]
    return found


def heading_id(headings: Headings, anchor: str, nth: int = 0) -> str | None:
    """The id of the heading `anchor` names: an id as written, else the `nth` (first)
    heading whose text or id is `anchor` in any case and spacing."""
    if any(anchor == id_ for _, id_ in headings):
        return anchor
    key = normalize(anchor)
    found = [id_ for text, id_ in headings if key in (normalize(text), normalize(id_))]
    return found[nth] if nth < len(found) else None


def point_headings(content: str, headings: dict[str, Headings]) -> str:
    """The links left for after rendering, pointed at the ids their headings really got;
    a heading the page does not have is struck out, as a missing page is."""

    def point(match: re.Match[str]) -> str:
        css, page, anchor, href, text = match.groups()
        anchor, _, nth = anchor.partition("#")
        found = heading_id(headings.get(unquote(page), []), unquote(anchor), int(nth or 0))
        if not found:
            return f'<span class="wikilink wikilink--missing">{text}</span>'
        found = html.escape(found, quote=False).replace('"', "&quot;")
        css = f' class="{css}"' if css else ""
        return f'<a{css} href="{href}#{found}">{text}</a>'

    return HEADING_LINK.sub(point, content) if HEADING_MARK in content else content
