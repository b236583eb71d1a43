"""A page's title as plain text, for places that escape it themselves (feeds, card tags)."""

from __future__ import annotations

import html
import re

from mkdocs.structure.pages import Page

from study_wiki.escaping import plain_text

TAG = re.compile(r"<[^>]*>")


def plain_title(page: Page) -> str:
    """`title:` from the front matter is text (escaped once as Markup when read); a
    title MkDocs took from the first heading is HTML (`R&amp;D와 <code>&lt;T&gt;</code>`):
    tags dropped, unescaped."""
    title = page.title or ""
    if isinstance(page.meta.get("title"), str):
        return " ".join(plain_text(page.meta["title"]).split())
    return " ".join(html.unescape(TAG.sub("", str(title))).split())
