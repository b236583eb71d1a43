"""YAML parsed once per text: several plugins read every page's front matter in each
build, and `mkdocs serve` reads them all again after each save.

Each caller gets its own copy, to change at will. A text that fails to parse is
not remembered: it raises again, with its own error, on the next read.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable
from typing import Any

import yaml


def load_once(text: str, loader: type, load: Callable[[str, type], Any] = yaml.load) -> Any:
    """`load(text, loader)`, computed once for each (text, loader, load)."""
    return copy.deepcopy(_parsed(text, loader, load))


@functools.lru_cache(maxsize=8192)
def _parsed(text: str, loader: type, load: Callable[[str, type], Any]) -> Any:
    return load(text, loader)
