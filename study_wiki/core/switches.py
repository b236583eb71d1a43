"""On/off switches and numbers for optional build steps, set in mkdocs.yml or the environment:
YAML turns `WIKI_SEARCH_KO=0` into 0 and `false` into False, so they accept what people type."""

from __future__ import annotations

import os
import re
from typing import Generic, TypeVar

from mkdocs.config.base import BaseConfigOption, ValidationError
from mkdocs.exceptions import PluginError

T = TypeVar("T")
OFF = {"0", "false", "no", "off"}

DURATION = re.compile(r"^\s*(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>s|sec|m|min|h)?\s*$", re.I)
UNIT_SECONDS = {"": 1, "s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600}


class Setting(BaseConfigOption[T], Generic[T]):
    """An option people may set through the environment variable `setting` (named in
    the error); unset (None, or an empty variable) gives the default."""

    def __init__(self, default: T, setting: str = "") -> None:
        super().__init__()
        self.default = default
        self.setting = setting

    def run_validation(self, value: object) -> T:
        if value is None or value == "":
            return self.default
        parsed = self.parse(value)
        if parsed is None:
            raise ValidationError(self.problem(value))
        return parsed

    def parse(self, value: object) -> T | None:
        raise NotImplementedError

    def problem(self, value: object) -> str:
        raise NotImplementedError


class Switch(Setting[bool | None]):
    """true/false, 1/0, yes/no, on/off; a stage's `enabled` left unset follows the
    profile (study_wiki/plugin.py)."""

    def __init__(self, default: bool | None = None) -> None:
        super().__init__(default)

    def parse(self, value: object) -> bool | None:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        return False if text in OFF else True if text in {"1", "true", "yes", "on"} else None

    def problem(self, value: object) -> str:
        return f"expected true or false (or 1/0, yes/no, on/off), got {value!r}"


class Seconds(Setting[float]):
    """A positive duration: seconds (120) or with a unit (90s, 2m, 1h)."""

    def parse(self, value: object) -> float | None:
        if isinstance(value, bool):
            return None
        if isinstance(value, int | float):
            return float(value) if value > 0 else None
        match = DURATION.match(str(value))
        if not match:
            return None
        seconds = float(match.group("number")) * UNIT_SECONDS[(match.group("unit") or "").lower()]
        return seconds if seconds > 0 else None

    def problem(self, value: object) -> str:
        return (
            f"{self.setting or 'timeout'}={value!r} is not a duration: write seconds (120) "
            "or a number with a unit (90s, 2m, 1h)"
        )


class Jobs(Setting[int]):
    """How many processes at once; empty or 0 means one per core."""

    def __init__(self, setting: str = "") -> None:
        super().__init__(os.cpu_count() or 1, setting)

    def parse(self, value: object) -> int | None:
        text = "0" if value is False else str(value).strip()  # `false`, like 0: one per core
        return (int(text) or self.default) if text.isdigit() else None

    def problem(self, value: object) -> str:
        name = self.setting or "jobs"
        return f"{name}={value!r} is not a number of processes: write a whole number, e.g. {name}=2"


class MegaBytes(Setting[int]):
    """A positive whole number of MB ("3072" or "3072MB")."""

    def parse(self, value: object) -> int | None:
        text = str(value).strip().lower().removesuffix("mb").strip()
        return int(text) if text.isdigit() and int(text) > 0 else None

    def problem(self, value: object) -> str:
        name = self.setting or "memory_mb"
        return (
            f"{name}={value!r} is not a size in MB: write a whole number, "
            f"e.g. {name}={self.default}"
        )


def from_environment(option: Setting[T]) -> T:
    """The option's value from its environment variable alone, where no mkdocs.yml is
    read: a snippet's process, an extension's worker."""
    try:
        return option.run_validation(os.environ.get(option.setting))
    except ValidationError as error:
        raise PluginError(str(error)) from None


MEMORY_MB_DEFAULT = 3072  # the memory cap of a snippet's process or a notebook's kernel


def memory_limit_mb() -> int:
    """The cap in MB, from WIKI_SNIPPET_MEMORY (the figures stage passes its option on);
    study_wiki/core/host.py applies it where the system can."""
    return from_environment(MegaBytes(MEMORY_MB_DEFAULT, "WIKI_SNIPPET_MEMORY"))
