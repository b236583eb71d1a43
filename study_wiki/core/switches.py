"""On/off switches and numbers for optional build steps, set in mkdocs.yml or the environment.

mkdocs.yml reads environment variables with `!ENV [NAME, default]`; YAML then turns
`WIKI_SEARCH_KO=0` into the number 0 and `WIKI_GIT_DATES=false` into False, so the
options below accept what a person would type.
"""

from __future__ import annotations

import os
import re

from mkdocs.config.base import BaseConfigOption, ValidationError

OFF = {"0", "false", "no", "off"}

DURATION = re.compile(r"^\s*(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>s|sec|m|min|h)?\s*$", re.I)
UNIT_SECONDS = {"": 1, "s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600}


def duration_seconds(value: object) -> float | None:
    """Seconds from 120, "120", "90s", "2m" or "1h"; None when it is not a positive duration."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if value > 0 else None
    match = DURATION.match(str(value))
    if not match:
        return None
    seconds = float(match.group("number")) * UNIT_SECONDS[(match.group("unit") or "").lower()]
    return seconds if seconds > 0 else None


def duration_problem(value: object, setting: str) -> str:
    return (
        f"{setting}={value!r} is not a duration: write seconds (120) "
        "or a number with a unit (90s, 2m, 1h)"
    )


class Switch(BaseConfigOption[bool | None]):
    """true/false, 1/0, yes/no, on/off; unset (None, or an empty variable) gives the
    default, and a stage's `enabled` left unset follows the profile (study_wiki/plugin.py)."""

    def __init__(self, default: bool | None = None) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> bool | None:
        if value is None or value == "":
            return self.default
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in OFF:
            return False
        if text in {"1", "true", "yes", "on"}:
            return True
        raise ValidationError(f"expected true or false (or 1/0, yes/no, on/off), got {value!r}")


class Seconds(BaseConfigOption[float]):
    """A positive duration: seconds (120) or with a unit (90s, 2m, 1h).

    `setting` names the environment variable people set, for the error message.
    """

    def __init__(self, default: float, setting: str = "") -> None:
        super().__init__()
        self.default = default
        self.setting = setting

    def run_validation(self, value: object) -> float:
        if value is None or value == "":
            return self.default
        seconds = duration_seconds(value)
        if seconds is None:
            raise ValidationError(duration_problem(value, self.setting or "timeout"))
        return seconds


class Jobs(BaseConfigOption[int]):
    """How many processes at once; empty or 0 means one per core."""

    def __init__(self, setting: str = "") -> None:
        super().__init__()
        self.setting = setting

    def run_validation(self, value: object) -> int:
        if value is None or value == "" or value == 0:
            return os.cpu_count() or 1
        text = str(value).strip()
        if isinstance(value, bool) or not text.isdigit():
            name = self.setting or "jobs"
            raise ValidationError(
                f"{name}={value!r} is not a number of processes: write a whole number, "
                f"e.g. {name}=2"
            )
        return int(text) or (os.cpu_count() or 1)


class MegaBytes(BaseConfigOption[int]):
    """A positive whole number of MB ("3072" or "3072MB")."""

    def __init__(self, default: int, setting: str = "") -> None:
        super().__init__()
        self.default = default
        self.setting = setting

    def run_validation(self, value: object) -> int:
        if value is None or value == "":
            return self.default
        text = str(value).strip().lower().removesuffix("mb").strip()
        if isinstance(value, bool) or not text.isdigit() or int(text) <= 0:
            name = self.setting or "memory_mb"
            raise ValidationError(
                f"{name}={value!r} is not a size in MB: write a whole number, "
                f"e.g. {name}={self.default}"
            )
        return int(text)
