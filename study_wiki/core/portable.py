"""Names and text as every system writes them, so a laptop builds what Linux builds:
Windows' backslashes and CRLF line ends, a byte-order mark, macOS's decomposed (NFD)
file names. Everything a build derives from a name or a source goes through here."""

from __future__ import annotations

import unicodedata
from pathlib import Path, PurePath

BOM = "\ufeff"


def portable_path(path: str | PurePath) -> str:
    """'/'-separated and NFC: `snippets\\nn\\lstm.py` and an NFD name as on Linux."""
    text = path.as_posix() if isinstance(path, PurePath) else path.replace("\\", "/")
    return unicodedata.normalize("NFC", text)


def source_text(data: bytes) -> str:
    """A source file's text without a byte-order mark and with LF line ends."""
    text = data.decode("utf-8").removeprefix(BOM)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_source(path: Path) -> str:
    return source_text(path.read_bytes())


def source_key(data: bytes) -> bytes:
    """A source's bytes for a cache key: the same for CRLF, a BOM or neither."""
    try:
        return source_text(data).encode("utf-8")
    except UnicodeDecodeError:
        return data  # not UTF-8 text: running it reports that
