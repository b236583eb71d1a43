"""The glossary plugin: page, tooltips and synonyms from one file; bad entries named by line."""

from __future__ import annotations

import functools
import re
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from study_wiki.glossary.plugin import _pattern, add_synonyms, glossary_markdown, synonym_index
from study_wiki.glossary.terms import load_terms
from study_wiki.timelines.render import templates
from tests.support.mini_project import build, make_mini_project, write
from tests.support.project import ROOT
from tests.support.search_index import Prebuilt

TEMPLATES = templates([str(ROOT / "overrides")])
GOOD = textwrap.dedent("""\
    - ko: 아다마르 곱
      en: Hadamard product
      definition: 같은 위치의 원소끼리 곱하는 연산 <b>굵게</b> 아님.
      link: index.md
      synonyms: [원소곱]
    - ko: 순환 신경망
      en: Recurrent Neural Network
      abbr: RNN
      definition: 이전 시점의 상태를 다시 입력으로 받는 신경망.
      link: index.md
    """)

BAD = textwrap.dedent("""\
    - ko: 아다마르 곱
      en: Hadamard product
      definition: 원소곱.
      link: https://example.com/x
    - ko: 순환 신경망
      en: Recurrent Neural Network
      abbr: rnn!
      definition: 신경망.
      link: index.md
    - ko: 빈 정의
      en: empty
      definition: ""
      link: index.md
    - ko: 없는 곳
      en: nowhere
      definition: 없는 페이지를 가리킨다.
      link: topics/missing.md
    - ko: 아다마르 곱
      en: again
      definition: 같은 용어가 또 있다.
      link: index.md
    - ko: 모르는 칸
      en: unknown
      definition: 알 수 없는 필드가 있다.
      link: index.md
      colour: red
    """)


def test_load_terms_reports_each_bad_entry_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "glossary.yml"
    path.write_text(BAD, encoding="utf-8")
    terms, problems = load_terms(path, "includes/glossary.yml")
    text = "\n".join(str(p) for p in problems)
    assert "includes/glossary.yml:1: link 'https://example.com/x' must be a page" in text
    assert "includes/glossary.yml:5: abbr 'rnn!' must be" in text
    assert "includes/glossary.yml:12: 'definition' must be non-empty text" in text
    assert "includes/glossary.yml:18: '아다마르 곱' is already defined on line 1" not in text
    assert "includes/glossary.yml:26: unknown field 'colour'" in text
    # the first 아다마르 곱 was bad, so the second is the only one and is kept
    assert [t.ko for t in terms] == ["없는 곳", "아다마르 곱"]


def test_invalid_yaml_is_one_problem_with_a_line(tmp_path: Path) -> None:
    path = tmp_path / "glossary.yml"
    path.write_text("- ko: a\n  en: [unclosed\n", encoding="utf-8")
    terms, problems = load_terms(path, "g.yml")
    assert terms == [] and len(problems) == 1
    assert re.match(r"g\.yml:\d+: is not valid YAML", str(problems[0]))


def test_generated_page_escapes_contributor_text(tmp_path: Path) -> None:
    path = tmp_path / "glossary.yml"
    path.write_text(GOOD, encoding="utf-8")
    terms, problems = load_terms(path, "g.yml")
    assert not problems
    page = glossary_markdown(TEMPLATES, terms, "glossary.md", "g.yml", "용어집")
    assert "<b>" not in page and "&lt;b&gt;" in page
    assert "자세한 설명: [index.md](index.md)" in page


def test_synonyms_cross_languages_in_the_search_index(tmp_path: Path) -> None:
    path = tmp_path / "glossary.yml"
    path.write_text(GOOD, encoding="utf-8")
    terms, _ = load_terms(path, "g.yml")
    index = {
        "config": {"fields": {}},
        "docs": [
            {"location": "a/", "title": "원소곱", "text": "<p>아다마르곱은 ⊙</p>"},
            {"location": "b/", "title": "RNN", "text": "state"},
            {"location": "c/", "title": "other", "text": "rnnx hadamardish"},
        ],
    }
    assert add_synonyms(index, terms, 1.0) == 2
    docs = {d["location"]: d for d in index["docs"]}
    assert "hadamard" in docs["a/"]["glossary"].split()
    assert "순환" in docs["b/"]["glossary"].split()
    assert "glossary" not in docs["c/"]  # names match as whole words only
    assert index["config"]["fields"]["glossary"] == {"boost": 1.0}


def files_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return make_mini_project(tmp_path / "project")


@pytest.mark.builds
def test_the_mini_site_gets_a_glossary_page_tooltips_and_synonyms(project: Path) -> None:
    write(project / "includes" / "glossary.yml", GOOD)
    write(
        project / "docs" / "rnn.md",
        "---\ndescription: 약어 풀이가 붙는지 시험하는 짧은 페이지입니다.\n---\n"
        "# RNN\n\nRNN 이야기.\n",
    )
    before = files_under(project / "docs")
    result = build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    after = files_under(project / "docs")
    assert before == after, "the build wrote into docs/"
    site = project / "site"
    glossary = BeautifulSoup((site / "glossary" / "index.html").read_text(), "lxml")
    titles = [h.get_text(" ", strip=True) for h in glossary.select(".md-content h2")]
    assert any("아다마르 곱" in t and "Hadamard product" in t for t in titles)
    rnn = BeautifulSoup((site / "rnn" / "index.html").read_text(), "lxml")
    titles = {a.get_text(): a["title"] for a in rnn.select(".md-content abbr")}
    assert titles == {"RNN": "Recurrent Neural Network, 순환 신경망"}
    glossary = Prebuilt.read(site).field_terms("glossary")
    assert any("hadamard" in names for names in glossary.values())


@pytest.mark.builds
def test_a_bad_entry_fails_the_strict_build_with_file_and_line(project: Path) -> None:
    write(project / "includes" / "glossary.yml", BAD)
    result = build(project)
    assert result.returncode != 0
    assert "includes/glossary.yml:5: abbr 'rnn!' must be" in result.stderr
    assert re.search(
        r"includes/glossary\.yml:14: term '없는 곳' links to 'topics/missing\.md', which is "
        r"not a page under docs/",
        result.stderr,
    ), result.stderr[-3000:]
    assert "Traceback" not in result.stderr


# Names from the glossary, their case variants, and letters whose case folds oddly
# (Kelvin sign, long s).
WORDS = ["LSTM", "lstm", "Long", "short-term", "term", "memory", "기울기", "소실"]
WORDS += ["\u212a", "ſ", "-", " "]


@functools.cache
def glossary_terms() -> list:
    """The site glossary's terms, read once for all examples."""
    return load_terms(ROOT / "includes/glossary.yml", "includes/glossary.yml")[0]


@settings(max_examples=400, deadline=None)
@given(parts=st.lists(st.sampled_from(WORDS) | st.text(max_size=3), max_size=12))
def test_the_first_word_filter_never_hides_a_match(parts: list[str]) -> None:
    """The cheap substring test before each pattern only skips texts it cannot match."""
    text = "".join(parts)
    terms = glossary_terms()
    expected = [
        at
        for at, term in enumerate(terms)
        if any(_pattern(form).search(text) for form in term.forms)
    ]
    assert synonym_index(tuple(terms)).named_in(text) == expected, text
