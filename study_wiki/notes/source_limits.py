"""What one page's source may hold: rendering is not linear in everything a page can hold
(Material's toc lookups, abbreviations, nested lists; docs/performance.md#page-limits), so
past a limit a page is not rendered and the build names the line where it went over."""

from __future__ import annotations

import re

from study_wiki.masking import Line
from study_wiki.messages import Problem

MAX_KB = 500
MAX_HEADINGS = 1_000
MAX_BLOCK_LINES = 1_000
MAX_BLOCK_KB = 50
MAX_NESTING = 20

HEADING = re.compile(r"^ {0,3}(?:#{1,6}(?:[ \t]|$)|(?:=+|-+)[ \t]*$)")
QUOTES = re.compile(r"^[ \t]*(?:>[ \t]*)+")
SPLIT = "split it into several pages"


def size_problem(shown: str, size: int) -> Problem | None:
    """What to do when a page of `size` bytes is too big to render."""
    if size <= MAX_KB * 1000:
        return None
    return Problem(
        shown,
        1,
        f"the page is {size / 1000:,.0f} KB, more than a page may be ({MAX_KB} KB): {SPLIT}",
    )


def markdown_problem(shown: str, lines: list[Line], body_line: int = 1) -> Problem | None:
    """The first limit a Markdown page (its `markdown_lines`) goes over, where and what
    to do about it; None when it is within them. `body_line` is where the text after the
    front matter starts."""
    headings = 0
    block_start, block_lines, block_bytes = 0, 0, 0
    previous_blank = True
    for entry in lines[body_line - 1 :]:
        if entry.code:  # code is shown as it is: none of the limits below apply to it
            continue
        number, line = entry.number, entry.text
        if not line.strip():
            block_lines, block_bytes, previous_blank = 0, 0, True
            continue
        if HEADING.match(line) and not (previous_blank and line.lstrip()[0] in "-="):
            headings += 1
            if headings > MAX_HEADINGS:
                return Problem(
                    shown,
                    number,
                    f"the page has more than {MAX_HEADINGS:,} headings "
                    f"(this is heading {headings:,}): {SPLIT}",
                )
        if not block_lines:
            block_start = number
        block_lines += 1
        block_bytes += len(line.encode("utf-8")) + 1
        if block_lines > MAX_BLOCK_LINES or block_bytes > MAX_BLOCK_KB * 1000:
            return Problem(
                shown,
                block_start,
                f"this paragraph, table or list runs for more than "
                f"{MAX_BLOCK_LINES:,} lines or {MAX_BLOCK_KB} KB without a blank line: split "
                "it into smaller ones (a blank line ends a paragraph or list), or the page "
                "into several pages",
            )
        quotes = QUOTES.match(line)
        depth = quotes.group(0).count(">") if quotes else 0
        rest = line[quotes.end() if quotes else 0 :]
        indent = rest[: len(rest) - len(rest.lstrip(" \t"))]
        depth += (len(indent) + 3 * indent.count("\t")) // 4
        if depth > MAX_NESTING:
            return Problem(
                shown,
                number,
                f"lists, quotes or admonitions are nested more than "
                f"{MAX_NESTING} levels deep here: flatten them",
            )
        previous_blank = False
    return None
