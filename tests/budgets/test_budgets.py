"""Size budgets: a page, figure or search index past its limit fails strict, with the fix;
a notebook cell that prints megabytes does not make a megabyte page or search index; a
page's source past a size limit is named at its line before anything renders it."""

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


FRONT = "---\ndescription: 크기 한도를 시험하는 페이지의 설명 문장입니다.\n---\n"


@pytest.mark.parametrize("strict", [True, False])
def test_a_huge_note_fails_fast_with_one_error(tmp_path: Path, strict: bool) -> None:
    """An 18 MB note: one message, before anything (the Korean analyser included) reads it."""
    project = make_mini_project(tmp_path / "project")
    write(project / "docs" / "big.md", FRONT + "# 큰 노트\n\n" + "한국어 문장입니다. " * 700_000)
    result = build(project, strict=strict)
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert errors[0].startswith(
        "ERROR   -  docs/big.md:1: the page is 18,900 KB, more than a page may be (500 KB): "
        "split it into several pages"
    ), result.stderr[-3000:]
    assert errors[1:] == (
        [] if not strict else ["ERROR   -  1 problem(s) in docs/; see the errors above"]
    )
    assert "Traceback" not in result.stderr and "did not answer" not in result.stderr
    if strict:
        assert result.returncode != 0
        return
    assert result.returncode == 0, result.stderr[-3000:]
    stand_in = (project / "site" / "big" / "index.html").read_text(encoding="utf-8")
    assert "빌드 오류" in stand_in and "docs/big.md:1: the page is 18,900 KB" in stand_in
    assert (project / "site" / "search" / "search_index.json").stat().st_size < 1_000_000
