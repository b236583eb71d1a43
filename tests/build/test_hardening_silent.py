"""Things that used to pass silently: a blank tag, math commands KaTeX refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from study_wiki.notes.schema import check_page
from tests.support.mini_project import build, make_mini_project, write

HEAD = "---\ndescription: 조용히 지나가던 입력을 시험하는 페이지의 설명입니다.\n"


@pytest.mark.parametrize("tag", ['"   "', '"\\t"', "' '"])
def test_a_blank_tag_is_an_error(tag: str) -> None:
    text = f"{HEAD}tags:\n  - RNN\n  - {tag}\n---\n# 제목\n"
    _, found = check_page("docs/x.md", "x.md", text, [], [])
    assert [str(p) for p in found] == [
        "docs/x.md:3: front matter field 'tags': a tag is empty or only spaces: "
        "write the text, or remove the line"
    ]


def test_a_blank_title_is_an_error() -> None:
    _, found = check_page("docs/x.md", "x.md", f'{HEAD}title: "  "\n---\n', [], [])
    assert "the title is empty or only spaces" in str(found[0])


@pytest.mark.builds
def test_math_commands_refused_by_trust_fail_strict_with_file_and_line(tmp_path: Path) -> None:
    project = make_mini_project(tmp_path / "project")
    write(
        project / "docs" / "math.md",
        HEAD + "---\n# 수식\n\n링크 $\\href{javascript:alert(1)}{x}$ 입니다.\n\n"
        "그림 $\\includegraphics{a.png}$ 입니다.\n",
    )
    result = build(project, WIKI_SEARCH_KO="false")
    assert result.returncode != 0
    assert (
        'docs/math.md:6: KaTeX cannot typeset "\\\\href{javascript:alert(1)}{x}": '
        "\\href is not allowed in math on this site (links, images and HTML are refused): "
        "write it outside the $...$"
    ) in result.stderr, result.stderr[-3000:]
    assert "docs/math.md:8: KaTeX cannot typeset" in result.stderr
    assert "Traceback" not in result.stderr


ENDLESS_NOTEBOOK = """\
# %% [markdown]
# # 끝나지 않는 셀

# %%
while True:
    pass
"""


@pytest.mark.builds
def test_an_endless_notebook_cell_is_stopped_with_a_clean_message(tmp_path: Path) -> None:
    project = make_mini_project(tmp_path / "project")
    write(project / "docs" / "notebooks" / "demo.py", ENDLESS_NOTEBOOK)
    result = build(project, WIKI_SEARCH_KO="false", WIKI_SNIPPET_TIMEOUT="5")
    assert result.returncode != 0
    assert (
        "docs/notebooks/demo.py:5: notebook cell failed: the cell did not finish within 5 s "
        "and was stopped: make it faster (an endless loop?), or raise the limit with "
        "WIKI_SNIPPET_TIMEOUT=<seconds>"
    ) in result.stderr, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    assert "-----" not in result.stderr
