"""Equations far down a page ship their KaTeX HTML in a `<template>`, put in place near the screen.

KaTeX draws an equation with dozens of nested spans, styled and laid out on load
although a reader sees a few at a time (docs/performance.md#pages). Past the first
blocks of the article (the same blocks that extra.css lays out at once,
`:nth-child(n + 13)`), each equation keeps its MathML in the document and its KaTeX
HTML in an inert `<template>`: no style, layout or element count until the script
(assets/deferred.js) puts it in place as its block nears the viewport, or before
printing. Without JavaScript the browser draws the MathML itself.
"""

from __future__ import annotations

from html.parser import HTMLParser
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
HTML_PART = '<span class="katex-html" aria-hidden="true">'
INLINE = '<span class="katex">'
DEFERRED_INLINE = '<span class="katex katex--deferred">'
TEMPLATE = '<template class="katex-deferred">'
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


class _ArticleBlocks(HTMLParser):
    """Finds where the n-th element child of the page's article starts."""

    class Found(Exception):
        pass

    def __init__(self, wanted: int) -> None:
        super().__init__(convert_charrefs=False)
        self.wanted = wanted
        self.depth = 0
        self.children = 0
        self.position: tuple[int, int] | None = None

    def _count_child(self) -> None:
        if self.depth == 0:
            self.children += 1
            if self.children == self.wanted:
                self.position = self.getpos()
                raise self.Found

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._count_child()
        if tag not in VOID:
            self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self._count_child()

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        self.depth -= 1
        if self.depth < 0:  # the article ended
            raise self.Found


def defer_from(page_html: str, equations: int) -> int | None:
    """Where equations start to wait on a page with this many (None: none wait)."""
    if equations <= FEW_EQUATIONS:
        return None
    return first_deferred_offset(page_html)


def first_deferred_offset(page_html: str) -> int | None:
    """Offset in `page_html` of the article's first block whose equations wait, or
    None when the article has no more than FIRST_LAID_OUT blocks."""
    start = page_html.find(ARTICLE)
    if start < 0:
        return None
    body_start = start + len(ARTICLE)
    parser = _ArticleBlocks(FIRST_LAID_OUT + 1)
    try:
        parser.feed(page_html[body_start:])
    except _ArticleBlocks.Found:
        pass
    if parser.position is None:
        return None
    line, column = parser.position
    offset = body_start
    for _ in range(line - 1):
        offset = page_html.index("\n", offset) + 1
    return offset + column


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
