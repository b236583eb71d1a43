"""The glossary's data: one YAML list of terms, checked entry by entry with line numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from study_wiki import safe_yaml
from study_wiki.core.text_file import text_of
from study_wiki.messages import Problem

REQUIRED = ("ko", "en", "definition", "link")
OPTIONAL = ("abbr", "synonyms", "misspellings")
MAX_TEXT = 300
ABBR = re.compile(r"^[A-Z][A-Za-z0-9]{1,11}$")
LINK = re.compile(r"^(?P<path>[A-Za-z0-9_./-]+\.md)(?:#(?P<anchor>[A-Za-z0-9_-]+))?$")
# Room for a few thousand terms (each is about six values), nothing deeper than a list.
LIMITS = safe_yaml.Limits(max_bytes=1024 * 1024, max_depth=3, max_values=50_000)


@dataclass(frozen=True)
class Term:
    ko: str
    en: str
    definition: str
    link: str  # a page under docs/, optionally with #anchor
    line: int  # where the entry starts in the data file
    abbr: str | None = None
    synonyms: tuple[str, ...] = field(default=())
    # Spellings a reader may type or a quoted note may use, found by search but
    # never shown as a name of the term.
    misspellings: tuple[str, ...] = field(default=())

    @property
    def page(self) -> str:
        return self.link.split("#", 1)[0]

    @property
    def forms(self) -> tuple[str, ...]:
        """Every name of the term a reader may type, Korean and English."""
        names = [self.ko, self.en, *([self.abbr] if self.abbr else [])]
        names += [*self.synonyms, *self.misspellings]
        return tuple(dict.fromkeys(names))


def _text(node: yaml.Node) -> str | None:
    if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str":
        return str(node.value).strip()
    return None


def _field(key: str, node: yaml.Node) -> tuple[object, str | None]:
    if key not in REQUIRED + OPTIONAL:
        return None, f"unknown field '{key[:40]}': use one of " + ", ".join(REQUIRED + OPTIONAL)
    if key in ("synonyms", "misspellings"):
        if not isinstance(node, yaml.SequenceNode) or any(_text(n) is None for n in node.value):
            return None, f"{key} must be a list of text"
        return tuple(_text(n) or "" for n in node.value), None
    text = _text(node)
    if not text:
        return None, f"'{key}' must be non-empty text"
    if len(text) > MAX_TEXT:
        return None, (
            f"'{key}' is longer than {MAX_TEXT} characters: "
            "shorten it and explain the rest on the linked page"
        )
    return text, None


def _entry_problems(values: dict[str, object]) -> list[str]:
    """What is wrong with an entry whose fields each read well."""
    found = []
    missing = [k for k in REQUIRED if k not in values]
    if missing:
        found.append(f"term is missing {', '.join(missing)}")
    abbr = values.get("abbr")
    if isinstance(abbr, str) and not ABBR.match(abbr):
        found.append(
            f"abbr '{abbr[:20]}' must be 2-12 letters or digits starting with a capital (like LSTM)"
        )
    link = values.get("link")
    if isinstance(link, str) and not LINK.match(link):
        found.append(
            f"link '{link[:80]}' must be a page under docs/ like "
            "topics/lstm.md or topics/lstm.md#anchor"
        )
    return found


def _read_entry(item: yaml.Node, shown: str) -> tuple[dict[str, object] | None, list[Problem]]:
    line = item.start_mark.line + 1
    if not isinstance(item, yaml.MappingNode):
        return None, [Problem(shown, line, "each term must be a mapping with ko, en, ...")]
    values: dict[str, object] = {}
    problems = []
    for key_node, value_node in item.value:
        key = _text(key_node) or ""
        value, problem = _field(key, value_node)
        if problem:
            problems.append(Problem(shown, key_node.start_mark.line + 1, problem))
        else:
            values[key] = value
    found = _entry_problems(values)
    if problems:  # a missing field is reported only for an entry that reads well
        found = [f for f in found if not f.startswith("term is missing")]
    problems += [Problem(shown, line, message) for message in found]
    return (None if problems else values), problems


def load_terms(path: Path, shown: str) -> tuple[list[Term], list[Problem]]:
    """The well-formed terms of the file, and a problem for each bad entry."""
    text, problem = text_of(path.read_bytes(), shown)
    if problem is not None:
        return [], [problem]
    try:
        root = safe_yaml.compose(text, yaml.SafeLoader, LIMITS)
    except yaml.YAMLError as error:
        return [], [Problem(shown, *safe_yaml.describe(error))]
    if root is None:
        return [], []
    if not isinstance(root, yaml.SequenceNode):
        return [], [
            Problem(shown, root.start_mark.line + 1, "expected a list of terms (- ko: ...)")
        ]
    terms: list[Term] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for item in root.value:
        values, found = _read_entry(item, shown)
        problems += found
        if values is None:
            continue
        line, key = item.start_mark.line + 1, str(values["ko"])
        if key in seen:
            problems.append(
                Problem(
                    shown,
                    line,
                    f"'{key}' is already defined on line {seen[key]}: merge the two entries",
                )
            )
            continue
        seen[key] = line
        terms.append(Term(line=line, **values))  # type: ignore[arg-type]
    return terms, problems
