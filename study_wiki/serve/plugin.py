"""MkDocs shell of `mkdocs serve --dirty` support: every page re-rendered when pages change."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files

from study_wiki.core.paths import Project
from study_wiki.serve.dirty import page_list_changed
from study_wiki.shared_inputs import shared_inputs_digest

log = logging.getLogger("mkdocs.plugins.study_wiki.dirty_serve")


class DirtyServeConfig(Config):
    pass


class DirtyServePlugin(BasePlugin[DirtyServeConfig]):
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
