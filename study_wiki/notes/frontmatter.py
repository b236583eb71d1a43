"""Checks every page's source before any other stage reads it: front matter against the
schema, includes (one that cannot be read stops the whole build without naming the line, so
each is tried on its own), and the notebooks and `.nav.yml` files the model does not hold."""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import markdown
import yaml
from pymdownx.snippets import SnippetExtension, SnippetMissingError, SnippetPreprocessor

from study_wiki import safe_yaml
from study_wiki.core.text_file import text_of
from study_wiki.messages import Problem, removed_during_build
from study_wiki.model import STUDY, Source, part_of
from study_wiki.notes.metadata import front_matter_problem
from study_wiki.notes.schema import check_meta, post_slug
from study_wiki.notes.source_limits import size_problem

NAV_FILE = ".nav.yml"  # a folder's navigation, read by mkdocs-awesome-nav
SNIPPET_INCLUDE = re.compile(r"-+8<-+")  # pymdownx.snippets, any dash count


def check_pages(
    sources: Iterable[Source],
    authors: list[str] | None,
    categories: list[str],
    memory: dict[tuple, list[Problem]],
) -> dict[str, list[Problem]]:
    """The problems of each page that has any, by src_uri: what kept the model from
    reading it, its front matter, or a slug another post uses. `authors` is None when
    the authors file cannot be read (any name is then accepted); `memory` keeps the
    answers for the texts seen before in this `mkdocs serve` session."""
    problems: dict[str, list[Problem]] = {}
    slugs: dict[str, list[Source]] = defaultdict(list)
    known = None if authors is None else tuple(authors)
    for source in sorted(sources, key=lambda s: s.src_uri):
        found = source.problems
        if not found and source.block is not None:
            key = (source.src_uri, source.text, known, tuple(categories))
            if key not in memory:
                memory[key] = check_meta(
                    source.shown, source.src_uri, source.block, source.meta, authors, categories
                )
            found = memory[key]
        if found:
            problems[source.src_uri] = found
        elif part_of(source.src_uri) == STUDY:
            slugs[post_slug(source.src_uri, source.meta)].append(source)
    for slug, posts in slugs.items():
        used = f"'{slug}' is already used by {posts[0].shown}; give one of them another `slug:`"
        for source in posts[1:]:
            problems[source.src_uri] = [front_matter_problem(source.shown, 1, "slug", used)]
    return problems


def file_problem(path: Path, shown: str) -> Problem | None:
    """What is wrong with a notebook or navigation file: too big, not UTF-8 text, a
    control character, or (a navigation file) YAML that cannot be read."""
    try:
        if problem := size_problem(shown, path.stat().st_size):
            return problem
        data = path.read_bytes()
    except FileNotFoundError:
        return removed_during_build(shown)
    text, problem = text_of(data, shown)
    if problem is not None or path.name != NAV_FILE:
        return problem
    try:
        safe_yaml.load(text)
    except yaml.YAMLError as error:
        return Problem(shown, *safe_yaml.describe(error))
    return None


def include_problem(shown: str, text: str, options: dict, root: Path) -> Problem | None:
    """The first include of `text` that cannot be read, or the includes making the
    page too big; None when all is well.
    `options` are pymdownx.snippets' settings from mkdocs.yml."""
    if not SNIPPET_INCLUDE.search(text):
        return None
    snippets = SnippetPreprocessor(SnippetExtension(**options).getConfigs(), markdown.Markdown())
    bases = " or ".join(os.path.relpath(base, root) for base in snippets.base_path)
    for number, line in enumerate(text.split("\n"), start=1):
        found = snippets.RE_ALL_SNIPPETS.match(line)
        if not found or found.group("escape") or not found.group("inline_marker"):
            continue
        name = found.group("snippet")[1:-1].strip()
        try:
            snippets.run([line])
        except SnippetMissingError:
            return Problem(
                shown,
                number,
                f"includes {name}, which is not a file under {bases}: "
                "fix the name (a path relative to one of those folders)",
            )
        except UnicodeDecodeError:
            path = snippets.get_snippet_path(name.split(":")[0])
            _, problem = text_of(
                Path(path).read_bytes(), Path(os.path.relpath(path, root)).as_posix()
            )
            if problem is not None:
                return Problem(
                    problem.path, problem.line, f"{problem.message} (included by {shown}:{number})"
                )
    try:
        expanded = "\n".join(snippets.run(text.split("\n")))
    except (SnippetMissingError, UnicodeDecodeError) as error:
        return Problem(
            shown, 1, f"an include block (--8<-- on lines of its own) fails ({error}): fix it"
        )
    return size_problem(shown, len(expanded.encode("utf-8")))
