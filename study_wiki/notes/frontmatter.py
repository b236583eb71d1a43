"""Checks every page's front matter against the schema before any other stage reads it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from study_wiki.messages import Problem
from study_wiki.model import Source
from study_wiki.notes.schema import check_meta, page_kind, post_slug


def check_pages(
    sources: Iterable[Source],
    authors: list[str],
    categories: list[str],
    memory: dict[tuple, list[Problem]],
) -> list[Problem]:
    """Every front matter problem of the pages, and slugs used twice. `memory` keeps
    the answers for the texts seen before in this `mkdocs serve` session."""
    problems: list[Problem] = []
    slugs: dict[str, list[str]] = defaultdict(list)
    for source in sorted(sources, key=lambda s: s.src_uri):
        found = source.problems
        if not found and source.block is not None:
            key = (source.src_uri, source.text, tuple(authors), tuple(categories))
            if key not in memory:
                memory[key] = check_meta(
                    source.shown, source.src_uri, source.block, source.meta, authors, categories
                )
            found = memory[key]
        problems.extend(found)
        if page_kind(source.src_uri) == "post" and not found:
            slugs[post_slug(source.src_uri, source.meta)].append(source.shown)
    for slug, paths in slugs.items():
        if len(paths) > 1:
            problems.append(
                Problem(
                    paths[1],
                    1,
                    f"front matter field 'slug': '{slug}' is already used by {paths[0]}; "
                    "give one of them another `slug:`",
                )
            )
    return problems


def author_names(authors: list[str], people: dict[str, dict]) -> list[str]:
    """Display names of author ids (the id itself for someone not in the authors file)."""
    return [people.get(a, {}).get("name", a) for a in authors]
