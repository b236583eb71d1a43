"""Front matter and .authors.yml: alias bombs, deep nesting and huge blocks are refused
with file:line, before anything expands them."""

from __future__ import annotations

from pathlib import Path

import pytest

from study_wiki.notes.schema import check_page
from tests.support.mini_project import build, make_mini_project, write

# 9**6 values when expanded; a few hundred bytes of YAML.
BOMB = "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}' if i else 'x'] * 9)}]\n" for i in range(6))
DEEP = "deep: " + "[" * 40 + "]" * 40 + "\n"
DESCRIPTION = "description: 제한을 시험하는 페이지의 설명 문장입니다.\n"


def problems(front_matter: str) -> list[str]:
    text = f"---\n{DESCRIPTION}{front_matter}---\n# 제목\n"
    _, found = check_page("docs/x.md", "x.md", text, ["team"], [])
    return [str(p) for p in found]


def test_alias_bomb_is_refused_at_its_line() -> None:
    found = problems(BOMB)
    assert len(found) == 1, found
    assert found[0].startswith("docs/x.md:7: front matter: expands to more than 10000 values")
    assert "without aliases" in found[0]


def test_recursive_alias_is_refused() -> None:
    assert problems("loop: &loop [*loop]\n") == [
        "docs/x.md:3: front matter: an alias (*name) refers to the value that contains it"
    ]


def test_deep_nesting_is_refused() -> None:
    (found,) = problems(DEEP)
    assert "nested more than 20 levels deep" in found


def test_huge_front_matter_is_refused() -> None:
    (found,) = problems("notes: " + "가" * 40_000 + "\n")
    assert "larger than 64 KiB" in found


@pytest.mark.builds
@pytest.mark.parametrize("where", ["page", "authors"])
def test_build_stops_with_file_and_line_not_a_traceback(tmp_path: Path, where: str) -> None:
    project = make_mini_project(tmp_path / "project")
    if where == "page":
        write(project / "docs" / "bomb.md", f"---\n{DESCRIPTION}{BOMB}---\n# 폭탄\n")
        expected = "docs/bomb.md:7: front matter: expands to more than 10000 values"
    else:
        authors = project / "docs" / "daily" / ".authors.yml"
        write(authors, authors.read_text(encoding="utf-8") + BOMB)
        expected = "docs/daily/.authors.yml:10: expands to more than 10000 values"
    result = build(project, WIKI_SEARCH_KO="false")
    assert result.returncode != 0
    assert expected in result.stderr, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
