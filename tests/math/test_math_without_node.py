"""Without Node.js a preview still shows every page, equations as their TeX source, and
says what to install; a strict build fails on it (study_wiki/math/katex.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.support.mini_project import build, make_mini_project

pytestmark = pytest.mark.builds

NO_NODE = "math: Node.js is not installed, and KaTeX runs on it: `python -m study_wiki doctor`"


def test_a_preview_without_node_shows_the_page_with_tex_and_says_why(tmp_path: Path) -> None:
    project = make_mini_project(tmp_path / "project")
    no_tools = tmp_path / "empty-path"
    no_tools.mkdir()
    result = build(project, strict=False, WIKI_SEARCH_KO="false", PATH=str(no_tools))
    assert result.returncode == 0, result.stderr[-3000:]
    assert NO_NODE in result.stderr
    assert "Until then equations are shown as their TeX source." in result.stderr
    page = BeautifulSoup((project / "site/index.html").read_text("utf-8"), "html.parser")
    assert page.select_one(".arithmatex").get_text() == r"\(a^2 + b^2 = c^2\)"
    assert page.select(".katex") == []
    assert page.select_one("article h1").get_text(strip=True).startswith("데모")

    strict = build(project, WIKI_SEARCH_KO="false", PATH=str(no_tools))
    assert strict.returncode != 0
    assert NO_NODE in strict.stderr
