"""The link syntax of the wiki, shared by the Markdown extensions and the site scanner.

[[page]]  [[page#heading]]  [[page|text]]  [[?page to write]]  [[#eq:label]]
$$ ... $$ {#eq:label}       @eq:label  ->  식 (3)
![alt](snippet:x.py "caption"){#fig:label}   @fig:label  ->  그림 2
[@pascanu2013]  [@pascanu2013, p. 4; @cho2014]
"""

from __future__ import annotations

import re
import unicodedata

# Labels are ASCII so that a Korean particle right after one (`@eq:cell에서`) is not part of it.
LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?"
KEY = r"[A-Za-z0-9][A-Za-z0-9_:.-]*[A-Za-z0-9]|[A-Za-z0-9]"

WIKILINK = (
    r"\[\[(?P<todo>\?)?(?P<target>[^\]\[|#\n]*)"
    r"(?:#(?P<anchor>[^\]\[|\n]*))?(?:\|(?P<text>[^\]\[\n]*))?\]\]"
)
# Lookbehinds come after a pattern's first character: re tries a pattern that begins with
# one at every position of the text, and searches for one that begins with a character.
REF = rf"@(?<![\w@/.`]@)(?P<kind>eq|fig):(?P<label>{LABEL})"
CITATION = rf"\[(?P<body>@(?:{KEY})(?:[^\[\]\n]*))\]"
CITE_ITEM = re.compile(rf"^\s*@(?P<key>{KEY})\s*(?:,\s*(?P<locator>.+?))?\s*$")

# `$$ {#eq:x}` closes a display equation (or ends a one-line `$$ a = b $$ {#eq:x}`).
EQ_LABEL = re.compile(rf"\$\$[ \t]*\{{[ \t]*#eq:(?P<label>{LABEL})[ \t]*\}}[ \t]*$")
FIG_LABEL = re.compile(
    r'^(?P<figure>[ \t]*!\[[^\]]*\]\(snippet:[^)\s"]+(?:\s+"(?P<caption>[^"]*)")?\))'
    rf"[ \t]*\{{[ \t]*#fig:(?P<label>{LABEL})[ \t]*\}}[ \t]*$",
    re.M,
)
KINDS = {"eq": "식", "fig": "그림"}


def label_text(kind: str, number: int) -> str:
    """How the text calls a numbered equation or figure: 식 (3), 그림 2."""
    return f"{KINDS[kind]} ({number})" if kind == "eq" else f"{KINDS[kind]} {number}"


def split_label(anchor: str) -> tuple[str, str]:
    """(kind, label) of an anchor `eq:x` or `fig:x`; ("", anchor) for a heading's."""
    kind, colon, label = anchor.partition(":")
    return (kind, label) if colon and kind in KINDS else ("", anchor)


def normalize(name: str) -> str:
    """Lookup form of a page name: NFC, case-folded, `-`/`_`/spaces as one space."""
    name = unicodedata.normalize("NFC", name).casefold().strip()
    return re.sub(r"[\s_-]+", " ", name)


def cite_items(body: str) -> list[tuple[str, str]] | None:
    """[(key, locator)] of a `[@a, p. 4; @b]` body, or None when it is not a citation."""
    items = []
    for part in body.split(";"):
        match = CITE_ITEM.match(part)
        if match is None:
            return None
        items.append((match.group("key"), (match.group("locator") or "").strip()))
    return items


def anchor_id(kind: str, label: str) -> str:
    """HTML id of a numbered equation or figure (no colon: CSS selectors stay plain)."""
    return f"{kind}-{label}"


INLINE_CLEANUP = [
    (re.compile(r"\[\^[^\]]+\]"), ""),  # footnote references
    (re.compile(CITATION), ""),
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images: their text
    (re.compile(r"(\*\*|__|\*|~~|==|\^\^)"), ""),  # emphasis marks
    (re.compile(r"<[^>]+>"), ""),  # tags
    (re.compile(r"(?<!\w):[a-z0-9_+-]+(?:-[a-z0-9]+)*:(?!\w)"), ""),  # :emoji: codes
    (re.compile(r"^\s*(?:[-*+]|\d+\.|>|#+)\s+"), ""),  # list, quote and heading marks
    (re.compile(r"\s+"), " "),
]
WIKILINK_RE = re.compile(WIKILINK)
# Python-Markdown drops a heading's closing hashes, then attr_list its `{...}`.
ATX_MARK = re.compile(r"#{1,6}")
HEADING_END = re.compile(r"[ \t]*#*[ \t]*$")
HEADING_ATTRS = re.compile(r"[ \t]*\{:?(?P<attrs>[^}]*)\}[ \t]*$")


def strip_inline(text: str) -> str:
    """Text without its Markdown: links to their text, markup and notes dropped."""
    if "[" in text:
        text = WIKILINK_RE.sub(lambda m: m.group("text") or m.group("target") or "", text)
    for pattern, replacement in INLINE_CLEANUP:
        text = pattern.sub(replacement, text)
    return text.strip()


def heading_text(line: str) -> str:
    """The text a `# heading` line, or the text line of an underlined heading, renders
    to (code spans keep their text)."""
    if atx := ATX_MARK.match(line):
        line = HEADING_END.sub("", line[atx.end() :], count=1)
    return strip_inline(HEADING_ATTRS.sub("", line).replace("`", ""))
