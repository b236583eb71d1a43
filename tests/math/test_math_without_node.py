"""Without Node.js a preview still shows every page, equations as their TeX source, and
says what to install; a strict build fails on it (study_wiki/math/katex.py). Figures
need no Node.js: their font is in the repository (study_wiki/fonts/)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from study_wiki.core.paths import CACHE_DIR_NAME
from study_wiki.figure_style import font_paths
from study_wiki.glyph_check import allowed_fonts, glyphs
from tests.support.mini_project import build, make_mini_project

pytestmark = pytest.mark.builds

NO_NODE = "math: Node.js is not installed, and KaTeX runs on it: `python -m study_wiki doctor`"


def test_a_preview_without_node_shows_the_page_with_tex_and_says_why(tmp_path: Path) -> None:
    project = make_mini_project(tmp_path / "project")
    # Without Node.js the install makes no node_modules/; the figures are drawn anew.
    (project / "node_modules").unlink()
    shutil.rmtree(project / CACHE_DIR_NAME / "figures")
    no_tools = tmp_path / "empty-path"
    no_tools.mkdir()
    result = build(project, strict=False, WIKI_SEARCH_KO="false", PATH=str(no_tools))
    assert result.returncode == 0, result.stderr[-3000:]
    assert NO_NODE in result.stderr
    assert "figures: 2 run, 0 cached" in result.stderr, result.stderr[-3000:]
    svgs = sorted((project / "site" / "figures").rglob("*.svg"))
    drawn = {font for svg in svgs for font, _ in glyphs(svg.read_text("utf-8"))}
    assert len(svgs) == 2 and drawn & (allowed_fonts(font_paths()) - allowed_fonts([]))
    assert "Until then equations are shown as their TeX source." in result.stderr
    page = BeautifulSoup((project / "site/index.html").read_text("utf-8"), "html.parser")
    assert page.select_one(".arithmatex").get_text() == r"\(a^2 + b^2 = c^2\)"
    assert page.select(".katex") == []
    assert page.select_one("article h1").get_text(strip=True).startswith("데모")

    strict = build(project, WIKI_SEARCH_KO="false", PATH=str(no_tools))
    assert strict.returncode != 0
    assert NO_NODE in strict.stderr
