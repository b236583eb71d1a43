"""Bad front matter stops the build with the file, the line, the field and a fix."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from study_wiki.model import read_source
from study_wiki.notes.schema import check_page
from tests.support.mini_project import build, make_mini_project

AUTHORS = ["jewoo", "team"]
CATEGORIES = ["공부 정리", "피어세션", "학습 회고"]
DESCRIPTION = "LSTM의 게이트가 기울기 소실을 어떻게 막는지 정리한 노트입니다."
GOOD = {
    "date": "2021-09-20",
    "authors": "[jewoo]",
    "categories": "[공부 정리]",
    "tags": "[LSTM]",
    "slug": "lstm-gates",
    "description": DESCRIPTION,
}


def post(**fields: str | None) -> str:
    """A post's text: GOOD front matter with some fields changed (None drops one)."""
    merged = {**GOOD, **fields}
    lines = [f"{key}: {value}" for key, value in merged.items() if value is not None]
    return "---\n" + "\n".join(lines) + "\n---\n\n# 제목\n\n본문\n"


def problems(text: str, src_uri: str = "daily/posts/2021-09-20-x.md") -> list[str]:
    _, found = check_page("docs/" + src_uri, src_uri, text, AUTHORS, CATEGORIES)
    return [str(p) for p in found]


def test_a_good_post_has_no_problems() -> None:
    assert problems(post()) == []


# (changed fields, expected line, field, helpful text)
CASES = {
    "missing date": (
        {"date": None}, 1, "date", "'date' is required: add `date: ...`"
    ),
    "impossible date": (
        {"date": '"2021-13-45"'}, 2, "date",
        "'2021-13-45' is not a date; write it as YYYY-MM-DD",
    ),
    "date in words": (
        {"date": "어제"}, 2, "date", "'어제' is not a date; write it as YYYY-MM-DD"
    ),
    "unknown author": (
        {"authors": "[jewoo, nobody]"}, 3, "authors",
        "unknown author 'nobody'; known authors are jewoo, team (add new people to "
        "docs/daily/.authors.yml)",
    ),
    "unknown category": (
        {"categories": "[잡담]"}, 4, "categories",
        "'잡담' is not allowed; use one of 공부 정리, 피어세션, 학습 회고",
    ),
    "missing description": (
        {"description": None}, 1, "description", "'description' is required"
    ),
    "short description": (
        {"description": "짧음"}, 7, "description", "is too short: write one sentence"
    ),
    "bad slug": ({"slug": "LSTM_Gates"}, 6, "slug", "does not match"),
}  # fmt: skip


@pytest.mark.parametrize("case", CASES)
def test_schema_names_line_field_and_fix(case: str) -> None:
    fields, line, field, hint = CASES[case]
    found = problems(post(**fields))
    prefix = f"docs/daily/posts/2021-09-20-x.md:{line}: front matter field '{field}': "
    assert len(found) == 1, found
    assert found[0].startswith(prefix), found
    assert hint in found[0]


def test_broken_yaml_names_the_line() -> None:
    text = post(tags="[LSTM, GRU")
    [found] = problems(text)
    assert found.startswith("docs/daily/posts/2021-09-20-x.md:")
    assert "front matter: is not valid YAML" in found


def test_missing_front_matter() -> None:
    [found] = problems("# 제목\n", "about.md")
    assert found == "docs/about.md:1: front matter: missing: start the file with a --- block"


def test_ordinary_pages_need_only_a_description() -> None:
    page = f"---\ndescription: {DESCRIPTION}\n---\n# 소개\n"
    assert problems(page, "about.md") == []
    assert problems("---\ntitle: 소개\n---\n# 소개\n", "about.md") == [
        "docs/about.md:1: front matter field 'description': 'description' is required: "
        "add `description: ...` to the front matter"
    ]


def test_unquoted_impossible_date_is_a_problem_not_a_crash() -> None:
    [found] = problems(post(date="2021-13-45"))
    assert "front matter field 'date': '2021-13-45' is not a date" in found


JEWOO = """\
  jewoo:
    name: 제우
    description: 스터디원
    avatar: ../assets/avatar.svg
"""


def site_post(**fields: str | None) -> str:
    """A post for the real site, which uses no categories (see CONTRIBUTING.md)."""
    return post(**{"categories": None, **fields})


