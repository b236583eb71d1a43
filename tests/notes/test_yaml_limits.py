"""Front matter, .authors.yml, the glossary and .nav.yml: alias bombs, deep nesting and
huge blocks are refused with file:line, before anything expands them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from study_wiki import safe_yaml
from study_wiki.glossary.terms import load_terms
from study_wiki.notes.metadata import load_yaml
from study_wiki.notes.schema import check_page
from tests.support.mini_project import build, make_mini_project, write

# 9**6 values when expanded; a few hundred bytes of YAML.
BOMB = "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}' if i else 'x'] * 9)}]\n" for i in range(6))
DEEP = "deep: " + "[" * 40 + "]" * 40 + "\n"
# Deep enough for PyYAML's recursive composer to hit Python's recursion limit.
VERY_DEEP = [
    "deep: " + "[" * 5000 + "]" * 5000 + "\n",
    "deep:\n  " + "- " * 3000 + "x\n",
    "deep:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 300)) + " " * 300 + "x: 1\n",
    "deep:\n" + "".join(" " * i + "- \n" for i in range(1, 300)),
]
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


@pytest.mark.parametrize(
    "text", VERY_DEEP, ids=["flow", "block-list", "block-mapping", "indented-lists"]
)
@pytest.mark.parametrize("loader", [yaml.SafeLoader, getattr(yaml, "CSafeLoader", None)])
def test_nesting_is_measured_before_composing(text: str, loader: type | None) -> None:
    if loader is None:
        pytest.skip("PyYAML was built without libyaml")
    with pytest.raises(yaml.YAMLError) as error:  # a RecursionError is no YAMLError
        safe_yaml.load(text, loader)
    _, problem = safe_yaml.describe(error.value)
    assert "nested more than 20 levels deep" in problem or "nesting depth" in problem, problem


def test_deep_front_matter_is_a_problem_at_its_line() -> None:
    (found,) = problems(VERY_DEEP[1])
    assert found.startswith("docs/x.md:4: front matter: is nested more than 20 levels deep")
    with pytest.raises(yaml.YAMLError):
        load_yaml(VERY_DEEP[0])


def test_glossary_is_read_within_limits(tmp_path: Path) -> None:
    glossary = tmp_path / "glossary.yml"
    glossary.write_text("- ko: 용어\n  synonyms: " + "[" * 3000 + "]" * 3000 + "\n")
    assert [str(p) for p in load_terms(glossary, "includes/glossary.yml")[1]] == [
        "includes/glossary.yml:2: is nested more than 3 levels deep: flatten the lists and mappings"
    ]
    glossary.write_text("- ko: 용어\n  en: [닫히지 않음\n  definition: 정의\n")
    assert [str(p) for p in load_terms(glossary, "includes/glossary.yml")[1]] == [
        "includes/glossary.yml:2: is not valid YAML (expected ',' or ']', but got ':'): "
        "fix the syntax"
    ]


@pytest.mark.builds
@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "docs/daily/.authors.yml",
            "authors:\n  team: " + "[" * 5000 + "]" * 5000 + "\n",
            "docs/daily/.authors.yml:2: is nested more than 20 levels deep: flatten the lists",
        ),
        (
            "includes/glossary.yml",
            "- ko: 용어\n  synonyms: " + "[" * 5000 + "]" * 5000 + "\n",
            "includes/glossary.yml:2: is nested more than 3 levels deep: flatten the lists",
        ),
        (
            "docs/.nav.yml",
            "nav: " + "[" * 5000 + "]" * 5000 + "\n",
            "docs/.nav.yml:1: is nested more than 20 levels deep: flatten the lists",
        ),
        ("docs/.nav.yml", BOMB, "docs/.nav.yml:5: expands to more than 10000 values"),
    ],
    ids=["authors", "glossary", "nav", "nav-bomb"],
)
def test_deep_yaml_anywhere_is_one_message_not_a_traceback(
    tmp_path: Path, name: str, text: str, expected: str
) -> None:
    project = make_mini_project(tmp_path / "project")
    write(project / name, text)
    result = build(project, WIKI_SEARCH_KO="false")
    assert result.returncode != 0
    assert expected in result.stderr, result.stderr[-3000:]
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert len([e for e in errors if name in e]) == 1, errors
