"""ARCHITECTURE.md stays true: its order of work is the one the plugins really run."""

from __future__ import annotations

import re

from mkdocs.config import load_config

from study_wiki.plugin import STAGES
from tests.support.hook_order import hook_order
from tests.support.project import ROOT


def test_the_drawn_order_is_the_loaded_order() -> None:
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    drawn = re.search(r"## The order of work\n.*?```text\n(.*?)\n```", text, re.S)
    assert drawn is not None, "ARCHITECTURE.md has no order of work"
    assert drawn.group(1) == hook_order(load_config(str(ROOT / "mkdocs.yml")))


def test_one_plugin_of_ours_and_every_stage_has_a_hook() -> None:
    config = load_config(str(ROOT / "mkdocs.yml"))
    ours = [name for name in config.plugins if name.startswith("study-wiki")]
    assert ours == ["study-wiki"]
    assert list(config.plugins)[-1] == "study-wiki", "the plugin runs after the others"
    order = hook_order(config)
    for name, _ in STAGES:
        assert re.search(rf"(: | → ){name}( →|$)", order, re.M), name
