"""MkDocs shell of `mkdocs serve` support: the build's errors shown on the pages
(serve/errors.py); with `--dirty`, every page re-rendered when pages change, and the
blog's list views re-rendered exactly when what they list changed."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from study_wiki.core.atomic_file import forget_cache
from study_wiki.core.paths import Project
from study_wiki.core.stage import Stage
from study_wiki.serve.dirty import page_list_changed, read_signatures, save_signatures
from study_wiki.serve.errors import BuildErrors, errors_html
from study_wiki.serve.views import generated_page_signature, view_signature
from study_wiki.shared_inputs import shared_inputs_digest

try:
    from material.plugins.blog.plugin import BlogPlugin
except ImportError:  # pragma: no cover - Material is a locked dependency
    BlogPlugin = None

log = logging.getLogger("mkdocs.plugins.study_wiki.dirty_serve")


class DirtyServeStage(Stage[Config]):
    signatures: dict[str, str] | None = None  # of this dirty build's generated pages

    def __init__(self, *args: Any) -> None:
        """Made before any stage's on_config: records the errors of the whole build."""
        super().__init__(*args)
        self.errors: BuildErrors | None = self.kept.get("errors")
        if self.errors is None:
            self.errors = self.kept["errors"] = BuildErrors()
            logging.getLogger("mkdocs").addHandler(self.errors)
        self.errors.start()
        # Built pages that showed errors: this build renders them again, whatever
        # changed (the fix may be in a file that is not theirs).
        for html in self.kept.pop("with_errors", set()):
            Path(html).unlink(missing_ok=True)
        self.with_errors: set[str] = self.kept.setdefault("with_errors", set())
        self.page_sources: set[str] = set()

    def on_shutdown(self) -> None:
        if self.errors is not None:
            logging.getLogger("mkdocs").removeHandler(self.errors)
            self.kept.pop("errors", None)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The build's errors above the page's text (serve/errors.py)."""
        assert self.errors is not None
        if not self.page_sources:
            docs = Path(config.docs_dir).name
            self.page_sources = {
                f"{docs}/{file.src_uri}" for file in files if file.is_documentation_page()
            }
        shown = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
        messages = self.errors.for_page(shown, self.page_sources)
        if not messages:
            return html
        self.with_errors.add(page.file.abs_dest_path)
        return errors_html(messages) + html

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        project = Project.of_config(config)
        page_list = project.cache_dir("dirty-serve") / "pages.json"
        had_list = page_list.is_file()
        pages = sorted(file.src_uri for file in files.documentation_pages())
        # Author names, includes, navigation and templates: a change re-renders every page.
        pages.append("shared:" + shared_inputs_digest(project.root, Path(config.docs_dir)))
        if not self.run.dirty:  # a full build renders every view: the next dirty one compares
            forget_cache(self.views_record(config))
        if page_list_changed(pages, page_list):
            built = list(Path(config.site_dir).rglob("*.html"))
            for html in built:
                html.unlink(missing_ok=True)
            if had_list and built:
                log.info(
                    "pages were added or removed, or a file many pages show changed: "
                    "re-rendering every page"
                )
        return files

    def views_record(self, config: MkDocsConfig) -> Path:
        return Project.of_config(config).cache_dir("dirty-serve") / "views.json"

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if not self.run.dirty:
            return nav  # a full build renders every page anyway
        self.record = self.views_record(config)
        self.previous = previous = read_signatures(self.record)
        signatures: dict[str, str] = {}
        pages: list[tuple[File, bool]] = []  # (file, is a blog view)
        for plugin in config.plugins.values():
            if BlogPlugin and isinstance(plugin, BlogPlugin):
                separator = plugin.config.post_excerpt_separator
                posts: dict[int, str] = {}
                for view in all_views(plugin.blog):
                    signatures[view.file.dest_uri] = view_signature(view, separator, posts)
                    pages.append((view.file, True))
        for file in files.documentation_pages():
            if file.abs_src_path is None and file.dest_uri not in signatures:
                signatures[file.dest_uri] = generated_page_signature(file)
                pages.append((file, False))
        counts = {True: [0, 0], False: [0, 0]}  # [re-rendered, unchanged]
        for file, is_view in pages:
            unchanged = previous.get(file.dest_uri) == signatures[file.dest_uri]
            unchanged = unchanged and os.path.isfile(file.abs_dest_path)
            # MkDocs asks each page's file whether to render it again. The daily log's
            # first page is a real file, never newer than its HTML: forced when changed.
            vars(file)["is_modified"] = (
                unless_built(file.abs_dest_path) if unchanged else (lambda: True)
            )
            counts[is_view][unchanged] += 1
        self.signatures = signatures  # recorded once the build has written the pages
        for kind, (rendered, skipped) in (
            ("blog views", counts[True]),
            ("generated pages", counts[False]),
        ):
            if rendered + skipped:
                log.info("%s: %d re-rendered, %d unchanged", kind, rendered, skipped)
        return nav

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.signatures is not None:
            save_signatures(self.record, self.signatures, self.previous)
            self.signatures = None


def unless_built(html: str):
    """`File.is_modified` for a page whose signature is unchanged: render it only if its
    HTML is gone (dropped as stale by a plugin between now and its rendering)."""
    return lambda: not os.path.isfile(html)


def all_views(blog) -> list:
    """The blog's index and every archive and category view, with their further pages."""
    found, seen, stack = [], set(), [blog]
    while stack:
        view = stack.pop()
        for page in [view, *(getattr(view, "pages", None) or [])]:
            if id(page) not in seen:
                seen.add(id(page))
                found.append(page)
        stack.extend(view.views)
    return found
