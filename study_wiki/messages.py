"""Messages for bad contributor input: `file:line: what is wrong: how to fix it`."""

from __future__ import annotations

import errno
import logging
from dataclasses import dataclass
from pathlib import Path

from study_wiki.core.paths import Project


@dataclass(frozen=True)
class Problem:
    """One thing wrong in what a contributor wrote, where they wrote it."""

    path: str  # as the author sees it: docs/..., snippets/..., includes/...
    line: int | None
    message: str  # what is wrong: how to fix it

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class LineError(Exception):
    """What is wrong at `line` of a snippet's or a notebook's file, and how to fix it."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def removed_during_build(shown: str) -> Problem:
    """A file MkDocs listed that was gone when a stage read it (deleted while
    `mkdocs serve` was building: the build its deletion starts goes on without it)."""
    return Problem(shown, None, "was removed while the site was being built: build again")


def line_of(text: str, needle: str) -> int:
    """The line where `needle` first stands in `text` (1 when it does not)."""
    offset = text.find(needle) if needle else -1
    return text.count("\n", 0, offset) + 1 if offset >= 0 else 1


def not_utf8(shown: str, data: bytes, error: UnicodeDecodeError) -> Problem:
    """Where a file stops being UTF-8, and what to do about it."""
    line = data.count(b"\n", 0, error.start) + 1
    byte = data[error.start : error.start + 1].hex()
    return Problem(
        shown,
        line,
        f"is not UTF-8 text (byte 0x{byte} at offset {error.start}): "
        "save the file as UTF-8 (in most editors: 'Save with encoding' > UTF-8)",
    )


def not_writable(path: Path, error: OSError) -> str:
    """What to do about a file the build cannot write: free space, or a writable folder."""
    shown = Project.at(Path.cwd()).shown(path)
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        fix = "free some disk space (deleting .wiki-cache/ is safe: it only holds build results)"
    else:
        fix = (
            "make the folder writable (e.g. `chmod -R u+w .wiki-cache site`), or delete "
            ".wiki-cache/ (it only holds build results)"
        )
    return f"{shown}: cannot write ({error.strerror or error}): {fix}, and build again"


def problems_logged() -> int:
    """The warnings and errors this strict build has logged so far: what MkDocs' own
    counter (on the `mkdocs` logger, over every stage's logger) holds against it."""
    from mkdocs.utils import CountHandler

    counters = [h for h in logging.getLogger("mkdocs").handlers if isinstance(h, CountHandler)]
    return sum(count for counter in counters for _, count in counter.get_counts())


def uncounted_logger(name: str) -> logging.Logger:
    """A logger the user sees whose warnings do not fail `--strict` (MkDocs counts every
    warning under the `mkdocs` logger against strict mode)."""
    logger = logging.getLogger(name)
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
        logger.setLevel(logging.INFO)
    return logger
