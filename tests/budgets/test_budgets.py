"""Size budgets: a page, figure or search index past its limit fails strict, with the fix;
a notebook cell that prints megabytes does not make a megabyte page or search index."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.mini_project import build, make_mini_project, write

pytestmark = pytest.mark.builds

HUGE_OUTPUT_NOTEBOOK = """\
# %% [markdown]
# # 큰 출력

# %%
print("x" * 20_000_000)
"""


def set_budgets(project: Path, **limits: int) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for option, value in limits.items():
        text = text.replace(f"      {option}: ", f"      {option}: {value} #", 1)
    config.write_text(text, encoding="utf-8")


def test_over_budget_fails_strict_and_says_what_to_do(tmp_path: Path) -> None:
    project = make_mini_project(tmp_path / "project")
    set_budgets(project, figure_kb=5, page_kb=20)
    result = build(project, WIKI_SEARCH_KO="false")
    assert result.returncode != 0
    assert (
        "snippets/demo/normal.py: its figure is " in result.stderr
        and "KB, over its budget of 5 KB: draw fewer points" in result.stderr
        and "or raise `budgets: figure_kb` under `study-wiki` in mkdocs.yml" in result.stderr
    ), result.stderr[-3000:]
    assert "docs/index.md: the page is " in result.stderr
    assert "Traceback" not in result.stderr

    set_budgets(project, figure_kb=5000, page_kb=5000)
    result = build(project, WIKI_SEARCH_KO="false")
    assert result.returncode == 0, result.stderr[-3000:]


def test_a_cell_printing_megabytes_is_cut(tmp_path: Path) -> None:
    project = make_mini_project(tmp_path / "project")
    write(project / "docs" / "notebooks" / "demo.py", HUGE_OUTPUT_NOTEBOOK)
    result = build(project, strict=False, WIKI_SEARCH_KO="false")
    assert result.returncode == 0, result.stderr[-3000:]
    assert (
        "docs/notebooks/demo.py:5: the cell printed more than 100 KB; "
        "the page shows the first 100 KB"
    ) in result.stderr, result.stderr[-3000:]
    site = project / "site"
    assert (site / "notebooks" / "demo" / "index.html").stat().st_size < 1_000_000
    assert (site / "search" / "search_index.json").stat().st_size < 1_000_000
