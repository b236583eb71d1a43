"""Checks every page's source before any plugin reads it: UTF-8 text, within the size
limits (notes/source_limits.py), and front matter that fits the schema; and the
folders' navigation files (`.nav.yml`, read by mkdocs-awesome-nav)."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import yaml

from study_wiki import safe_yaml
from study_wiki.core.portable import portable_path
from study_wiki.core.text_file import InputError, read_text
from study_wiki.notes.includes import include_problem
from study_wiki.notes.metadata import front_matter_block
from study_wiki.notes.schema import check_page, page_kind, post_slug
from study_wiki.notes.source_limits import markdown_problem, size_problem

NAV_FILE = ".nav.yml"  # a folder's navigation, read by mkdocs-awesome-nav


# `mkdocs serve` checks every page on each save; an unchanged page has the same answer.
@functools.lru_cache(maxsize=4096)
def checked_page(
    shown: str,
    src_uri: str,
    text: str,
    authors: tuple[str, ...] | None,
    categories: tuple[str, ...],
) -> tuple[dict, list[str]]:
    block = front_matter_block(text)
    body_line = block.count("\n") + 3 if block is not None else 1
    if problem := markdown_problem(shown, text, body_line):
        return {}, [problem]
    meta, found = check_page(
        shown, src_uri, text, None if authors is None else list(authors), list(categories)
    )
    return meta, [str(problem) for problem in found]


def check_pages(
    pages: Iterable[tuple[str, Path]],
    docs_dir: Path,
    authors: list[str] | None,
    categories: list[str],
    includes: dict | None = None,
) -> tuple[dict[str, dict], dict[str, list[str]]]:
    """Each page's front matter, and the problems of those that have any, by src_uri.

    `pages` are (src_uri, path) of the pages, notebooks and navigation files;
    `authors` is None when the authors file cannot be read (any name is then
    accepted); `includes` are the pymdownx.snippets options, when pages may include
    files."""
    metas: dict[str, dict] = {}
    problems: dict[str, list[str]] = {}
    slugs: dict[str, list[str]] = defaultdict(list)
    known = None if authors is None else tuple(authors)
    for src_uri, path in sorted(pages):
        shown = portable_path(path.relative_to(docs_dir.parent))
        if path.name == NAV_FILE:
            if problem := nav_problem(path, shown):
                problems[src_uri] = [problem]
            continue
        if problem := size_problem(shown, path.stat().st_size):
            problems[src_uri] = [problem]
            continue
        try:
            text = read_text(path, shown)
        except InputError as error:
            problems[src_uri] = [str(error)]
            continue
        if not src_uri.endswith(".md"):  # notebooks: their own plugin reads them
            continue
        meta, found = checked_page(shown, src_uri, text, known, tuple(categories))
        if not found and includes is not None:
            found = list(filter(None, [include_problem(shown, text, includes, docs_dir.parent)]))
        metas[src_uri] = meta
        if found:
            problems[src_uri] = found
        elif page_kind(src_uri) == "post":
            slugs[post_slug(src_uri, meta)].append(src_uri)
    for slug, uris in slugs.items():
        for src_uri in uris[1:]:
            first = portable_path((docs_dir / uris[0]).relative_to(docs_dir.parent))
            shown = portable_path((docs_dir / src_uri).relative_to(docs_dir.parent))
            problems[src_uri] = [
                f"{shown}:1: front matter field 'slug': '{slug}' is already used by "
                f"{first}; give one of them another `slug:`"
            ]
    return metas, problems


def nav_problem(path: Path, shown: str) -> str | None:
    """What is wrong with a navigation file, as `file:line: what: how to fix`, or None."""
    try:
        safe_yaml.load(read_text(path, shown))
    except InputError as error:
        return str(error)
    except yaml.YAMLError as error:
        line, problem = safe_yaml.describe(error)
        return f"{shown}:{line}: {problem}"
    return None


def author_names(authors: list[str], people: dict[str, dict]) -> list[str]:
    """Display names of author ids (the id itself for someone not in the authors file)."""
    return [people.get(a, {}).get("name", a) for a in authors]
