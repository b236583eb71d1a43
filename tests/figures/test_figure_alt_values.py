"""Alt text numbers filled in from the snippet's data, and a clear error for a wrong name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.support.mini_project import build, make_mini_project, write

pytestmark = pytest.mark.builds

PEAK = '''\
"""A curve whose peak the page's alt text quotes."""
import numpy as np
from matplotlib.figure import Figure

X = np.linspace(0, 3, 301)
Y = X * np.exp(-X)


def alt_values() -> dict[str, str]:
    i = int(np.argmax(Y))
    return {"x_peak": f"{X[i]:.2f}", "y_peak": f"{Y[i]:.3f}", "odd": "a_b [c] <d>"}


def figure() -> Figure:
    fig = Figure(figsize=(3, 2))
    fig.add_subplot().plot(X, Y)
    return fig
'''


def page(alt: str) -> str:
    return (
        "---\ndescription: 그림 설명의 숫자를 데이터에서 채우는지 시험하는 페이지입니다.\n"
        f'---\n# 시험\n\n![{alt}](snippet:demo/peak.py "봉우리")\n'
    )


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    project = make_mini_project(tmp_path / "project")
    write(project / "snippets" / "demo" / "peak.py", PEAK)
    return project


def test_alt_text_numbers_come_from_the_snippet(project: Path) -> None:
    write(project / "docs" / "peak.md", page("x={x_peak}에서 최댓값 {y_peak}, 표시 {odd}"))
    result = build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    html = (project / "site" / "peak" / "index.html").read_text(encoding="utf-8")
    img = BeautifulSoup(html, "lxml").select_one("figure.snippet-figure img")
    # x e^{-x} peaks at x = 1 with value 1/e
    assert img["alt"] == "x=1.00에서 최댓값 0.368, 표시 a_b [c] <d>"
    assert "<d>" not in html  # escaped, not markup


def test_an_unknown_alt_field_fails_the_strict_build_naming_the_line(project: Path) -> None:
    write(project / "docs" / "peak.md", page("최댓값 {y_max}"))
    result = build(project)
    assert result.returncode != 0
    assert re.search(
        r"docs/peak\.md:6: alt text asks for \{y_max\} but the snippet's alt_values\(\) "
        r"does not give it \(given: odd, x_peak, y_peak\)",
        result.stderr,
    ), result.stderr[-3000:]
    assert "Traceback" not in result.stderr
