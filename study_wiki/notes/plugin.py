"""Stages of page metadata: the front matter check and dates from git history."""

from __future__ import annotations

import copy
import datetime as dt
import logging
import posixpath
import unicodedata
from pathlib import Path
from typing import Any

from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from study_wiki.core.stage import Stage
from study_wiki.core.switches import Switch
from study_wiki.escaping import escape_authors, escape_meta, escape_titles, striptags_escaped
from study_wiki.notes import git_history
from study_wiki.notes.frontmatter import author_names, check_pages

log = logging.getLogger("mkdocs.plugins.study_wiki.front_matter")


class FrontMatterConfig(Config):
    pass


class FrontMatterStage(Stage[FrontMatterConfig]):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.people: dict[str, dict] = {}
        self.nav: Navigation | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.people = copy.deepcopy(self.site.people)
        escape_authors(self.people)
        return config

    def before_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Names in one spelling before any plugin looks pages up by name."""
        return nfc_names(files)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Every page's front matter checked, before Material's blog reads its posts."""
        blog = config.plugins.get("material/blog")
        categories = list(blog.config.categories_allowed) if blog else []
        checked = self.kept.setdefault("checked", {})
        problems = check_pages(self.site.pages.values(), sorted(self.people), categories, checked)
        for problem in problems:
            log.error("%s", problem)
        if problems:
            raise PluginError(f"{len(problems)} front matter problem(s); see the errors above")
        if blog is not None and getattr(blog, "authors", None):
            escape_authors(blog.authors)
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        for file in files.documentation_pages():
            if file.page is not None and file.page.meta:
                escape_meta(file.page.meta)
        self.nav = nav
        return nav

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        """Titles are final once every page is rendered, and no template has run yet."""
        env.filters["striptags"] = striptags_escaped
        pages = [file.page for file in files.documentation_pages() if file.page is not None]
        escape_titles(self.nav, pages)
        return env

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Escape contributor text; give templates the authors' display names (the blog
        does this for posts only)."""
        escape_meta(page.meta)
        authors = page.meta.get("authors")
        if authors and not page.file.src_uri.startswith("daily/posts/"):
            page.meta["author_names"] = author_names(authors, self.people)
        return markdown


def nfc_names(files: Files) -> Files:
    """Pages named in decomposed Unicode (NFD, as macOS may write Korean names) get
    the name, URL and place in the site their NFC spelling has on Linux; they are
    still read from where they are on disk."""
    if all(unicodedata.is_normalized("NFC", file.src_uri) for file in files):
        return files
    renamed = []
    for file in files:
        name = unicodedata.normalize("NFC", file.src_uri)
        if name != file.src_uri:
            source = file.abs_src_path
            file = File(
                name,
                src_dir=file.src_dir,
                dest_dir=file.dest_dir,
                use_directory_urls=file.use_directory_urls,
                inclusion=file.inclusion,
            )
            file.abs_src_path = source
        renamed.append(file)

    def walk_order(file: File) -> tuple:
        """MkDocs' own order (folders depth first, `index` first in each)."""
        *folders, name = file.src_uri.split("/")
        return folders, posixpath.splitext(name)[0] not in ("index", "README"), name

    return Files(sorted(renamed, key=walk_order))


class GitDatesConfig(Config):
    # WIKI_GIT_DATES=false builds without reading git history.
    enabled = Switch()


class GitDatesStage(Stage[GitDatesConfig]):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.history: dict[str, git_history.PageHistory] = {}

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.history = git_history.read_history(Path(config.docs_dir))
        return files

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        found = self.history.get(page.file.src_uri)
        if found is not None:
            korean_date = git_history.korean_date
            page.meta["git_revision_date_localized"] = korean_date(found.updated)
            page.meta["git_creation_date_localized"] = korean_date(found.created)
            page.meta["git_contributors"] = found.contributors
            # The sitemap's <lastmod>: the last change, not the build date.
            updated = dt.datetime.fromtimestamp(found.updated, git_history.KST)
            page.update_date = updated.date().isoformat()
        return markdown
