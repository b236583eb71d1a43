"""Each stage's switch off leaves out what the stage makes, and the build still passes:
the mini project built with every switch off next to the same project built with all on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.mini_project import build, make_mini_project, mini_template

pytestmark = pytest.mark.builds

# Switched off in mkdocs.yml (no environment variable): written as people would.
WRITTEN_OFF = {
    "images:\n": "images:\n        enabled: 0\n",
    "figures:\n": "figures:\n        lazy_listings: off\n",
    "# notebook_assets:\n      #   enabled: true": "notebook_assets:\n        enabled: no",
    "budgets:\n        page_kb: 3000": "budgets:\n        enabled: false\n        page_kb: 1",
}
# Through the environment, with the quick profile (git dates, Korean search, feeds and
# social cards off) and each other variable in another spelling of off.
ENV_OFF = {
    "WIKI_PROFILE": "quick",
    "WIKI_GLOSSARY": "0",
    "WIKI_TIMELINES": "false",
    "WIKI_LINKS": "off",
    "WIKI_BLOG_SPEED": "no",
}
# Labelled equations, which only the links stage numbers: with it off they stay maths.
LABELLED = """\
---
description: 번호를 붙인 식이 링크 기능 없이도 식으로 남는지 보는 페이지입니다.
---
# 식

$$
a^2 + b^2 = c^2
$$ {#eq:pythagoras}

$$ e^{i\\pi} + 1 = 0 $$ {#eq:euler}

@eq:pythagoras 를 봅니다.
"""


def made_by_stage(site: Path) -> dict[str, bool]:
    """Whether each switchable stage's mark is in the built site."""
    notebook = next((site / "notebooks").rglob("index.html")).read_text(encoding="utf-8")
    search = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    fields = search.get("config", {}).get("fields", {})
    return {
        "glossary": (site / "glossary" / "index.html").is_file() and "glossary" in fields,
        "links": (site / "links" / "index.html").is_file(),
        "feeds": (site / "feed_rss.xml").is_file(),
        "social": (site / "assets" / "images" / "social").is_dir(),
        "search_ko": "stems" in fields,
        "lazy_listings": (site / "assets" / "listings").is_dir(),
        "notebook_assets": "<style" not in notebook.split("<article", 1)[1],
        "timelines": (site / "members" / "index.html").is_file(),  # from .authors.yml
    }


def test_every_switch_off_leaves_out_what_its_stage_makes(tmp_path: Path) -> None:
    project = make_mini_project(tmp_path / "project")
    on = mini_template() / "site"  # the build make_mini_project copies
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for before, after in WRITTEN_OFF.items():
        assert before in text, before
        text = text.replace(before, after, 1)
    config.write_text(text, encoding="utf-8")
    (project / "docs" / "labelled.md").write_text(LABELLED, encoding="utf-8")
    result = build(project, tmp_path / "off", **ENV_OFF)
    # budgets off: a 1 KB page budget would fail this strict build
    assert result.returncode == 0, result.stderr[-4000:]
    made_on, made_off = made_by_stage(on), made_by_stage(tmp_path / "off")
    assert all(made_on.values()), made_on
    assert not any(made_off.values()), made_off
    assert "blog excerpts" not in result.stderr  # the summaries stage did not run
    labelled = (tmp_path / "off" / "labelled" / "index.html").read_text(encoding="utf-8")
    article = labelled.split("<article", 1)[1]
    assert article.count('class="katex-display"') == 2, article[:3000]
    assert "#eq:" not in article and "\\tag" not in article
