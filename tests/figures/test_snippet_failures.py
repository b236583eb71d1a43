"""A broken figure snippet fails loudly and precisely, and never harms anything else."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.support.mini_project import build, make_mini_project, serving, wait_for_page, write

pytestmark = pytest.mark.builds

RAISING = '''\
"""A snippet with a bug on line 9."""
import numpy as np
from matplotlib.figure import Figure


def figure() -> Figure:
    fig = Figure()
    values = np.arange(3)
    fig.add_subplot().plot(values[5])
    return fig
'''

HANGING = '''\
"""A snippet that never finishes."""
import time


def figure():
    while True:
        time.sleep(0.1)
'''

MISBEHAVING = '''\
"""Changes directory and writes files where it should not."""
import os
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure


def figure() -> Figure:
    Path("stray.txt").write_text("written in the working directory")
    os.chdir(os.environ["WIKI_TEST_STRAY_TARGET"])
    Path("moved-away.txt").write_text("written after chdir")
    fig = Figure(figsize=(3, 2))
    fig.add_subplot().plot(np.arange(4))
    return fig
'''


def page_with(snippet: str) -> str:
    return (
        "---\ndescription: 잘못된 그림 코드를 시험하는 페이지입니다. 오류가 보여야 합니다.\n"
        f'---\n# 시험\n\n![시험 그림](snippet:demo/{snippet} "시험")\n'
    )


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return make_mini_project(tmp_path / "project")


def add_page(project: Path, snippet_name: str, code: str) -> None:
    write(project / "snippets" / "demo" / snippet_name, code)
    write(project / "docs" / "broken.md", page_with(snippet_name))


def test_a_raising_snippet_fails_the_strict_build_with_its_file_and_line(
    project: Path,
) -> None:
    add_page(project, "raising.py", RAISING)
    result = build(project)
    assert result.returncode != 0
    assert re.search(
        r"docs/broken\.md:6: figure snippet failed: snippets/demo/raising\.py:9: "
        r"IndexError: index 5 is out of bounds",
        result.stderr,
    ), result.stderr[-3000:]


def test_without_strict_the_page_shows_the_error_in_place_of_the_figure(
    project: Path,
) -> None:
    add_page(project, "raising.py", RAISING)
    result = build(project, strict=False)
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((project / "site/broken/index.html").read_text(), "lxml")
    box = page.select_one(".admonition.failure")
    assert box is not None and "snippets/demo/raising.py:9" in box.get_text()
    assert page.select_one("figure.snippet-figure") is None
    other = BeautifulSoup((project / "site/index.html").read_text(), "lxml")
    assert len(other.select("figure.snippet-figure img")) == 2, "a good page was harmed"


def test_a_hanging_snippet_is_stopped_after_the_timeout(project: Path) -> None:
    add_page(project, "hanging.py", HANGING)
    start = time.monotonic()
    # The snippet hangs whatever its start took: the shortest limit the setting takes.
    result = build(project, WIKI_SNIPPET_TIMEOUT="1")
    assert time.monotonic() - start < 60
    assert result.returncode != 0
    assert "snippets/demo/hanging.py:1: timed out after 1 s" in result.stderr
    assert "WIKI_SNIPPET_TIMEOUT" in result.stderr


def test_a_snippet_cannot_touch_the_source_tree(project: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    add_page(project, "misbehaving.py", MISBEHAVING)

    def sources() -> list[Path]:
        return sorted(
            p.relative_to(project)
            for p in project.rglob("*")
            if p.is_file()
            and not p.is_relative_to(project / "site")
            and not p.is_relative_to(project / ".wiki-cache")  # ours
            and not p.is_relative_to(project / ".cache")  # mkdocs-jupyter's
        )

    before = sources()
    result = build(project, WIKI_TEST_STRAY_TARGET=str(elsewhere))
    assert result.returncode == 0, result.stderr
    after = sources()
    assert not (project / "stray.txt").exists()
    assert after == before
    # Its chdir stayed in its own process: the other figures were still built.
    assert (project / "site/figures/demo/wave.svg").is_file()
    assert (project / "site/figures/demo/misbehaving.svg").is_file()


@pytest.mark.slow
def test_serve_shows_the_error_keeps_running_and_recovers_when_fixed(
    project: Path,
) -> None:
    add_page(project, "raising.py", RAISING)
    with serving(project) as (site_url, server):
        url = f"{site_url}broken/"
        wait_for_page(url, lambda html: "snippets/demo/raising.py:9" in html)
        snippet = project / "snippets/demo/raising.py"
        snippet.write_text(snippet.read_text().replace("values[5]", "values"))
        html = wait_for_page(url, lambda html: "snippet-figure" in html)
        assert "그림을 만들지 못했습니다" not in html
        assert server.poll() is None, "mkdocs serve stopped"


def test_a_failing_notebook_cell_fails_the_strict_build_with_its_line(project: Path) -> None:
    notebook = project / "docs/notebooks/demo.py"
    text = notebook.read_text()
    notebook.write_text(text + "\n# %%\nresult = 1 / 0\n")
    line = len(text.splitlines()) + 3
    result = build(project)
    assert result.returncode != 0
    assert (
        f"docs/notebooks/demo.py:{line}: notebook cell failed: ZeroDivisionError: division by zero"
    ) in result.stderr
