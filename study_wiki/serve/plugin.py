"""MkDocs shell of `mkdocs serve --dirty` support: every page re-rendered when pages
change, and the blog's list views re-rendered exactly when what they list changed."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from study_wiki.core.atomic_file import write_text_atomic
from study_wiki.core.paths import Project
from study_wiki.serve.dirty import page_list_changed
from study_wiki.serve.views import view_signature
from study_wiki.shared_inputs import shared_inputs_digest

try:
    from material.plugins.blog.plugin import BlogPlugin
except ImportError:  # pragma: no cover - Material is a locked dependency
    BlogPlugin = None  # type: ignore[assignment,misc]

log = logging.getLogger("mkdocs.plugins.study_wiki.dirty_serve")


class DirtyServeConfig(Config):
    pass


class DirtyServePlugin(BasePlugin[DirtyServeConfig]):
    dirty = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.dirty = dirty

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        project = Project.of_config(config)
        page_list = project.cache_dir("dirty-serve") / "pages.json"
        had_list = page_list.is_file()
        pages = sorted(file.src_uri for file in files.documentation_pages())
        # Author names, includes, navigation and templates: a change re-renders every page.
        pages.append("shared:" + shared_inputs_digest(project.root, Path(config.docs_dir)))
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

    @event_priority(-100)  # after the blog made its views and sorted their posts
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        blogs = [p for p in config.plugins.values() if BlogPlugin and isinstance(p, BlogPlugin)]
        if not self.dirty or not blogs:
            return nav  # a full build renders every view anyway
        self.record = Project.of_config(config).cache_dir("dirty-serve") / "views.json"
        try:
            previous = json.loads(self.record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            previous = {}
        signatures, skipped, rendered = {}, 0, 0
        for plugin in blogs:
            separator = plugin.config.post_excerpt_separator
            posts: dict[int, str] = {}
            for view in all_views(plugin.blog):
                key = view.file.dest_uri
                signatures[key] = view_signature(view, separator, posts)
                built = Path(view.file.abs_dest_path).is_file()
                unchanged = previous.get(key) == signatures[key] and built
                # MkDocs asks each page's file whether to render it again.
                view.file.is_modified = (lambda: False) if unchanged else (lambda: True)
                skipped, rendered = skipped + unchanged, rendered + (not unchanged)
        # Recorded once the build has written the views (on_post_build).
        self.signatures = signatures if signatures != previous else None
        if signatures:
            log.info("blog views: %d re-rendered, %d unchanged", rendered, skipped)
        return nav

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if getattr(self, "signatures", None) is not None:
            write_text_atomic(self.record, json.dumps(self.signatures, ensure_ascii=False))
            self.signatures = None


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
