"""Finds figure lines, `![alt](snippet:topic/name.py "caption")` alone on a line outside code
and HTML comments, as a reader sees the page, and near-misses: anything else that points at
`snippet:` would publish a broken `<img>`, so it is reported with how to write it."""

from __future__ import annotations

import functools
import html
import re
from typing import NamedTuple

from study_wiki.links.syntax import FIG_LABEL, anchor_id
from study_wiki.masking import LIST_ITEM, mask_code

FIGURE_REF = re.compile(
    r'^(?P<indent>[ \t]*)!\[(?P<alt>[^\]]*)\]\(snippet:(?P<name>[^)\s"]+)'
    # a trailing {#fig:label} is numbered by the links stage
    r'(?:\s+"(?P<caption>[^"]*)")?\)(?:[ \t]*\{[ \t]*#fig:[\w-]+[ \t]*\})?[ \t]*$',
    re.M,
)
# A figure's number, put in its caption by the links plugin as a mark (not HTML,
# since captions are escaped): "\ue000<anchor id>:<number>\ue001".
FIGURE_ID = re.compile(
    r"""(<figure class="snippet-figure")(>(?:(?!</figure>).)*?)"""
    r"""<span class=["']fig-number["'] id=["']([\w-]+)["']>""",
    re.S,
)
NUMBER_MARK = re.compile("\ue000([A-Za-z0-9_-]+):([0-9]+|\\?)\ue001")


def number_figures(markdown: str, numbers: dict[str, int] | None = None) -> str:
    """Each `![…](snippet:… "caption"){#fig:x}` outside code with its caption opened by a
    number mark (caption_html makes it the numbered anchor). `numbers` by label, else
    counted here as the link index counts them: in page order, a repeated label once."""
    if "{#fig:" not in markdown:
        return markdown
    masked = mask_code(markdown)
    if numbers is None:
        numbers = {}
        for found in FIG_LABEL.finditer(masked):
            numbers.setdefault(found.group("label"), len(numbers) + 1)

    def number(match: re.Match[str]) -> str:
        if masked[match.start() : match.end()] != match.group(0):
            return match.group(0)  # inside code: shown as written
        label = match.group("label")
        figure, caption = match.group("figure"), match.group("caption")
        # A mark, not HTML: the figures escape captions as text.
        tag = f"\ue000{anchor_id('fig', label)}:{numbers.get(label, '?')}\ue001"
        if caption is None:
            return figure[:-1] + f' "{tag}")'
        start, end = match.span("caption")
        offset = match.start()
        return figure[: start - offset] + f"{tag} {caption}" + figure[end - offset :]

    return FIG_LABEL.sub(number, markdown)


def figure_ids(page_html: str) -> str:
    """A numbered figure's anchor moved from its caption's number to the figure."""
    return FIGURE_ID.sub(
        lambda m: f'{m.group(1)} id="{m.group(3)}"{m.group(2)}<span class="fig-number">',
        page_html,
    )


def caption_html(caption: str) -> str:
    """The caption as HTML: its text escaped, a number mark as the numbered anchor."""
    return NUMBER_MARK.sub(
        lambda m: f"<span class='fig-number' id='{m.group(1)}'>그림 {m.group(2)}.</span>",
        html.escape(caption),
    )


SNIPPET_TARGET = re.compile(r"\]\(\s*<?snippet:")
LOOSE = re.compile(
    r"(?P<bang>!?)\[(?P<alt>[^\]]*)\]\(\s*<?snippet:(?P<name>[^)\s\"'>]*)>?"
    r"(?P<rest>(?:\"[^\"]*\"|'[^']*'|[^)])*)\)"
)
SYNTAX = '![대체 텍스트](snippet:topic/name.py "캡션")'


class NearMiss(NamedTuple):
    line: int
    problem: str


class Scan(NamedTuple):
    figures: tuple[re.Match[str], ...]
    near_misses: tuple[NearMiss, ...]


def _diagnose(text: str) -> str:
    loose = LOOSE.search(text)
    if loose is None:
        return (
            f"a `snippet:` image is not written as a figure line: write {SYNTAX} "
            "on a line of its own"
        )
    before, after = text[: loose.start()].strip(), text[loose.end() :].strip()
    rest = loose.group("rest").strip()
    if not loose.group("bang"):
        return (
            "a link to `snippet:` is not a figure: add `!` in front, "
            f"{SYNTAX}, on a line of its own"
        )
    if LIST_ITEM.fullmatch(before + " "):
        return (
            "a figure cannot share its line with a list marker: put it on the next "
            "line, indented under the item"
        )
    if before:
        return (
            "a figure is inside a sentence: put it on a line of its own "
            f"({SYNTAX}) and keep the text on the lines around it"
        )
    if after:
        return (
            f"text follows the figure on its line ({after[:40]!r}): put the text on the next line"
        )
    if rest.startswith("'") or (rest and not rest.startswith('"')):
        return f"the caption must be in double quotes: {SYNTAX}"
    if not loose.group("name"):
        return f"the figure names no snippet: write {SYNTAX}"
    return f"the caption cannot contain a double quote `\"`: use “ ” or ' ' inside it, {SYNTAX}"


# A build scans each page three times (near-misses, references, rendering) and
# `mkdocs serve` every page on each save: the same text gives the same answer.
@functools.lru_cache(maxsize=4096)
def scan(markdown: str, masked: str | None = None) -> Scan:
    """Figure lines (as FIGURE_REF matches on `markdown`) and near-misses, in order;
    `masked` is the text's `mask_code` when the model has it already."""
    if "snippet:" not in markdown:  # both need it: most pages are read no further
        return Scan((), ())
    figures: list[re.Match[str]] = []
    misses: list[NearMiss] = []
    lines = zip(markdown.split("\n"), (masked or mask_code(markdown)).split("\n"), strict=True)
    start = 0
    for number, (line, visible) in enumerate(lines, start=1):
        match = FIGURE_REF.match(markdown, start, start + len(line.removesuffix("\r")))
        # Neither code nor in a comment; the image is read before inline HTML, so a
        # `<!--` inside the figure line is text.
        if match and visible[match.end("indent") - start] == "!":
            figures.append(match)
        elif SNIPPET_TARGET.search(visible):
            misses.append(NearMiss(number, _diagnose(visible)))
        start += len(line) + 1
    return Scan(tuple(figures), tuple(misses))
