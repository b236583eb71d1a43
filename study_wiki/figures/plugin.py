"""The figures stage: options, pages in, SVG files and listings out."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from study_wiki.core import host
from study_wiki.core.artifact_cache import ArtifactCache
from study_wiki.core.paths import CACHE_DIR_NAME
from study_wiki.core.stage import Stage, add_deferred_script
from study_wiki.core.switches import MEMORY_MB_DEFAULT, Jobs, MegaBytes, Seconds, Switch
from study_wiki.figures import references
from study_wiki.figures.listing import SCRIPT_FILE, SCRIPT_URI, SourceListings


class FiguresConfig(Config):
    # Off: `snippet:` figures are left as written (the benchmark's stock notebook way).
    enabled = Switch()
    # Seconds one snippet may run (WIKI_SNIPPET_TIMEOUT in mkdocs.yml).
    timeout = Seconds(default=120, setting="WIKI_SNIPPET_TIMEOUT")
    # Snippet processes at once; 0 or empty: one per core (WIKI_SNIPPET_JOBS).
    jobs = Jobs(setting="WIKI_SNIPPET_JOBS")
    # Address space one snippet process may use, in MB (WIKI_SNIPPET_MEMORY).
    memory_mb = MegaBytes(default=MEMORY_MB_DEFAULT, setting="WIKI_SNIPPET_MEMORY")
    # Each figure's code is its own file, fetched when its listing is opened.
    lazy_listings = Switch(default=True)
    # Where figures are cached, relative to the project root.
    cache_dir = c.Type(str, default=f"{CACHE_DIR_NAME}/figures")


class FiguresStage(Stage[FiguresConfig]):
    extension = "study_wiki.figures.markdown"
    figures: references.Figures

    def on_config(self, config: MkDocsConfig) -> None:
        self.figures = references.Figures(
            self.project,
            ArtifactCache(self.project.root / self.config.cache_dir, ".svg"),
            SourceListings(
                self.project.cache / "figure-sources",
                config.mdx_configs.get("pymdownx.highlight", {}),
                lazy=bool(self.config.lazy_listings),
            ),
            self.config.timeout,
            self.config.jobs,
            self.config.memory_mb,
        )
        note = host.memory_cap_note()
        if note:  # information, not a warning: a strict build on macOS still passes
            references.log.info("figures: %s", note)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> None:
        self.figures.outputs = [Path(config.site_dir)]
        added: set[str] = set()
        for ref, result in self.figures.build(self.site.pages.values()):
            drawn = result.output.name if result.output else None  # named by its bytes
            self.site.shows(ref.page, [ref.uri, drawn, result.error and str(result.error)])
            if result.error is None and ref.uri not in added:
                added.add(ref.uri)
                files.append(File.generated(config, ref.uri, abs_src_path=str(result.output)))
                self.figures.listing(ref.name)
        for uri, text in self.figures.listings.fragments(config.theme["favicon"]).items():
            files.append(File.generated(config, uri, content=text))
        if self.config.lazy_listings:
            files.append(File.generated(config, SCRIPT_URI, abs_src_path=str(SCRIPT_FILE)))
            add_deferred_script(config, SCRIPT_URI)  # after the other stages' scripts

    def on_page_markdown(self, markdown: str, *, page: Page, **_) -> str:
        return self.figures.render(page.file.src_uri, markdown)

    def on_page_content(self, html: str, *, page: Page, **_) -> str:
        return self.figures.listings.fill(html, page.url)
