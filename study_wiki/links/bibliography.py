"""references.bib read and formatted offline with pybtex (nothing is fetched)."""

from __future__ import annotations

import re
from pathlib import Path

from pybtex.backends.html import Backend
from pybtex.database import BibliographyData, parse_string
from pybtex.exceptions import PybtexError
from pybtex.style.formatting.plain import Style

from study_wiki.core.text_file import InputError, read_text
from study_wiki.messages import Problem

SAFE_URL = re.compile(r"^https?://[^\s\"'<>]+$")
DOI = re.compile(r"^10\.\d{4,9}/[^\s\"'<>]+$")
ENTRY_START = re.compile(r"^\s*@\s*(?P<type>\w+)\s*[{(]\s*(?P<key>[^,\s}]*)")
FIELD_START = re.compile(r"^\s*[\w:.-]+\s*=")
CHECKED_FIELDS = {
    "url": (SAFE_URL, "write a full https:// address"),
    "doi": (DOI, "write the DOI alone, like 10.1162/neco.1997.9.8.1735"),
}


class BibError(ValueError):
    """The .bib file cannot be read; the message is `file:line: what: how to fix`."""


class Bibliography:
    def __init__(self, data: BibliographyData) -> None:
        self.data = data
        self.entries: dict[str, str] = {}
        self.style: Style | None = None

    @classmethod
    def load(cls, path: Path, shown: str) -> Bibliography:
        try:
            text = read_text(path, shown)
        except InputError as error:
            raise BibError(str(error)) from None
        try:
            data = parse_string(text, "bibtex")
        except PybtexError as error:
            structural = any(kind in str(error) for kind in ("syntax error", "repeated"))
            found = syntax_problem(text) if structural else None
            if found is None:
                line = getattr(error, "lineno", None) or 1
                found = line, f"cannot read the bibliography ({error}): fix the entry there"
            raise BibError(str(Problem(shown, *found))) from error
        for key, entry in data.entries.items():
            for name, (pattern, how) in CHECKED_FIELDS.items():
                value = entry.fields.get(name)
                if value is not None and not pattern.match(value):
                    bad = f"entry '{key}' has a bad {name} {value!r}: {how}"
                    raise BibError(str(Problem(shown, _line(text, key), bad)))
        return cls(data)

    def keys(self) -> list[str]:
        return list(self.data.entries)

    def entry_html(self, key: str) -> str | None:
        if key not in self.data.entries:
            return None
        if key not in self.entries:
            if self.style is None:
                self.style = Style()  # finding its parts scans entry points: once per build
            formatted = self.style.format_entry(key, self.data.entries[key])
            text = formatted.text.render(Backend())
            # pybtex marks {braced} text as protected; that means nothing to a reader.
            text = re.sub(r'<span class="bibtex-protected">(.*?)</span>', r"\1", text)
            self.entries[key] = text.replace("\n", " ")
        return self.entries[key]


def syntax_problem(text: str) -> tuple[int, str] | None:
    """(line, what to fix) for the first missing comma, unclosed `{` or repeated key.

    pybtex reports where it gave up: the line after a missing comma, the next entry
    after an unclosed brace, line 1 for a key used twice."""
    lines = text.split("\n")
    keys: dict[str, int] = {}
    depth = 0  # braces open: 1 inside an entry, 2 inside one of its values
    key, first, last = "", 0, 0  # the entry, its first line and its last line so far
    open_value = 0  # a line that ended inside a value, before another field started
    for number, line in enumerate([*lines, "@end{"], start=1):
        entry = ENTRY_START.match(line)
        if entry and depth > 0:
            if open_value:
                return open_value, f"entry '{key}': a `{{` on this line is never closed: add `}}`"
            return last, f"entry '{key}' (line {first}) is not closed: add `}}` after this line"
        if entry:
            key, first, depth, open_value = entry["key"], number, 0, 0
            if key in keys:
                return number, (
                    f"entry '{key}' is defined twice (first on line {keys[key]}): remove "
                    "one, or give it another key"
                )
            keys[key] = number
        elif not line.strip() or (depth == 0 and not line.lstrip().startswith("@")):
            continue  # blank, or outside any entry (comments)
        elif FIELD_START.match(line) and depth >= 1:
            if depth > 1 and not open_value:
                open_value = last
            if depth == 1 and not lines[last - 1].rstrip().endswith((",", "{")):
                return last, f"entry '{key}': a comma is missing at the end of this line"
        depth += line.count("{") - line.count("}")
        last = number
    return None


def _line(text: str, key: str) -> int:
    match = re.search(r"@\w+\s*\{\s*" + re.escape(key) + r"\s*,", text)
    return text.count("\n", 0, match.start()) + 1 if match else 1
