"""The memory cap of a process that runs contributors' code (a figure snippet, a
notebook kernel); study_wiki/core/host.py applies it where the system can."""

from __future__ import annotations

from study_wiki.core.switches import MegaBytes, from_environment

MEMORY_MB_DEFAULT = 3072


def memory_limit_mb() -> int:
    """The cap in MB, from WIKI_SNIPPET_MEMORY (the figures stage passes its option on)."""
    return from_environment(MegaBytes(MEMORY_MB_DEFAULT, "WIKI_SNIPPET_MEMORY"))
