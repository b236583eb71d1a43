"""The search stage: Korean stems into Material's index, the index
built ahead (prebuilt.py) and the site's own search worker in Material's config."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from study_wiki.core.artifact_cache import ArtifactCache
from study_wiki.core.stage import Stage, add_deferred_script
from study_wiki.core.switches import Seconds, Switch
from study_wiki.core.worker import WorkerError
from study_wiki.search import prebuilt, stems

log = logging.getLogger("mkdocs.plugins.study_wiki.search_ko")


class SearchKoConfig(Config):
    # WIKI_SEARCH_KO=0 builds with stock Material search (to measure it).
    enabled = Switch()
    # Seconds the Korean analyser may take to answer (WIKI_WORKER_TIMEOUT).
    worker_timeout = Seconds(default=120, setting="WIKI_WORKER_TIMEOUT")


class SearchKoStage(Stage[SearchKoConfig]):
    def on_config(self, config: MkDocsConfig) -> None:
        self.cache_dir = self.project.cache / "search_ko"
        self.index_cache = ArtifactCache(self.cache_dir / "prebuilt", ".json")
        stems.worker.timeout = self.config.worker_timeout
        self.analyzer = stems.Analyzer(self.cache_dir, self.kept.setdefault("caches", {}))
        add_deferred_script(config, stems.INPUT_JS)
        # overrides/main.html puts it in Material's config block.
        config.extra["search_worker"] = prebuilt.WORKER_URI

    def on_files(self, files: Files, *, config: MkDocsConfig) -> None:
        pages = [(s.src_uri, s.text.encode("utf-8")) for s in self.site.pages.values()]
        changed = stems.pages_changed(pages, self.cache_dir / "pages.sha256")
        # `mkdocs serve`: the first save will need the analyser, which takes seconds
        # to load; it loads during the first build instead of after that save.
        if changed or self.run.serving:
            log.debug("search_ko: loading the analyser in the background")
            stems.worker.start()
        shim = str(stems.INPUT_SHIM)
        files.append(File.generated(config, stems.INPUT_JS, abs_src_path=shim))
        worker = prebuilt.worker_source(self.project.root)
        files.append(File.generated(config, prebuilt.WORKER_URI, content=worker))

    def on_search_index(self, index: dict, *, config: MkDocsConfig) -> dict:
        """Stems into the index, prebuilt.json from it; the index keeps its configuration."""
        try:
            count = stems.add_stems(index, self.analyzer)
            self.analyzer.cache.save()
            timeout = self.config.worker_timeout
            prebuilt.write(
                Path(config.site_dir),
                index,
                self.project.root,
                self.index_cache,
                timeout,
                ahead=not self.run.serving,
            )
        except WorkerError as error:
            raise PluginError(str(error)) from error
        log.debug("search_ko: stems added to %d of %d documents", count, len(index["docs"]))
        return {"config": index["config"], "docs": []}
