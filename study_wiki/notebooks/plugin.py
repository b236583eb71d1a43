"""The notebooks stage: mkdocs-jupyter renders the notebook this executed."""

from __future__ import annotations

import fnmatch
from pathlib import Path

from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from study_wiki.core.artifact_cache import ArtifactCache
from study_wiki.core.stage import Stage
from study_wiki.core.switches import Seconds
from study_wiki.notebooks.execute import NOTEBOOK_PATTERN, Notebooks, notebook_page_html


class NotebooksConfig(Config):
    # Seconds one cell may run (WIKI_NOTEBOOK_TIMEOUT, else WIKI_SNIPPET_TIMEOUT).
    timeout = Seconds(default=120, setting="WIKI_NOTEBOOK_TIMEOUT")


class NotebooksStage(Stage[NotebooksConfig]):
    def on_files(self, files: Files, *, config: MkDocsConfig) -> None:
        cache = ArtifactCache(self.project.cache / "notebooks", ".ipynb")
        self.notebooks = Notebooks(self.project.root, cache, self.config.timeout)
        self.notebooks.outputs = [Path(config.site_dir)]
        self.executed: dict[str, Path] = {}  # page src_uri -> its executed .ipynb
        for file in files.documentation_pages():
            if file.abs_src_path is None or not fnmatch.fnmatch(file.src_uri, NOTEBOOK_PATTERN):
                continue
            download = self.notebooks.executed(
                Path(file.abs_src_path), self.project.page(file.src_uri)
            )
            if download is None:
                continue
            self.executed[file.src_uri] = download
            # mkdocs-jupyter renders (and offers for download) whatever abs_src_path
            # names; its File wrapper and the File inside both answer to it.
            file.abs_src_path = str(download)
            if hasattr(file, "file"):
                file.file.abs_src_path = str(download)

    def on_page_content(self, html: str, *, page: Page, **_) -> str:
        if not fnmatch.fnmatch(page.file.src_uri, NOTEBOOK_PATTERN):
            return html
        return notebook_page_html(html, page.toc.items, self.executed.get(page.file.src_uri))
