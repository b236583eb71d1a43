"""The front matter every page must carry, as a JSON Schema, and its checker: the build,
the new-note command and the tests share it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePosixPath

import jsonschema

from study_wiki.core.text_file import CONTROL
from study_wiki.messages import Problem
from study_wiki.model import STUDY, part_of
from study_wiki.notes.metadata import front_matter_problem, parse_front_matter

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TOPIC = re.compile(r"^[a-z0-9-]+$")


def schema_for(part: str | None, authors: list[str] | None, categories: list[str]) -> dict:
    """For a day's part or another page (`part` None); None for `authors` when the
    authors file cannot be read: any name passes."""
    person = {"enum": authors} if authors is not None else {"type": "string"}
    description = {"type": "string", "minLength": 20, "maxLength": 200}
    tags = {"type": "array", "items": {"type": "string", "pattern": r"\S"}, "minItems": 1}
    properties: dict = {
        "title": {"type": "string", "pattern": r"\S"},
        "description": description,
        "tags": tags,
        "authors": {"type": "array", "items": person, "minItems": 1},
        "date": {"type": "string", "format": "date"},
        "categories": {"type": "array", "items": {"enum": categories}, "minItems": 1},
        "slug": {"type": "string", "pattern": SLUG.pattern},
        # Where a day sits in the programme, and what it worked on (CONTRIBUTING.md).
        "level": {"type": "integer", "minimum": 1, "maximum": 99},
        "week": {"type": "integer", "minimum": 1, "maximum": 999},
        "topics": {"type": "array", "items": {"type": "string", "pattern": TOPIC.pattern}},
        "participants": {"type": "array", "items": person, "minItems": 1},
        "goals": {
            "type": "object",
            "propertyNames": person,
            "additionalProperties": {"type": "string", "minLength": 1, "maxLength": 300},
        },
        "aliases": {"type": "array", "items": {"type": "string", "minLength": 1}},
        # Which of date/level/week the editor estimated (the note did not say): the
        # generated pages mark them.
        "estimated": {
            "type": "array",
            "items": {"enum": ["date", "level", "week"]},
            "uniqueItems": True,
        },
    }
    if not categories:  # the site does not use categories
        properties["categories"] = {"type": "array", "maxItems": 0}
    required = ["description", *(["date", "authors", "tags"] if part else [])]
    required += ["slug"] if part == STUDY else []
    return {"type": "object", "properties": properties, "required": required}


def _field_line(front_matter: str, field: str) -> int:
    match = re.search(rf"^{re.escape(field)}\s*:", front_matter, re.M)
    return front_matter.count("\n", 0, match.start()) + 2 if match else 1


def _as_json(value: object) -> object:
    """YAML reads 2021-09-17 as a date; the schema checks dates as ISO strings."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_json(item) for item in value]
    return value


def _message(error: jsonschema.ValidationError, authors: list[str] | None) -> str:
    field = str(error.path[0]) if error.path else ""
    if error.validator == "required":
        missing = error.message.split("'")[1]
        return f"'{missing}' is required: add `{missing}: ...` to the front matter"
    if field == "categories" and error.validator in ("maxItems", "type"):
        return (
            "this site does not use categories: remove it; days are grouped by "
            "`level:`/`week:`, `topics:` and `tags:` (see CONTRIBUTING.md)"
        )
    if error.validator == "enum" and field in ("authors", "participants", "goals"):
        return (
            f"unknown author {error.instance!r}; known authors are "
            f"{', '.join(authors or [])} (add new people to docs/daily/.authors.yml)"
        )
    if error.validator == "enum":
        return f"{error.instance!r} is not allowed; use one of {', '.join(error.validator_value)}"
    if error.validator == "format" and field == "date":
        return f"{error.instance!r} is not a date; write it as YYYY-MM-DD, e.g. 2021-09-17"
    if error.validator == "pattern" and field in ("tags", "title"):
        what = "a tag" if field == "tags" else "the title"
        return f"{what} is empty or only spaces: write the text, or remove the line"
    if error.validator == "minLength" and field == "description":
        return "is too short: write one sentence (20+ characters) for search and previews"
    return error.message


def check_meta(
    path: str,
    src_uri: str,
    block: str,
    meta: dict,
    authors: list[str] | None,
    categories: list[str],
) -> list[Problem]:
    """What is wrong with a front matter that could be read (empty when valid)."""
    validator = jsonschema.Draft202012Validator(
        schema_for(part_of(src_uri), authors, categories), format_checker=jsonschema.FormatChecker()
    )
    problems = []
    errors = validator.iter_errors(_as_json(meta))
    for invalid in sorted(errors, key=lambda e: list(e.path)):
        field = str(invalid.path[0]) if invalid.path else ""
        if invalid.validator == "required":
            field = invalid.message.split("'")[1]
        line = _field_line(block, field)
        problems.append(front_matter_problem(path, line, field, _message(invalid, authors)))
    for field, value in meta.items():
        found = next(filter(None, map(CONTROL.search, _strings(value))), None)
        if found:
            problems.append(
                front_matter_problem(
                    path,
                    _field_line(block, str(field)),
                    str(field),
                    f"contains the control character U+{ord(found.group()):04X} (an escape "
                    "like \\x01 in quotes), which shows as nothing: delete it",
                )
            )
    return problems


def check_page(
    path: str, src_uri: str, text: str, authors: list[str] | None, categories: list[str]
) -> tuple[dict, list[Problem]]:
    """The page's front matter and what is wrong with it (empty when valid)."""
    block, meta, problems = parse_front_matter(path, text)
    if problems or block is None:
        return {}, problems
    return meta, check_meta(path, src_uri, block, meta, authors, categories)


def _strings(value: object) -> list[str]:
    """Every string inside a front matter value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for pair in value.items() for part in pair for s in _strings(part)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def post_slug(src_uri: str, meta: dict) -> str:
    """The slug a post is published under (required for posts by the schema)."""
    return str(meta.get("slug") or PurePosixPath(src_uri).stem)
