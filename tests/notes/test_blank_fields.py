"""A blank tag or title in front matter is an error, not an empty link or heading."""

from __future__ import annotations

import pytest

from study_wiki.notes.schema import check_page

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