# One strict build with every fault at once: the plugin reports them all, then stops.
BAD_FILES = {
    "docs/daily/posts/2021-09-01-no-date.md": site_post(date=None, slug="no-date"),
    "docs/daily/posts/2021-09-02-bad-date.md": site_post(date='"2021-13-45"', slug="bad-date"),
    "docs/daily/posts/2021-09-03-words.md": site_post(date="어제", slug="words"),
    "docs/daily/posts/2021-09-04-who.md": site_post(authors="[nobody]", slug="who"),
    "docs/daily/posts/2021-09-05-cat.md": site_post(categories="[잡담]", slug="cat"),
    "docs/daily/posts/2021-09-06-first.md": site_post(date="2021-09-06", slug="same"),
    "docs/daily/posts/2021-09-07-second.md": site_post(date="2021-09-07", slug="same"),
    "docs/daily/posts/2021-09-08-yaml.md": site_post(tags="[LSTM", slug="yaml"),
    "docs/about.md": "---\ntitle: 소개\n---\n# 소개\n",
}
EXPECTED = [
    "docs/daily/posts/2021-09-01-no-date.md:1: front matter field 'date': 'date' is required",
    "docs/daily/posts/2021-09-02-bad-date.md:2: front matter field 'date': "
    "'2021-13-45' is not a date; write it as YYYY-MM-DD",
    "docs/daily/posts/2021-09-03-words.md:2: front matter field 'date': '어제' is not a date",
    "docs/daily/posts/2021-09-04-who.md:3: front matter field 'authors': "
    "unknown author 'nobody'; known authors are jewoo, team",
    "docs/daily/posts/2021-09-05-cat.md:4: front matter field 'categories': "
    "this site does not use categories: remove it",
    "docs/daily/posts/2021-09-07-second.md:1: front matter field 'slug': "
    "'same' is already used by docs/daily/posts/2021-09-06-first.md",
    "docs/daily/posts/2021-09-08-yaml.md:",
    "front matter: is not valid YAML",
    "docs/about.md:1: front matter field 'description': 'description' is required",
]


@pytest.mark.builds
@pytest.mark.slow
def test_strict_build_stops_and_names_every_fault(tmp_path: Path) -> None:
    project = make_mini_project(tmp_path / "project")
    people = project / "docs" / "daily" / ".authors.yml"
    people.write_text(people.read_text(encoding="utf-8") + JEWOO, encoding="utf-8")
    for name, text in BAD_FILES.items():
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    # A problem another stage finds first (a file name) counts too.
    named = "---\ndescription: 이름만 규칙에 맞지 않는 페이지의 설명 문장입니다.\n---\n본문\n"
    (project / "docs" / "q&a.md").write_text(named, encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    for expected in EXPECTED:
        assert expected in result.stderr, f"{expected!r} not in:\n{result.stderr}"
    assert "docs/q&a.md: the name holds a character" in result.stderr
    assert "9 problem(s) in docs/; see the errors above" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site" / "index.html").exists()


SIZED = "---\ndescription: 크기 한도를 시험하는 페이지의 설명 문장입니다.\n---\n"


def headings(count: int) -> str:
    return SIZED + "# 큰 노트\n\n" + "".join(f"## 제목 {i}\n\n본문 {i}.\n\n" for i in range(count))


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            headings(1_200),
            "docs/big.md:4002: the page has more than 1,000 headings (this is heading 1,001): "
            "split it into several pages",
        ),
        ("가" * 200_000, "docs/big.md:1: the page is 600 KB, more than a page may be (500 KB)"),
        (
            SIZED + "".join(f"| {i} | 값 |\n" for i in range(1_500)),
            "docs/big.md:4: this paragraph, table or list runs for more than 1,000 lines or "
            "50 KB without a blank line: split it into smaller ones",
        ),
        (
            SIZED + "긴 문단 " * 5_000,
            "docs/big.md:4: this paragraph, table or list runs for more than 1,000 lines",
        ),
        (
            SIZED + "".join("    " * i + "- 단계\n" for i in range(30)),
            "docs/big.md:25: lists, quotes or admonitions are nested more than 20 levels deep "
            "here: flatten them",
        ),
        (SIZED + "> " * 25 + "인용\n", "docs/big.md:4: lists, quotes or admonitions are nested"),
    ],
    ids=["headings", "bytes", "table", "paragraph", "nested-lists", "nested-quotes"],
)
def test_a_page_past_a_size_limit_is_named_at_the_line(body: str, expected: str) -> None:
    problems = read_source("big.md", "docs/big.md", body.encode("utf-8")).problems
    assert problems and str(problems[0]).startswith(expected), problems


def test_code_is_not_counted_against_the_page_structure() -> None:
    code = "```python\n" + "".join(f"# 주석 {i}\n" + "    " * 30 + "x = 1\n" for i in range(2_000))
    assert read_source("code.md", "docs/code.md", (SIZED + code + "```\n").encode()).problems == []
