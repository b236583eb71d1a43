"""references.bib read and formatted offline with pybtex (nothing is fetched)."""

from __future__ import annotations

import html
import re
from pathlib import Path

from pybtex.backends.html import Backend
from pybtex.database import BibliographyData, parse_file
from pybtex.exceptions import PybtexError
from pybtex.style.formatting.plain import Style

SAFE_URL = re.compile(r"^https?://[^\s\"'<>]+$")
DOI = re.compile(r"^10\.\d{4,9}/[^\s\"'<>]+$")


class BibError(ValueError):
    """The .bib file cannot be read; the message is `file:line: what: how to fix`."""


class Bibliography:
    def __init__(self, path: Path, shown: str) -> None:
        self.path, self.shown = path, shown
        self.entries: dict[str, str] = {}
        self.data = BibliographyData()
        self.style: Style | None = None

    @classmethod
    def load(cls, path: Path, shown: str) -> Bibliography:
        bib = cls(path, shown)
        try:
            bib.data = parse_file(str(path), "bibtex")
        except PybtexError as error:
            line = getattr(error, "lineno", None) or 1
            raise BibError(
                f"{shown}:{line}: cannot read the bibliography ({error}): fix the entry there"
            ) from error
        for key, entry in bib.data.entries.items():
            for name in ("url", "doi"):
                value = entry.fields.get(name)
                if value is None:
                    continue
                ok = SAFE_URL.match(value) if name == "url" else DOI.match(value)
                if not ok:
                    how = (
                        "write a full https:// address"
                        if name == "url"
                        else "write the DOI alone, like 10.1162/neco.1997.9.8.1735"
                    )
                    raise BibError(
                        f"{shown}:{_line(path, key)}: entry '{key}' has a bad {name} "
                        f"{value!r}: {how}"
                    )
        return bib

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


def _line(path: Path, key: str) -> int:
    text = path.read_text(encoding="utf-8-sig")
    match = re.search(r"@\w+\s*\{\s*" + re.escape(key) + r"\s*,", text)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def escape(text: str) -> str:
    return html.escape(text, quote=True)
