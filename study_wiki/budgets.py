"""Size budgets for what readers download (each page, figure, the search index): past one
the build warns, so `--strict` fails, saying how to fix it or where to raise the limit."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from study_wiki.core.stage import Stage
from study_wiki.core.switches import Switch
from study_wiki.messages import Problem, uncounted_logger

log = logging.getLogger("mkdocs.plugins.study_wiki.budgets")
note = uncounted_logger("study_wiki.budgets")
NEAR = 0.75


class BudgetsConfig(Config):
    enabled = Switch()
    page_kb = c.Type(int, default=3000)
    figure_kb = c.Type(int, default=1000)
    search_index_kb = c.Type(int, default=10000)


class BudgetsStage(Stage[BudgetsConfig]):
    def _check(self, shown: str, what: str, size: int, option: str, fix: str) -> None:
        limit_kb = self.config[option]
        size_kb = size / 1000
        said = f"{what} is {size_kb:.0f} KB"
        if size_kb > limit_kb:
            how = f"{fix}, or raise `budgets: {option}` under `study-wiki` in mkdocs.yml"
            message = f"{said}, over its budget of {limit_kb} KB: {how}"
            log.warning("%s", Problem(shown, None, message))
        elif size_kb > NEAR * limit_kb:
            message = f"{said}, close to its budget of {limit_kb} KB (`{option}`)"
            note.warning("%s", Problem(shown, None, message))

    def on_post_page(self, output: str, *, page: Page, **_) -> None:
        self._check(
            self.project.page(page.file.src_uri),
            "the page",
            len(output.encode("utf-8")),
            "page_kb",
            "split it, or print less in its notebook cells",
        )

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        for svg in sorted((site / "figures").rglob("*.svg")):
            name = svg.relative_to(site / "figures").with_suffix(".py").as_posix()
            self._check(
                f"snippets/{name}",
                "its figure",
                svg.stat().st_size,
                "figure_kb",
                "draw fewer points (thin the data, or use a line instead of markers)",
            )
        # What a reader's first search downloads: the prebuilt index
        # (study_wiki/search/prebuilt.py) and the configuration, or Material's index.
        for name in ("search/prebuilt.json", "search/search_index.json"):
            index = site / name
            if index.is_file():
                self._check(
                    name,
                    "the search index",
                    index.stat().st_size,
                    "search_index_kb",
                    "exclude generated pages from search (`search: {exclude: true}`)",
                )
                break
