"""study_wiki/notebook_assets.py: notebook CSS moves to one purged, linked file."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

from study_wiki.notebook_assets import purged_css

NOTEBOOK = "notebooks/lstm-gradient-lab/index.html"


def test_purge_keeps_rules_for_present_classes_only() -> None:
    css = (
        "@charset 'UTF-8';"
        ".w{--jp-used:1px;--jp-unused:2px;--jp-chain:var(--jp-used)}"
        ".w .a{margin:var(--jp-chain)}"
        ".w .gone{color:red}"
        ".w .a,.w .gone2{padding:0}"
        '.w .a[data-mime-type="application/vnd.jupyter.stderr"]{background:pink}'
        ".w :root{--jp-icon:url(data:image/svg+xml;base64,AAA=)}"
        "@media (max-width:10px){.w .gone{color:blue}.w .a{color:green}}"
        "@media print{.w .gone{color:blue}}"
        "pre{line-height:125%}"
        ".w{--jp-used:1px;--jp-unused:2px;--jp-chain:var(--jp-used)}"
    )
    out = purged_css(css, frozenset({"w", "a"}))
    assert ".gone" not in out and "charset" not in out and ":root" not in out
    assert "--jp-unused" not in out
    assert "--jp-used:1px" in out and "--jp-chain:var(--jp-used)" in out
    assert ".w .a{margin:var(--jp-chain)}" in out
    assert ".w .a{padding:0}" in out
    assert "background:pink" in out
    assert "@media (max-width:10px){.w .a{color:green}}" in out
    assert "print" not in out
    assert "pre{line-height:125%}" in out
    assert out.count("--jp-used:1px") == 1  # the same rule twice is kept once


def test_notebook_page_links_one_shared_stylesheet(site: Path) -> None:
    html = (site / NOTEBOOK).read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "lxml")
    article = soup.find("article")
    assert article.find("style") is None
    assert not soup.find_all("script", src="")
    assert "cdnjs" not in html and not soup.find("script", string=re.compile("mermaid"))
    links = [
        link["href"]
        for link in article.find_all("link", rel="stylesheet")
        if "notebook." in link["href"]
    ]
    assert len(links) == 1
    sheet = (site / NOTEBOOK).parent.joinpath(links[0]).resolve()
    assert re.fullmatch(r"notebook\.[0-9a-f]{12}\.css", sheet.name)
    css = sheet.read_text(encoding="utf-8")
    assert ".jupyter-wrapper .jp-InputArea" in css  # rules the page uses stay
    assert "jp-Mermaid" not in css and "jp-Dialog" not in css  # rules it never uses go
    assert len(css) < 60_000
    assert len(html.encode("utf-8")) < 400_000
