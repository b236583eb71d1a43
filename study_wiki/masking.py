"""Where a page's code and HTML comments are, as Python-Markdown with pymdownx.superfences
reads them: the one reading the model's masked text, figure lines, the page limits and the
blog summaries share, so no feature has a fence rule of its own."""

from __future__ import annotations

import re
from typing import NamedTuple

FENCE_OPEN = re.compile(r"^[ \t]*(`{3,}|~{3,})")
CONTAINER = re.compile(r"^(?:!!!|\?\?\?\+?|===)[ \t]")
LIST_ITEM = re.compile(r"^(?:[-*+]|\d{1,9}[.)])[ \t]+")
CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
INLINE_COMMENT = re.compile(r"<!--.*?-->")
# A paragraph, and so a code span, ends at a blank line or an HTML block.
BLOCK_END = re.compile(r"\n[ \t]*\r?(?:\n|$)|\n[ \t]*<!--")


class Line(NamedTuple):
    number: int  # from 1
    text: str  # the line without its "\n"
    code: bool  # a fence's line or indented code: shown as written
    commented: bool  # begins inside an HTML comment
    visible: str  # `text` with code, code spans and comments blanked (same length)


def _closer(markdown: str, opened: re.Match[str], after: int) -> re.Pattern[str] | None:
    """The line that closes a fence opened at `opened`: superfences wants the same fence
    again on a line of its own; a fence that is never closed is no fence but text."""
    closer = re.compile(rf"^[ \t]*{re.escape(opened.group(1))}[ \t]*\r?$", re.M)
    return closer if closer.search(markdown, after) else None


class _Reader:
    """Where reading a page line by line is (markdown_lines)."""

    def __init__(self, markdown: str) -> None:
        self.markdown = markdown
        self.last_close = markdown.rfind("-->")
        self.fence: re.Pattern[str] | None = None  # the closing line of the open fence
        self.in_comment = False
        self.containers = [0]  # content indent of open admonitions, tabs, list items
        self.prev_blank, self.prev_code = True, False
        self.block_end, self.span_end = -1, 0  # the paragraph's end, its open code span's

    def line(self, number: int, start: int, end: int) -> Line:
        text, commented = self.markdown[start:end], self.in_comment
        if self.fence is not None:
            self.fence = None if self.fence.match(text) else self.fence
            return Line(number, text, True, commented, " " * len(text))
        if not text.strip():
            self.prev_blank = True
            return Line(number, text, False, commented, text)
        spaced = text.expandtabs(4)
        indent = len(spaced) - len(spaced.lstrip(" "))
        indented = not commented and _code(
            indent, self.containers, self.prev_blank or self.prev_code
        )
        self.prev_blank, self.prev_code = False, indented or (commented and self.prev_code)
        opened = None if commented or indented else FENCE_OPEN.match(text)
        self.fence = _closer(self.markdown, opened, end + 1) if opened else None
        if indented or self.fence:
            return Line(number, text, True, commented, " " * len(text))
        visible = self._visible(start, end)
        body = visible.strip()
        if CONTAINER.match(body):
            self.containers.append(indent + 4)
        elif item := LIST_ITEM.match(body):
            self.containers.append(indent + item.end())
        return Line(number, text, False, commented, visible)

    def _visible(self, start: int, end: int) -> str:
        """The line `markdown[start:end]` with its comments and code spans blanked.

        As Python-Markdown reads them: a `<!--` that begins a line opens a comment that
        may span lines if a `-->` follows somewhere; inside a line, only `<!-- ... -->`
        on that line is one, and any other `<!--` is text, as is one in a code span."""
        markdown, at, visible = self.markdown, start, ""
        if not self.in_comment and self.span_end <= start:
            if markdown.find("`", start, end) < 0 and markdown.find("<!--", start, end) < 0:
                return markdown[start:end]
        while True:
            if self.in_comment:
                close = markdown.find("-->", at, end)
                stop = end if close < 0 else close + 3
                visible, at, self.in_comment = visible + " " * (stop - at), stop, close < 0
            lead = end - len(markdown[at:end].lstrip())
            opens = markdown.startswith("<!--", lead) and self.last_close >= lead + 4
            if self.in_comment or not opens:
                break
            visible, at, self.in_comment = visible + markdown[at:lead] + "    ", lead + 4, True
        if start > self.block_end:
            found = BLOCK_END.search(markdown, start)
            self.block_end = found.start() if found else len(markdown)
        spans, self.span_end = _code_spans(markdown, at, end, self.block_end, self.span_end)
        return visible + INLINE_COMMENT.sub(lambda c: " " * len(c.group(0)), spans)


def markdown_lines(markdown: str) -> list[Line]:
    """Each line of `markdown`: whether it is code (fenced, or indented under the open
    admonitions, tabs and list items), begins inside a comment, and what a reader sees."""
    reader, found, start = _Reader(markdown), [], 0
    # Lines end at "\n" only, as for Markdown (str.splitlines would also split at
    # form feeds and U+2028, which can sit inside a caption).
    for number, text in enumerate(markdown.split("\n"), start=1):
        found.append(reader.line(number, start, start + len(text)))
        start += len(text) + 1
    return found


def _code_spans(
    markdown: str, start: int, end: int, block_end: int, open_until: int
) -> tuple[str, int]:
    """The line `markdown[start:end]` with its code spans blanked, and where the last one
    ends: as Python-Markdown reads them, a span may go on to the next lines of its
    paragraph (which ends at `block_end`)."""
    at = min(max(start, open_until), end)
    visible = " " * (at - start)
    if open_until <= end and markdown.find("`", at, end) >= 0:
        for span in CODE_SPAN.finditer(markdown, at, block_end):
            if span.start() >= end:
                break
            visible += markdown[at : span.start()] + " " * (min(span.end(), end) - span.start())
            at, open_until = min(span.end(), end), span.end()
    return visible + markdown[at:end], open_until


def _code(indent: int, containers: list[int], may_start: bool) -> bool:
    """Whether a line of `indent` is indented code, after closing the containers it is
    not inside."""
    while len(containers) > 1 and indent < containers[-1]:
        containers.pop()
    return may_start and indent >= containers[-1] + 4


def mask_code(markdown: str) -> str:
    """The text with code blocks, code spans and comments blanked (newlines kept)."""
    return "\n".join(line.visible for line in markdown_lines(markdown))
