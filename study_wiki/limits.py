"""The memory cap of a process that runs contributors' code (a figure snippet, a
notebook kernel); study_wiki/core/host.py applies it where the system can."""

from __future__ import annotations

import os

from mkdocs.config.base import ValidationError
from mkdocs.exceptions import PluginError

from study_wiki.core.switches import MegaBytes

MEMORY_MB_DEFAULT = 3072


def memory_limit_mb() -> int:
    """The cap in MB, from WIKI_SNIPPET_MEMORY (the figures stage passes its option on)."""
    option = MegaBytes(MEMORY_MB_DEFAULT, "WIKI_SNIPPET_MEMORY")
    try:
        return option.run_validation(os.environ.get("WIKI_SNIPPET_MEMORY"))
    except ValidationError as error:
        raise PluginError(str(error)) from None
