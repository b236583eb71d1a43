"""The stages' options come from mkdocs.yml (under `study-wiki`), with environment variables
through !ENV; every stage's switch reads 0/false/no/off as off, and the profile decides
the switches left unset."""

from __future__ import annotations

import os

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from study_wiki.plugin import QUICK_SKIPS, STAGES, StudyWikiPlugin
from tests.support.project import ROOT

VARIABLES = (
    "WIKI_PROFILE",
    "WIKI_SEARCH_KO",
    "WIKI_GIT_DATES",
    "WIKI_TIMELINES",
    "WIKI_GLOSSARY",
    "WIKI_LINKS",
    "WIKI_BLOG_SPEED",
    "WIKI_SNIPPET_TIMEOUT",
    "WIKI_SNIPPET_JOBS",
    "WIKI_SNIPPET_MEMORY",
    "WIKI_NOTEBOOK_TIMEOUT",
    "WIKI_WORKER_TIMEOUT",
)
# The environment variable of each switch mkdocs.yml reads from one.
SWITCH_VARIABLES = {
    "search_ko": "WIKI_SEARCH_KO",
    "git_dates": "WIKI_GIT_DATES",
    "timelines": "WIKI_TIMELINES",
    "glossary": "WIKI_GLOSSARY",
    "links": "WIKI_LINKS",
    "blog_summaries": "WIKI_BLOG_SPEED",
}


def switched_stages() -> list[str]:
    """The stages whose options have an `enabled` switch."""
    options = dict(StudyWikiPlugin.config_class._schema)
    return [
        name
        for name, _ in STAGES
        if name in options and "enabled" in dict(options[name].config_class._schema)
    ]


SWITCHED = switched_stages()
OFF = ["0", "false", "no", "off", "OFF", "False"]
ON = ["1", "true", "yes", "on", "ON", "True"]


def loaded(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> StudyWikiPlugin:
    """The plugin as mkdocs.yml configures it, in the environment `env`."""
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    config = load_config(str(ROOT / "mkdocs.yml"))
    return config.plugins["study-wiki"]


def written(options: dict) -> StudyWikiPlugin:
    """The plugin with `options` written under it in mkdocs.yml (others as default)."""
    plugin = StudyWikiPlugin()
    errors, _ = plugin.load_config(options)
    if errors:
        raise ConfigurationError(str(errors))
    return plugin


def plugin_config(env: dict[str, str], monkeypatch: pytest.MonkeyPatch):
    return loaded(env, monkeypatch).config


def test_every_stage_with_options_can_be_switched() -> None:
    assert set(SWITCH_VARIABLES) <= set(SWITCHED)
    assert {"feeds", "social", "images", "notebook_assets", "budgets"} <= set(SWITCHED)
    assert set(QUICK_SKIPS) <= set(SWITCHED)


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    plugin = loaded({}, monkeypatch)
    plugins = plugin.config
    assert plugins.profile == "full"
    assert all(plugin.switched_on(name) for name, _ in STAGES)
    assert plugins.figures.timeout == 120
    assert plugins.figures.jobs == (os.cpu_count() or 1)
    assert plugins.figures.cache_dir == ".wiki-cache/figures"
    assert plugins.figures.memory_mb == 3072
    assert plugins.notebooks.timeout == 120
    assert plugins.links.bibliography == "references.bib"


@pytest.mark.parametrize("value", OFF)
@pytest.mark.parametrize("stage", sorted(SWITCH_VARIABLES))
def test_each_environment_switch_reads_off_as_people_type_it(
    stage: str, value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    plugin = loaded({SWITCH_VARIABLES[stage]: value}, monkeypatch)
    assert not plugin.switched_on(stage)
    assert all(plugin.switched_on(name) for name, _ in STAGES if name != stage)


@pytest.mark.parametrize("value", [*OFF, 0, False])
@pytest.mark.parametrize("stage", SWITCHED)
def test_each_switch_in_mkdocs_yml_reads_off(stage: str, value: object) -> None:
    plugin = written({stage: {"enabled": value}})
    assert not plugin.switched_on(stage)
    assert written({stage: {"enabled": "on"}}).switched_on(stage)


@pytest.mark.parametrize("value", ON)
def test_a_switch_on_beats_the_quick_profile(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    plugin = loaded({"WIKI_PROFILE": "quick", "WIKI_SEARCH_KO": value}, monkeypatch)
    assert plugin.switched_on("search_ko")
    assert not plugin.switched_on("git_dates")


def test_the_quick_profile_leaves_out_only_its_stages(monkeypatch: pytest.MonkeyPatch) -> None:
    plugin = loaded({"WIKI_PROFILE": "quick"}, monkeypatch)
    off = [name for name, _ in STAGES if not plugin.switched_on(name)]
    assert sorted(off) == sorted(QUICK_SKIPS)


def test_environment_values_reach_the_options(monkeypatch: pytest.MonkeyPatch) -> None:
    plugins = plugin_config(
        {"WIKI_SNIPPET_TIMEOUT": "3", "WIKI_SNIPPET_JOBS": "1", "WIKI_SEARCH_KO": "1"},
        monkeypatch,
    )
    assert plugins.search_ko.enabled is True
    assert plugins.figures.timeout == 3
    assert plugins.figures.jobs == 1
    # Notebooks take the snippets' limit unless WIKI_NOTEBOOK_TIMEOUT says otherwise.
    assert plugins.notebooks.timeout == 3


@pytest.mark.parametrize(
    "env", [{"WIKI_SEARCH_KO": "maybe"}, {"WIKI_BLOG_SPEED": "2"}, {"WIKI_PROFILE": "fast"}]
)
def test_a_wrong_value_is_a_config_error(env: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises((Abort, ConfigurationError)):
        plugin_config(env, monkeypatch)


def test_durations_and_sizes_take_units(monkeypatch: pytest.MonkeyPatch) -> None:
    plugins = plugin_config(
        {
            "WIKI_SNIPPET_TIMEOUT": "2m",
            "WIKI_SNIPPET_MEMORY": "1024MB",
            "WIKI_WORKER_TIMEOUT": "90s",
        },
        monkeypatch,
    )
    assert plugins.math.worker_timeout == 90
    assert plugins.search_ko.worker_timeout == 90
    assert plugins.figures.timeout == 120
    assert plugins.figures.memory_mb == 1024
    assert plugins.notebooks.timeout == 120
