"""The maths extension on its own, as an engine without the plugin runs it: equations
typeset by KaTeX, bad TeX shown and reported at its line, KaTeX's stylesheet and fonts
put in the site folder (study_wiki/math/markdown.py)."""

from __future__ import annotations

import logging
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from study_wiki.math.markdown import MathExtension
from tests.support.project import ROOT

PAGE = "# 식\n\n$a^2$ 와 $b$\n\n$$\n\\frac{1\n$$\n"


def test_extension_typesets_and_reports_bad_tex_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "eq.md").write_text(PAGE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with caplog.at_level(logging.ERROR):
        html = markdown.markdown(
            PAGE,
            extensions=["pymdownx.arithmatex", MathExtension(page="eq.md")],
            extension_configs={"pymdownx.arithmatex": {"generic": True}},
        )
    soup = BeautifulSoup(html, "html.parser")
    assert [m["alttext"] for m in soup.select(".katex math")] == ["a^2", "b"]
    assert soup.select(".arithmatex") == []
    assert "\\frac{1" in soup.select_one("div.math-error").get_text()
    assert "docs/eq.md:6: KaTeX cannot typeset" in caplog.text
    assets = tmp_path / "site" / "assets" / "katex"
    css = (assets / "katex.min.css").read_text(encoding="utf-8")
    fonts = {font.name for font in (assets / "fonts").iterdir()}
    assert "KaTeX_Main-Regular.woff2" in fonts and "url(fonts/KaTeX_Main-Regular.woff2)" in css
