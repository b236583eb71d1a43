"""The built 용어집 page, tooltips and search synonyms agree with includes/glossary.yml."""

from __future__ import annotations

from pathlib import Path

from study_wiki.glossary.pairs import Names, name_groups, text_pairs
from study_wiki.glossary.plugin import add_synonyms, anchor, glossary_markdown, specific
from study_wiki.glossary.terms import load_terms
from study_wiki.model import read_source
from study_wiki.timelines.render import templates
from tests.support.project import ROOT
from tests.support.search_index import Prebuilt
from tests.support.site_pages import front_matter, page_url, resolve, soup, source_pages

TERMS, PROBLEMS = load_terms(ROOT / "includes" / "glossary.yml", "includes/glossary.yml")


def test_the_data_file_is_clean() -> None:
    assert not PROBLEMS, [str(p) for p in PROBLEMS]
    assert len(TERMS) >= 20


def test_every_term_is_on_the_glossary_page_with_a_working_link(site: Path) -> None:
    page = soup(site, "glossary/")
    sections = {h.get("id"): h for h in page.select(".md-content h2[id]")}
    assert len(sections) == len(TERMS)
    for term in TERMS:
        heading = sections[anchor(term)]
        assert term.ko in heading.get_text() and term.en in heading.get_text()
        link = next(
            p for p in heading.find_all_next("p") if p.get_text().startswith("자세한 설명:")
        ).a
        target = resolve("glossary/", link["href"])
        assert target == page_url(term.page)
        assert (site / target / "index.html").is_file()
        if "#" in term.link:
            target_id = term.link.split("#", 1)[1]
            assert link["href"].endswith("#" + target_id)
            assert soup(site, target).find(id=target_id) is not None, term.link


def test_abbreviation_tooltips_come_from_the_data(site: Path) -> None:
    expected = {t.abbr: f"{t.en}, {t.ko}" for t in TERMS if t.abbr}
    shown = {a.get_text(): a["title"] for a in soup(site, "topics/lstm/").select("abbr")}
    assert {"LSTM", "RNN", "BPTT", "CEC", "GRU"} <= set(shown)
    for abbr, title in shown.items():
        assert title == expected[abbr]


def test_korean_sections_carry_their_english_names_for_search(site: Path) -> None:
    index = Prebuilt.read(site)
    assert "glossary" in index.config["fields"]
    glossary = index.field_terms("glossary")
    lstm = set().union(*(v for k, v in glossary.items() if k.startswith("topics/lstm/")))
    assert {"hadamard", "clipping", "vanishing", "exploding"} <= lstm
    retro = [v for k, v in glossary.items() if k.startswith("retrospectives/2021-09-17/")]
    assert "독해" in set().union(*retro)  # MRC -> 기계 독해


def test_pairs_written_in_the_text_are_found() -> None:
    markdown = "\n".join(
        [
            "---",
            "title: 예(example)",
            "---",
            "매 단계 새로 정해지는 망각",
            "게이트(forget gate) 값과 **셀 상태**(cell state)를 봅니다.",
            "",
            "원소곱(아다마르 곱, Hadamard product)과 `코드(code)`, $수식(math)$.",
            "기울기가 사라지는(vanish) 것은 짝이 아닙니다. 값(1.0)도 아닙니다.",
            "<!-- 주석(comment) -->",
            "```",
            "코드 블록(block)",
            "```",
        ]
    )
    # read from the page as the site model holds it (front matter, code and comments out)
    assert text_pairs(read_source("p.md", "docs/p.md", markdown.encode())) == [
        ("망각 게이트", "forget gate"),
        ("셀 상태", "cell state"),
        ("원소곱", "Hadamard product"),
    ]


def test_text_pairs_join_the_glossary_terms_they_share_a_name_with() -> None:
    term = next(t for t in TERMS if t.ko == "셀 상태")
    groups = name_groups([term], [("셀 상태", "cell-state line"), ("핍홀", "peephole")])
    assert "cell-state line" in groups[0].forms and term.en in groups[0].forms
    assert groups[1].forms == ("핍홀", "peephole")
    # a pair naming two groups merges them into one
    a, b = Names(("가", "x")), Names(("나", "y"))
    merged = name_groups([a, b], [("가", "y")])
    assert len(merged) == 1 and set(merged[0].forms) == {"가", "x", "나", "y"}


