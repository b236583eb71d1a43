"""MkDocs shells of page metadata: the front matter check and dates from git history."""

from __future__ import annotations

import datetime as dt
import fnmatch
import logging
import posixpath
import unicodedata
from pathlib import Path

from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from study_wiki.core.atomic_file import cached_file
from study_wiki.core.paths import Project
from study_wiki.core.switches import Switch
from study_wiki.core.text_file import InputError
from study_wiki.escaping import escape_authors, escape_meta, escape_titles, striptags_escaped
from study_wiki.notes import git_history
from study_wiki.notes.frontmatter import NAV_FILE, author_names, check_pages
from study_wiki.notes.metadata import read_authors
from study_wiki.notes.stand_in import stand_in_markdown

log = logging.getLogger("mkdocs.plugins.study_wiki.front_matter")


class FrontMatterConfig(Config):
    pass


class FrontMatterPlugin(BasePlugin[FrontMatterConfig]):
    """Pages that fail the check are logged and, unless the build is strict, replaced
    by a stand-in (notes/stand_in.py) before any other plugin reads them."""

    def __init__(self) -> None:
        super().__init__()
        self.people: dict[str, dict] = {}
        self.authors_readable = True
        self.nav: Navigation | None = None

    @event_priority(100)  # before the blog plugin reads .authors.yml
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.people, self.authors_readable = {}, True
        try:
            self.people = read_authors(Path(config.docs_dir))
        except InputError as error:
            if config.strict:
                raise
            log.error("%s", error)
            self.authors_readable = False
            blog = config.plugins.get("material/blog")
            if blog is not None:  # it would stop at the same error
                blog.config.authors = False
        escape_authors(self.people)
        return config

    @event_priority(100)  # before any plugin looks pages up by name or reads them
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        files = nfc_names(files)
        docs_dir = Path(config.docs_dir)
        blog = config.plugins.get("material/blog")
        sources = self._sources(files, config)
        metas, problems = check_pages(
            [(uri, Path(file.abs_src_path)) for uri, file in sources.items() if file.abs_src_path],
            docs_dir,
            sorted(self.people) if self.authors_readable else None,
            list(blog.config.categories_allowed) if blog else [],
            config.mdx_configs.get("pymdownx.snippets")
            if "pymdownx.snippets" in config.markdown_extensions
            else None,
        )
        for found in problems.values():
            for problem in found:
                log.error("%s", problem)
        if problems and config.strict:
            count = sum(len(found) for found in problems.values())
            raise InputError(f"{count} problem(s) in {docs_dir.name}/; see the errors above")
        # The blog reads posts from their files: stand-ins are files too, in the cache.
        folder = Project.of_config(config).cache_dir("stand-ins")
        for src_uri in problems:  # a navigation file left out: its folder's default order
            files.remove(sources[src_uri])
            if src_uri.endswith(".md"):
                content = stand_in_markdown(src_uri, metas.get(src_uri, {}))
                path = cached_file(folder / src_uri, content)
                src_dir = str(path)[: -len(src_uri)]
                files.append(File(src_uri, src_dir, config.site_dir, config.use_directory_urls))
        if blog is not None and getattr(blog, "authors", None):
            escape_authors(blog.authors)
        return files

    @staticmethod
    def _sources(files: Files, config: MkDocsConfig) -> dict[str, File]:
        """The files of docs/ that plugins read as text: pages, notebooks (for
        mkdocs-jupyter, not yet pages at this point) and navigation files."""
        jupyter = config.plugins.get("mkdocs-jupyter")
        notebooks = list(jupyter.config["include"]) if jupyter is not None else []
        return {
            file.src_uri: file
            for file in files
            if file.abs_src_path is not None
            and (
                file.is_documentation_page()
                or any(fnmatch.fnmatch(file.src_uri, pattern) for pattern in notebooks)
                or posixpath.basename(file.src_uri) == NAV_FILE
            )
        }

    @event_priority(-100)  # after the blog has read its posts' front matter
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

    @event_priority(100)  # before any plugin reads the page's front matter
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
    enabled = Switch(default=True)


class GitDatesPlugin(BasePlugin[GitDatesConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.history: dict[str, git_history.PageHistory] = {}

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        enabled = self.config.enabled
        self.history = git_history.read_history(Path(config.docs_dir)) if enabled else {}
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
