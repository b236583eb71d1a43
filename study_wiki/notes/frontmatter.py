"""Checks every page's front matter against the schema before any plugin reads it."""

from __future__ import annotations

import functools
from collections import defaultdict
from pathlib import Path

from study_wiki.core.portable import portable_path, source_text
from study_wiki.messages import Problem, not_utf8
from study_wiki.notes.schema import check_page, page_kind, post_slug


# `mkdocs serve` checks every page on each save; an unchanged page has the same answer.
@functools.lru_cache(maxsize=4096)
def checked_page(
    shown: str, src_uri: str, text: str, authors: tuple[str, ...], categories: tuple[str, ...]
) -> tuple[dict, list[Problem]]:
    return check_page(shown, src_uri, text, list(authors), list(categories))


def check_docs(docs_dir: Path, authors: list[str], categories: list[str]) -> list[Problem | str]:
    """Every front matter problem of the pages under docs_dir, and slugs used twice."""
    problems: list[Problem | str] = []
    slugs: dict[str, list[str]] = defaultdict(list)
    for path in sorted(docs_dir.rglob("*.md")):
        src_uri = portable_path(path.relative_to(docs_dir))
        shown = portable_path(path.relative_to(docs_dir.parent))
        data = path.read_bytes()
        try:
            text = source_text(data)
        except UnicodeDecodeError as error:
            problems.append(not_utf8(shown, data, error))
            continue
        meta, found = checked_page(shown, src_uri, text, tuple(authors), tuple(categories))
        problems.extend(found)
        if page_kind(src_uri) == "post" and not found:
            slugs[post_slug(src_uri, meta)].append(shown)
    for slug, paths in slugs.items():
        if len(paths) > 1:
            problems.append(
                f"{paths[1]}:1: front matter field 'slug': '{slug}' is already used by "
                f"{paths[0]}; give one of them another `slug:`"
            )
    return problems


def author_names(authors: list[str], people: dict[str, dict]) -> list[str]:
    """Display names of author ids (the id itself for someone not in the authors file)."""
    return [people.get(a, {}).get("name", a) for a in authors]
