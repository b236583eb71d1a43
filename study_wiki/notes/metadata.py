"""A page's front matter and the team's authors file, read one way everywhere.

The build's schema check, the new-note command and the tests all read front
matter through `read_front_matter`, and authors through `read_authors`.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)
AUTHORS_FILE = Path("daily") / ".authors.yml"  # inside docs/


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # C parser when built
    """Safe YAML where an impossible date (2021-13-45) stays text for the schema."""


def _date_or_text(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _date_or_text)


def front_matter_block(text: str) -> str | None:
    """The YAML between the leading `---` lines, or None when the page has none."""
    match = FRONT_MATTER.match(text)
    return (match.group(1) or "") if match else None


def load_yaml(block: str) -> object:
    """YAML of a front matter block (raises yaml.YAMLError)."""
    return yaml.load(block, Loader=_Loader) or {}  # noqa: S506 - a safe loader


def read_front_matter(text: str) -> dict:
    """The page's front matter as a mapping; {} when it has none or it is not valid."""
    block = front_matter_block(text)
    if block is None:
        return {}
    try:
        meta = load_yaml(block)
    except yaml.YAMLError:
        return {}
    return meta if isinstance(meta, dict) else {}


def read_authors(docs_dir: Path) -> dict[str, dict]:
    """The authors of docs/daily/.authors.yml by id ({} when there is no such file)."""
    authors_file = docs_dir / AUTHORS_FILE
    if not authors_file.is_file():
        return {}
    data = yaml.safe_load(authors_file.read_text(encoding="utf-8")) or {}
    return data.get("authors") or {}
