"""Equations far down a page ship their KaTeX HTML in an inert `<template>` (no style, layout or
element count) that assets/deferred.js puts in place as its block nears the viewport or before
printing; the MathML stays in the document, so without JavaScript the browser draws that."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path

SCRIPT_URI = "assets/katex/deferred.js"
# The script, and the style that shows the MathML until it runs (added to KaTeX's CSS).
SCRIPT_FILE = Path(__file__).with_name("assets") / "deferred.js"
CSS_FILE = SCRIPT_FILE.with_suffix(".css")
# Pages with no more equations than this keep all of them typeset: finding the
# article's blocks would cost more than the few elements it saves.
FEW_EQUATIONS = 20
# Article blocks laid out at once: `.md-typeset > …:nth-child(n + 13)` in extra.css.
FIRST_LAID_OUT = 12
ARTICLE = '<article class="md-content__inner md-typeset">'
# The same article, marked for extra.css to lay out its far blocks lazily too.
LAZY_ARTICLE = '<article class="md-content__inner md-typeset lazy-layout">'
# An article of more elements than this is long: styling and laying all of it out as
# the page loads, and again each time the theme's script changes it, is most of the
# page's main-thread time (docs/performance.md), so its far blocks wait too.
LONG_ARTICLE = 1000
HTML_PART = '<span class="katex-html" aria-hidden="true">'
INLINE = '<span class="katex">'
DEFERRED_INLINE = '<span class="katex katex--deferred">'
TEMPLATE = '<template class="katex-deferred">'
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


# The markup that can open or close an element, as an HTML tokenizer splits it:
# comments, declarations and processing instructions first, then start and end tags
# (an attribute value may hold `>`).
_MARKUP = re.compile(
    r"<!--.*?-->|<[!?][^>]*>"
    r"|<(?P<end>/?)(?P<tag>[a-zA-Z][^\t\n\f\r />]*)"
    r"(?P<attributes>(?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+)>",
    re.S,
)
# Elements whose text is raw up to their end tag.
_RAW_END = {tag: re.compile(rf"</{tag}", re.I) for tag in ("script", "style")}


def defer_from(page_html: str, equations: int) -> int | None:
    """Where equations start to wait on a page with this many (None: none wait)."""
    if equations <= FEW_EQUATIONS:
        return None
    return first_deferred_offset(page_html)


def _article_start_tags(page_html: str) -> Iterator[tuple[int, re.Match[str]]]:
    """Each start tag inside the page's article, in order, with its depth in it
    (0: a block of the article)."""
    start = page_html.find(ARTICLE)
    if start < 0:
        return
    position = start + len(ARTICLE)
    depth = 0
    while (markup := _MARKUP.search(page_html, position)) is not None:
        position = markup.end()
        tag = (markup["tag"] or "").lower()
        if not tag or tag in VOID and markup["end"]:
            continue
        if markup["end"]:
            depth -= 1
            if depth < 0:  # the article ended
                return
            continue
        yield depth, markup
        if tag in VOID or markup["attributes"].endswith("/"):
            continue
        depth += 1
        if tag in _RAW_END:
            raw_end = _RAW_END[tag].search(page_html, position)
            if raw_end is None:
                return
            position = raw_end.start()


def long_article(page_html: str) -> bool:
    """Whether the page's article has more than LONG_ARTICLE elements."""
    tags = _article_start_tags(page_html)
    return next(itertools.islice(tags, LONG_ARTICLE, None), None) is not None


def first_deferred_offset(page_html: str) -> int | None:
    """Offset in `page_html` of the article's first block whose equations wait, or
    None when the article has no more than FIRST_LAID_OUT blocks."""
    blocks = (markup for depth, markup in _article_start_tags(page_html) if depth == 0)
    first = next(itertools.islice(blocks, FIRST_LAID_OUT, None), None)
    return None if first is None else first.start()


def defer(katex_html: str, display: bool) -> str:
    """KaTeX's output for one equation with its HTML part moved into a `<template>`
    (unchanged if it is not KaTeX's usual HTML+MathML)."""
    closing = "</span>" * (2 if display else 1)
    start = katex_html.find(HTML_PART)
    if start < 0 or not katex_html.endswith(closing) or INLINE not in katex_html[:start]:
        return katex_html
    end = len(katex_html) - len(closing)
    head = katex_html[:start].replace(INLINE, DEFERRED_INLINE, 1)
    return f"{head}{TEMPLATE}{katex_html[start:end]}</template>{katex_html[end:]}"
