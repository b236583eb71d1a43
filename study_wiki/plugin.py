"""The `study-wiki` MkDocs plugin: every feature of the site is a stage, and `STAGES`
is the order of work, written once (ARCHITECTURE.md, "The order of work").
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files

from study_wiki.blog_summaries import BlogSummariesStage
from study_wiki.budgets import BudgetsConfig, BudgetsStage
from study_wiki.core.atomic_file import write_text_atomic
from study_wiki.core.compiled_templates import reuse_compiled
from study_wiki.core.paths import Project
from study_wiki.core.stage import NoOptions, Run, Stage, SwitchOnly
from study_wiki.csp import CspStage
from study_wiki.feeds import FeedsConfig, FeedsStage
from study_wiki.figures.plugin import FiguresConfig, FiguresStage
from study_wiki.glossary.plugin import GlossaryConfig, GlossaryStage
from study_wiki.html_policy import HtmlPolicyStage
from study_wiki.images import ImagesConfig, ImagesStage
from study_wiki.links.plugin import LinksConfig, LinksStage
from study_wiki.math.plugin import MathConfig, MathStage
from study_wiki.model import ModelStage, SiteModel
from study_wiki.notebook_assets import NotebookAssetsStage
from study_wiki.notebooks.plugin import NotebooksConfig, NotebooksStage
from study_wiki.notes.git_history import GitDatesStage
from study_wiki.notes.plugin import FrontMatterStage
from study_wiki.search.plugin import SearchKoConfig, SearchKoStage
from study_wiki.search.prebuilt import INDEX_URI, compact_json
from study_wiki.serve.plugin import DirtyServeStage
from study_wiki.social.plugin import SocialStage
from study_wiki.timelines.plugin import TimelinesConfig, TimelinesStage

# (name, stage): the name is also the stage's key under `study-wiki` in mkdocs.yml.
STAGES: tuple[tuple[str, type[Stage]], ...] = (
    ("html_policy", HtmlPolicyStage),  # unpublishable files out, sanitizer in every conversion
    ("model", ModelStage),  # every page read once: the model the stages below read
    ("front_matter", FrontMatterStage),  # schema check before anything reads a page's
    ("glossary", GlossaryStage),  # glossary page; tooltips; synonyms into the search index
    ("timelines", TimelinesStage),  # generated day lists and pages
    ("blog_summaries", BlogSummariesStage),  # list views convert posts' summaries
    ("links", LinksStage),  # wikilinks, numbers, citations: figure captions before figures
    ("serve", DirtyServeStage),  # `mkdocs serve --dirty`: what to render again
    ("git_dates", GitDatesStage),
    ("figures", FiguresStage),
    ("notebooks", NotebooksStage),
    ("math", MathStage),  # typesets backlinks' sentences too (links runs first)
    ("search_ko", SearchKoStage),
    ("feeds", FeedsStage),
    ("social", SocialStage),
    ("images", ImagesStage),
    ("notebook_assets", NotebookAssetsStage),  # moves inline scripts the CSP would list
    ("csp", CspStage),  # the last HTML transform: hashes the page's inline scripts
    ("budgets", BudgetsStage),  # measures what readers download, once it is final
)


# Left off by the quick profile unless switched on: what a writer does not look at
# while editing, and what takes a build the longest to make.
QUICK_SKIPS = ("git_dates", "search_ko", "feeds", "social")


class StudyWikiConfig(Config):
    # full, or quick: the stages in QUICK_SKIPS stay off unless switched on.
    profile = c.Choice(("full", "quick"), default="full")
    glossary = c.SubConfig(GlossaryConfig)
    timelines = c.SubConfig(TimelinesConfig)
    blog_summaries = c.SubConfig(SwitchOnly)
    links = c.SubConfig(LinksConfig)
    # WIKI_GIT_DATES=false builds without reading git history.
    git_dates = c.SubConfig(SwitchOnly)
    figures = c.SubConfig(FiguresConfig)
    notebooks = c.SubConfig(NotebooksConfig)
    math = c.SubConfig(MathConfig)
    search_ko = c.SubConfig(SearchKoConfig)
    feeds = c.SubConfig(FeedsConfig)
    social = c.SubConfig(SwitchOnly)
    images = c.SubConfig(ImagesConfig)
    notebook_assets = c.SubConfig(SwitchOnly)
    budgets = c.SubConfig(BudgetsConfig)


# Before every other plugin: the front matter check speaks before Material's blog
# reads the authors and posts, and pages have their one spelling of a name before
# anything looks them up.
FIRST = 100
# Material's blog makes its posts and views at priority -50 (on_files, on_nav); what
# reads them runs after it.
AFTER_BLOG = -60


def _through_stages(event: str) -> Callable[..., Any]:
    """The plugin's handler of `event`: its first argument through each stage's handler."""

    def handler(self: StudyWikiPlugin, value: Any, **kwargs: Any) -> Any:
        return self.thread(event, value, **kwargs)

    handler.__name__ = event
    return handler


class StudyWikiPlugin(BasePlugin[StudyWikiConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.run = Run()
        # What stages keep between the builds of one `mkdocs serve` (on_startup below
        # makes MkDocs keep this plugin object for the whole session).
        self.kept: dict[str, dict[str, Any]] = {}
        self.stages: list[Stage] = []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.run = Run(command, dirty)

    def switched_on(self, name: str) -> bool:
        """Whether the stage runs: its `enabled` switch, or when unset, the profile."""
        enabled = getattr(getattr(self.config, name, None), "enabled", True)
        if enabled is None:
            return not (self.config.profile == "quick" and name in QUICK_SKIPS)
        return enabled

    def hooks(self, name: str) -> Iterator[Any]:
        """The stages' handlers of one hook, in the order of STAGES."""
        return filter(None, (getattr(stage, name, None) for stage in self.stages))

    def thread(self, name: str, value: Any, **kwargs: Any) -> Any:
        """`value` through each stage's `name` hook; None keeps it, as MkDocs does."""
        for hook in self.hooks(name):
            result = hook(value, **kwargs)
            if result is not None:
                value = result
        return value

    @event_priority(FIRST)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        site, project = SiteModel(), Project.of_config(config)
        self.stages = [
            stage(
                getattr(self.config, name, NoOptions()),
                self.run,
                self.kept.setdefault(name, {}),
                site,
                project,
            )
            for name, stage in STAGES
            if self.switched_on(name)
        ]
        # The stages' extensions in mkdocs.yml are for engines without this plugin: here a
        # stage adds its own (links) or does the work on the whole page (figures, maths).
        ours = {stage.extension for _, stage in STAGES}
        config.markdown_extensions[:] = [e for e in config.markdown_extensions if e not in ours]
        return self.thread("on_config", config)

    on_files = CombinedEvent(
        event_priority(FIRST)(_through_stages("before_files")), _through_stages("on_files")
    )
    on_nav = event_priority(AFTER_BLOG)(_through_stages("on_nav"))

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        return self.thread("on_env", reuse_compiled(env), config=config, files=files)

    on_page_markdown = _through_stages("on_page_markdown")
    on_page_content = _through_stages("on_page_content")
    on_page_context = _through_stages("on_page_context")
    on_post_page = _through_stages("on_post_page")
    on_post_template = _through_stages("on_post_template")

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._search_index(config)
        for hook in self.hooks("on_post_build"):
            hook(config=config)

    def _search_index(self, config: MkDocsConfig) -> None:
        """Material's search index, read once, through each stage's `on_search_index`
        (None: left as it was), written once if one changed it."""
        path = Path(config.site_dir) / INDEX_URI
        hooks = list(self.hooks("on_search_index"))
        if not hooks or not path.is_file():
            return
        index, changed = json.loads(path.read_text(encoding="utf-8")), False
        for hook in hooks:
            result = hook(index, config=config)
            if result is not None:
                index, changed = result, True
        if changed:
            write_text_atomic(path, compact_json(index))

    on_serve = _through_stages("on_serve")

    def on_build_error(self, *, error: Exception) -> None:
        for hook in self.hooks("on_build_error"):
            hook(error=error)

    def on_shutdown(self) -> None:
        for hook in self.hooks("on_shutdown"):
            hook()
