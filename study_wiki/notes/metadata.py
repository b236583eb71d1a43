"""A page's front matter, its dates and the team's authors file, read one way everywhere."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from study_wiki import safe_yaml
from study_wiki.core.text_file import InputError, read_text
from study_wiki.messages import Problem

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)
AUTHORS_FILE = Path("daily") / ".authors.yml"  # inside docs/
KST = dt.timezone(dt.timedelta(hours=9), "KST")  # the team's clock (no daylight saving)


if TYPE_CHECKING:
    _SafeLoader = yaml.SafeLoader
else:
    _SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # C parser when built


class _Loader(_SafeLoader):
    """Safe YAML where an impossible date (2021-13-45) stays text for the schema."""


def _date_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _date_or_text)


def load_yaml(block: str) -> object:
    """YAML of a front matter block, within size, depth and alias limits
    (raises yaml.YAMLError; safe_yaml.YAMLLimitError past a limit)."""
    return safe_yaml.load(block, _Loader) or {}


def read_authors(docs_dir: Path) -> dict[str, dict]:
    """The authors of docs/daily/.authors.yml by id ({} when there is no such file);
    InputError naming the line when it cannot be read."""
    authors_file = docs_dir / AUTHORS_FILE
    if not authors_file.is_file():
        return {}
    shown = authors_file.relative_to(docs_dir.parent).as_posix()
    try:
        data = safe_yaml.load(read_text(authors_file, shown)) or {}
    except yaml.YAMLError as error:
        raise InputError(str(Problem(shown, *safe_yaml.describe(error)))) from None
    return (data.get("authors") or {}) if isinstance(data, dict) else {}


def kst(value: object) -> dt.datetime | None:
    """A front matter date on the team's clock: dates at midnight KST, naive times as KST."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=KST) if value.tzinfo is None else value.astimezone(KST)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=KST)
    if isinstance(value, str):
        try:
            return kst(dt.datetime.fromisoformat(value))
        except ValueError:
            return None
    return None


def page_dates(meta: Mapping) -> tuple[dt.datetime | None, dt.datetime | None]:
    """When a page was written and last updated: `date:` or `date: {created, updated}`."""
    value = meta.get("date")
    if isinstance(value, dict):
        created = kst(value.get("created"))
        return created, kst(value.get("updated")) or created
    created = kst(value)
    return created, created


def front_matter_problem(path: str, line: int, field: str, message: str) -> Problem:
    where = f"front matter field '{field}'" if field else "front matter"
    return Problem(path, line, f"{where}: {message}")


def parse_front_matter(path: str, text: str) -> tuple[str | None, dict, list[Problem]]:
    """The page's front matter block, its mapping and what keeps it from being read
    (no block, invalid YAML, past a limit, not a mapping)."""
    match = FRONT_MATTER.match(text)
    block = (match.group(1) or "") if match else None  # the YAML between the `---` lines

    def unreadable(line: int, message: str) -> tuple[str | None, dict, list[Problem]]:
        return block, {}, [front_matter_problem(path, line, "", message)]

    if block is None:
        return unreadable(1, "missing: start the file with a --- block")
    try:
        meta = load_yaml(block)
    except yaml.YAMLError as error:
        line, problem = safe_yaml.describe(error)
        return unreadable(line + 1, problem)  # + the opening ---
    if not isinstance(meta, dict):
        return unreadable(2, "must be a mapping of `field: value` lines")
    return block, meta, []