def test_misspellings_are_searched_but_never_shown_as_names() -> None:
    hadamard = next(t for t in TERMS if t.en == "Hadamard product")
    assert "아마다르 곱" in hadamard.forms and "아마다르 곱" not in hadamard.synonyms
    page = glossary_markdown(
        templates([str(ROOT / "overrides")]),
        TERMS,
        "glossary.md",
        "includes/glossary.yml",
        "용어집",
    )
    assert "아마다르" not in page and "아마다를" not in page


def test_the_glossary_says_only_what_the_notes_say() -> None:
    by_ko = {t.ko: t for t in TERMS}
    # the team wrote "RoFormer (RPE)" without expanding RPE: no expansion is invented
    assert all(t.abbr != "RPE" and "RPE" not in t.synonyms for t in TERMS)
    # the forget gate and its bias are two terms
    assert not {"forget bias", "망각 편향"} & set(by_ko["망각 게이트"].forms)
    assert "forget bias" in by_ko["망각 게이트 편향"].forms


def test_tags_use_the_glossary_name_of_a_term() -> None:
    """One tag per concept: a tag naming a glossary term is its Korean or English name or
    its abbreviation, never one of its other names (그래디언트 클리핑 for 기울기 클리핑)."""
    own = {name.casefold() for t in TERMS for name in (t.ko, t.en, t.abbr) if name}
    other = {form.casefold(): t.ko for t in TERMS for form in t.forms}
    for page in source_pages():
        for tag in front_matter(page).get("tags", []):
            folded = str(tag).casefold()
            assert folded in own or folded not in other, (
                f"{page}: tag {tag!r} is another name of {other[folded]!r}: use that"
            )


def test_a_korean_section_finds_the_english_of_a_pair_written_elsewhere(site: Path) -> None:
    index = Prebuilt.read(site)
    glossary = index.field_terms("glossary")
    docs = [d for d in index.docs if d["location"].startswith("topics/lstm")]
    korean_only = [d for d in docs if "핍홀" in d["text"] and "peephole" not in d["text"]]
    assert korean_only, "a section that says 핍홀 without the English"
    for doc in korean_only:
        assert "peephole" in glossary.get(doc["location"], set()), doc["location"]


def test_a_pair_whose_korean_is_a_common_word_is_left_out() -> None:
    docs = [{"title": "", "text": f"이 페이지의 {i}번째 절"} for i in range(10)]
    docs += [{"title": "", "text": "핍홀 연결"}]
    groups = name_groups([], [("페이지", "HTML"), ("핍홀", "peephole")])
    kept = specific(groups, docs)
    assert [g.forms for g in kept] == [("핍홀", "peephole")]
    index = {"docs": docs}
    add_synonyms(index, [], 1.0, [("페이지", "HTML"), ("핍홀", "peephole")])
    assert index["docs"][-1]["glossary"] == "핍홀 peephole"
    assert "glossary" not in index["docs"][0]


def test_a_common_korean_name_counts_however_its_words_are_spaced() -> None:
    named = ["망각게이트는", "그 망각 게이트", "망각\n게이트"]
    docs = [{"title": "", "text": text} for text in [*named, *"가나다라마바사아"]]
    groups = name_groups([], [("망각 게이트", "forget gate")])
    assert specific(groups, docs) == ()  # 3 of 11 sections name it: over a fifth
    assert specific(groups, docs[1:]) == groups


def test_a_common_name_is_counted_again_when_a_section_or_the_pairs_change() -> None:
    """mkdocs serve keeps what each section names between saves: a changed section and
    changed pairs are counted anew."""
    docs = [{"title": "", "text": f"{i}번째 절"} for i in range(10)]
    groups, kept = name_groups([], [("망각 게이트", "forget gate")]), {}
    assert specific(groups, docs, kept) == groups
    for doc in docs[:3]:
        doc["text"] += " 망각 게이트"
    assert specific(groups, docs, kept) == ()  # 3 of 10 sections name it: over a fifth
    more = name_groups([], [("망각 게이트", "forget gate"), ("절", "section")])
    got = specific(more, docs[3:], kept)
    assert [g.forms for g in got] == [("망각 게이트", "forget gate")]
    assert specific(more, docs[3:], kept) == got
    assert specific(more, docs, kept) == ()
