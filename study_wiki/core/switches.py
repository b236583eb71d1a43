"""On/off switches and numbers for optional build steps, set in mkdocs.yml or the environment.

mkdocs.yml reads environment variables with `!ENV [NAME, default]`; YAML then turns
`WIKI_SEARCH_KO=0` into the number 0 and `WIKI_GIT_DATES=false` into False, so the
options below accept what a person would type.
"""

from __future__ import annotations

import os

from mkdocs.config.base import BaseConfigOption, ValidationError

OFF = {"0", "false", "no", "off"}


class Switch(BaseConfigOption[bool]):
    """true/false, 1/0, yes/no, on/off."""

    def __init__(self, default: bool = True) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> bool:
        if value is None:
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
    """A positive number of seconds."""

    def __init__(self, default: float) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> float:
        if value is None or value == "":
            return self.default
        try:
            seconds = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise ValidationError(f"expected a number of seconds, got {value!r}") from None
        if seconds <= 0:
            raise ValidationError(f"expected a positive number of seconds, got {value!r}")
        return seconds


class Jobs(BaseConfigOption[int]):
    """How many processes at once; empty or 0 means one per core."""

    def run_validation(self, value: object) -> int:
        if value is None or value == "" or value == 0:
            return os.cpu_count() or 1
        try:
            jobs = int(value)  # type: ignore[call-overload]
        except (TypeError, ValueError):
            raise ValidationError(f"expected a whole number of processes, got {value!r}") from None
        if jobs < 0:
            raise ValidationError(f"expected a whole number of processes, got {value!r}")
        return jobs
