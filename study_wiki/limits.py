"""The memory cap of a process that runs contributors' code (a figure snippet, a
notebook kernel); study_wiki/core/host.py applies it where the system can."""

from __future__ import annotations

from study_wiki.core.switches import MegaBytes, Seconds, from_environment

MEMORY_MB_DEFAULT = 3072


def memory_limit_mb() -> int:
    """The cap in MB, from WIKI_SNIPPET_MEMORY (the figures stage passes its option on)."""
    return from_environment(MegaBytes(MEMORY_MB_DEFAULT, "WIKI_SNIPPET_MEMORY"))


def parse_duration(value: object, setting: str) -> float:
    """Seconds from 120, "120", "90s", "2m" or "1h" set in `setting`, else a PluginError."""
    return from_environment(Seconds(0.0, setting), value)
