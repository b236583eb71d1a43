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
BLANK_LINE = re.compile(r"\n[ \t]*\r?(?:\n|$)")


class Line(NamedTuple):
    number: int  # from 1
    text: str  # the line without its "\n"
    code: bool  # a fence's line or indented code: shown as written
    commented: bool  # begins inside an HTML comment
    visible: str  # `text` with code, code spans and comments blanked (same length)


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))


def _closer(markdown: str, opened: re.Match[str], after: int) -> re.Pattern[str] | None:
    """The line that closes a fence opened at `opened`: superfences wants the same fence
    again on a line of its own; a fence that is never closed is no fence but text."""
    closer = re.compile(rf"^[ \t]*{re.escape(opened.group(1))}[ \t]*\r?$", re.M)
    return closer if closer.search(markdown, after) else None


def _outside_comments(line: str, in_comment: bool, last_close: int) -> tuple[str, bool]:
    """`line` with its HTML comments blanked, and whether one is open at its end.

    As Python-Markdown reads them: a `<!--` that begins a line opens a comment that
    may span lines if a `-->` follows somewhere (the page's last `-->` is at
    `last_close`, counted from the line's start); inside a line, only `<!-- ... -->`
    on that line is one. Any other `<!--` is text."""
    visible, at = "", 0
    while at < len(line):
        if in_comment:
            end = line.find("-->", at)
            stop = len(line) if end < 0 else end + 3
            visible, at, in_comment = visible + " " * (stop - at), stop, end < 0
            continue
        begin = line.find("<!--", at)
        if begin < 0:
            return visible + line[at:], False
        end = line.find("-->", begin + 4)
        if not (visible + line[at:begin]).strip() and last_close >= begin + 4:
            visible, at, in_comment = visible + line[at:begin] + "    ", begin + 4, True
        elif end >= 0:
            visible, at = visible + line[at:begin] + " " * (end + 3 - begin), end + 3
        else:
            visible, at = visible + line[at : begin + 4], begin + 4
    return visible, in_comment


def markdown_lines(markdown: str) -> list[Line]:
    """Each line of `markdown`: whether it is code (fenced, or indented under the open
    admonitions, tabs and list items), begins inside a comment, and what a reader sees."""
    found: list[Line] = []
    fence: re.Pattern[str] | None = None  # the closing line of the open fence
    in_comment = False
    last_close = markdown.rfind("-->")
    containers: list[int] = [0]  # content indent of open admonitions, tabs, list items
    prev_blank, prev_code = True, False
    start, block_end, span_end = 0, -1, 0  # the paragraph's end, its open code span's
    # Lines end at "\n" only, as for Markdown (str.splitlines would also split at
    # form feeds and U+2028, which can sit inside a caption).
    for number, line in enumerate(markdown.split("\n"), start=1):
        after = start + len(line) + 1
        code, commented, visible = True, in_comment, " " * len(line)
        if fence is not None:
            fence = None if fence.match(line) else fence
        elif not line.strip():
            code, visible, prev_blank = False, line, True
        else:
            indented = not in_comment and _code(line, containers, prev_blank or prev_code)
            prev_blank, prev_code = False, indented or (in_comment and prev_code)
            opened = None if in_comment or indented else FENCE_OPEN.match(line)
            if not (indented or (opened and (fence := _closer(markdown, opened, after)))):
                if start > block_end:
                    found_end = BLANK_LINE.search(markdown, start)
                    block_end = found_end.start() if found_end else len(markdown)
                # Code spans are text (a `<!--` inside one starts no comment).
                spans, span_end = _code_spans(markdown, start, after - 1, block_end, span_end)
                visible, in_comment = _outside_comments(spans, in_comment, last_close - start)
                code = False
                _open_container(visible, containers, _indent(line))
        found.append(Line(number, line, code, commented, visible))
        start = after
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


def _code(line: str, containers: list[int], may_start: bool) -> bool:
    """Whether `line` is indented code, after closing the containers it is not inside."""
    indent = _indent(line)
    while len(containers) > 1 and indent < containers[-1]:
        containers.pop()
    return may_start and indent >= containers[-1] + 4


def _open_container(visible: str, containers: list[int], indent: int) -> None:
    body = visible.strip()
    if CONTAINER.match(body):
        containers.append(indent + 4)
    elif item := LIST_ITEM.match(body):
        containers.append(indent + item.end())


def mask_code(markdown: str) -> str:
    """The text with code blocks, code spans and comments blanked (newlines kept)."""
    return "\n".join(line.visible for line in markdown_lines(markdown))
