"""The figures extension on its own, as an engine without the plugin runs it: each
figure line is drawn by its snippet (the same runner and cache), numbered, its SVG
put in the site folder and its code listed; a bad one is shown and reported at its
line (study_wiki/figures/markdown.py)."""

from __future__ import annotations

import logging
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from study_wiki.figures.markdown import FiguresExtension
from tests.support.mini_project import FIGURE_ALONE, write
from tests.support.project import ROOT

PAGE = """# 그림

@fig:hist 를 보세요.

![정규 분포 히스토그램](snippet:demo/normal.py "정규 분포"){#fig:hist}

![없는 그림](snippet:demo/missing.py)
"""
EXTENSIONS = ["attr_list", "md_in_html", "admonition", "pymdownx.details", "pymdownx.superfences"]


def test_extension_draws_numbers_and_lists_each_figure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    write(tmp_path / "snippets" / "demo" / "normal.py", FIGURE_ALONE)
    write(tmp_path / "snippets" / "__init__.py", "")
    write(tmp_path / "snippets" / "demo" / "__init__.py", "")
    write(tmp_path / "docs" / "index.md", PAGE)
    monkeypatch.chdir(tmp_path)
    with caplog.at_level(logging.ERROR):
        html = markdown.markdown(PAGE, extensions=[*EXTENSIONS, FiguresExtension(page="index.md")])
    soup = BeautifulSoup(html, "html.parser")
    figure = soup.select_one("figure.snippet-figure")
    assert figure["id"] == "fig-hist"
    assert figure.img["src"] == "figures/demo/normal.svg"
    assert figure.img["alt"] == "정규 분포 히스토그램"
    assert figure.figcaption.get_text(" ", strip=True) == "그림 1. 정규 분포"
    svg = tmp_path / "site" / "figures" / "demo" / "normal.svg"
    assert svg.read_bytes().startswith(b"<?xml") and b"<svg" in svg.read_bytes()
    listing = soup.select_one("details.example")
    assert "snippets/demo/normal.py" in listing.summary.get_text()
    assert "rng.normal" in listing.select_one(".highlight").get_text()
    assert "demo/missing.py" in soup.select_one(".admonition.failure").get_text()
    assert "docs/index.md:7: figure snippet 'snippets/demo/missing.py'" in caplog.text
