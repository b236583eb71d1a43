"""The stages' options come from mkdocs.yml (under `study-wiki`), with environment variables
through !ENV."""

from __future__ import annotations

import os

import pytest
from mkdocs.config import load_config

from tests.support.project import ROOT


def plugin_config(env: dict[str, str], monkeypatch: pytest.MonkeyPatch):
    for name in (
        "WIKI_SEARCH_KO",
        "WIKI_GIT_DATES",
        "WIKI_TIMELINES",
        "WIKI_GLOSSARY",
        "WIKI_SNIPPET_TIMEOUT",
        "WIKI_SNIPPET_JOBS",
        "WIKI_SNIPPET_MEMORY",
        "WIKI_NOTEBOOK_TIMEOUT",
        "WIKI_WORKER_TIMEOUT",
        "WIKI_LINKS",
    ):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    config = load_config(str(ROOT / "mkdocs.yml"))
    return config.plugins["study-wiki"].config


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    plugins = plugin_config({}, monkeypatch)
    assert plugins.search_ko.enabled is True
    assert plugins.git_dates.enabled is True
    assert plugins.glossary.enabled is True
    assert plugins.timelines.enabled is True
    assert plugins.figures.timeout == 120
    assert plugins.figures.jobs == (os.cpu_count() or 1)
    assert plugins.figures.cache_dir == ".wiki-cache/figures"
    assert plugins.figures.memory_mb == 3072
    assert plugins.notebooks.timeout == 120
    assert plugins.links.enabled is True
    assert plugins.links.bibliography == "references.bib"


def test_environment_switches_as_people_type_them(monkeypatch: pytest.MonkeyPatch) -> None:
    plugins = plugin_config(
        {
            "WIKI_SEARCH_KO": "0",
            "WIKI_GIT_DATES": "false",
            "WIKI_GLOSSARY": "off",
            "WIKI_TIMELINES": "no",
            "WIKI_SNIPPET_TIMEOUT": "3",
            "WIKI_SNIPPET_JOBS": "1",
            "WIKI_LINKS": "0",
        },
        monkeypatch,
    )
    assert plugins.search_ko.enabled is False
    assert plugins.git_dates.enabled is False
    assert plugins.glossary.enabled is False
    assert plugins.timelines.enabled is False
    assert plugins.figures.timeout == 3
    assert plugins.figures.jobs == 1
    assert plugins.links.enabled is False
    # Notebooks take the snippets' limit unless WIKI_NOTEBOOK_TIMEOUT says otherwise.
    assert plugins.notebooks.timeout == 3


def test_a_wrong_value_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.exceptions import Abort, ConfigurationError

    with pytest.raises((Abort, ConfigurationError)):
        plugin_config({"WIKI_SEARCH_KO": "maybe"}, monkeypatch)


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
