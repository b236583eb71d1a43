"""Page markup a keyboard and a screen reader can use: every box that may scroll sideways
(equations, tables, code, notebook cells) is a named keyboard stop (WCAG 2.1.1), since
what overflows depends on the reader's screen; a task-list checkbox is labelled by its
item's text."""

from __future__ import annotations

import html
import re

from study_wiki.escaping import markup_text

STOP = 'tabindex="0"'
DISPLAY_MATH = re.compile(r'<span class="katex-display">')
TEX_TAG = re.compile(r"\\tag\*?\{([^{}]*)\}")
# pymdownx.highlight: `<div class="language-py highlight"><span class="filename">…`
CODE_BLOCK = re.compile(
    r'<div class="(?:language-(?P<lang>[\w+#.-]+) )?highlight">'
    r'(?:<span class="filename">(?P<file>[^<]*)</span>)?'
    r"(?P<pre><pre\b[^>]*>(?:<span></span>)?)<code>"
)
NOTEBOOK_CELL = re.compile(r'<div class="highlight-ipynb hl-(?P<lang>[\w-]+)">')
# Markdown tables; a table with a class is not one the theme wraps to scroll.
TABLE = re.compile(r"<table(?![^>]*\b(?:class|tabindex)=)(?P<attrs>[^>]*)>")
HEADER_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
HEADER_CELLS_NAMED = 4
# pymdownx.tasklist with custom_checkbox; the item's own text runs up to its end
# or to the first block inside it (a nested list, a paragraph).
TASK = re.compile(
    r'(?P<control><label class="task-list-control"><input type="checkbox"[^>]*>'
    r'<span class="task-list-indicator"></span>)</label>'
    r"(?P<text>(?:(?!</li>|</p>|<(?:ul|ol|p|div|pre|table|blockquote|details|dl)\b).)*)",
    re.S,
)


def _stop(name: str) -> str:
    return f'{STOP} role="group" aria-label="{html.escape(name)}"'


def _equation_name(page: str, start: int) -> str:
    opening = page.find('alttext="', start, start + 300)  # in KaTeX's first tags
    alttext = page[opening : page.find('"', opening + 9)] if opening >= 0 else ""
    tag = TEX_TAG.search(html.unescape(alttext))
    return f"수식 ({tag.group(1).strip()})" if tag else "수식"


def _table_name(page: str, start: int) -> str:
    end = page.find("</table>", start)
    head_end = page.find("</thead>", start, end if end >= 0 else len(page))
    cells = HEADER_CELL.findall(page[start:head_end]) if head_end >= 0 else []
    names = [name for name in (" ".join(markup_text(cell).split()) for cell in cells) if name]
    if not names:
        return "표"
    shown = names[:HEADER_CELLS_NAMED] + (["…"] if len(names) > HEADER_CELLS_NAMED else [])
    return "표: " + ", ".join(shown)


def focusable_scroll_boxes(page: str) -> str:
    """Every box that may scroll sideways gets a keyboard stop and a name."""
    page = DISPLAY_MATH.sub(
        lambda m: f'<span class="katex-display" {_stop(_equation_name(page, m.end()))}>', page
    )

    def code(match: re.Match[str]) -> str:
        file, lang = match.group("file"), match.group("lang")
        name = f"코드: {html.unescape(file)}" if file else f"코드 ({lang})" if lang else "코드"
        return match.group(0).removesuffix("<code>") + f"<code {_stop(name)}>"

    page = CODE_BLOCK.sub(code, page)
    cells = 0

    def cell(match: re.Match[str]) -> str:
        nonlocal cells
        cells += 1
        name = f"코드 셀 {cells} ({match.group('lang')})"
        return match.group(0).removesuffix(">") + f" {_stop(name)}>"

    page = NOTEBOOK_CELL.sub(cell, page)

    def table(match: re.Match[str]) -> str:
        name = html.escape(_table_name(page, match.end()))
        return f'<table{match.group("attrs")} {STOP} aria-label="{name}">'

    return TABLE.sub(table, page)


def accessible(page: str) -> str:
    """Scroll boxes made keyboard stops, and each task-list checkbox labelled by its item's
    text (moved into its label)."""
    page = focusable_scroll_boxes(page)
    return TASK.sub(lambda m: f"{m.group('control')}{m.group('text')}</label>", page)
