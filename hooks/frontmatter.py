"""Checks every page's front matter against the schema before any plugin reads it."""

from __future__ import annotations

import logging
from collections import defaultdict
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from study_wiki import safe_yaml
from study_wiki.escaping import escape_authors, escape_meta, striptags_escaped
from study_wiki.messages import not_utf8

from note_schema import check_page, page_kind, post_slug

log = logging.getLogger("mkdocs.hooks.frontmatter")

people: dict[str, dict] = {}


def read_authors(docs_dir: Path) -> dict[str, dict]:
    authors_file = docs_dir / "daily" / ".authors.yml"
    try:
        data = safe_yaml.load(authors_file.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        shown = authors_file.relative_to(docs_dir.parent).as_posix()
        raise PluginError(
            f"{shown}:{mark.line + 1 if mark else 1}: {problem}"
            + ("" if isinstance(error, safe_yaml.YAMLLimitError) else ": fix the YAML")
        ) from None
    return data.get("authors") or {} if isinstance(data, dict) else {}


def allowed_categories(config: MkDocsConfig) -> list[str]:
    blog = config.plugins.get("material/blog")
    return list(blog.config.categories_allowed) if blog else []


@event_priority(100)  # before the blog plugin reads .authors.yml
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    docs_dir = Path(config.docs_dir)
    people.clear()
    people.update(read_authors(docs_dir))
    escape_authors(people)
    authors = sorted(people)
    categories = allowed_categories(config)
    problems: list[object] = []
    slugs: dict[str, list[str]] = defaultdict(list)
    for path in sorted(docs_dir.rglob("*.md")):
        src_uri = path.relative_to(docs_dir).as_posix()
        shown = path.relative_to(docs_dir.parent).as_posix()
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            problems.append(not_utf8(shown, data, error))
            continue
        meta, found = check_page(shown, src_uri, text, authors, categories)
        problems.extend(found)
        if page_kind(src_uri) == "post" and not found:
            slugs[post_slug(src_uri, meta)].append(shown)
    for slug, paths in slugs.items():
        if len(paths) > 1:
            problems.append(
                f"{paths[1]}:1: front matter field 'slug': '{slug}' is already used by "
                f"{paths[0]}; give one of them another `slug:`"
            )
    for problem in problems:
        log.error("%s", problem)
    if problems:
        raise PluginError(f"{len(problems)} front matter problem(s); see the errors above")
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    blog = config.plugins.get("material/blog")
    if blog is not None and getattr(blog, "authors", None):
        escape_authors(blog.authors)
    return files


@event_priority(-100)  # after the blog has read its posts' front matter
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    for file in files.documentation_pages():
        if file.page is not None and file.page.meta:
            escape_meta(file.page.meta)
    return nav


def on_env(env, *, config: MkDocsConfig, files: Files):  # noqa: ANN001, ANN201
    env.filters["striptags"] = striptags_escaped
    return env


@event_priority(100)  # before any plugin reads the page's front matter
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Escape contributor text; give templates the authors' display names (the blog
    does this for posts only)."""
    escape_meta(page.meta)
    authors = page.meta.get("authors")
    if authors and not page.file.src_uri.startswith("daily/posts/"):
        page.meta["author_names"] = [people.get(a, {}).get("name", a) for a in authors]
    return markdown
