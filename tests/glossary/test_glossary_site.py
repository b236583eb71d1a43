"""The built 용어집 page, tooltips and search synonyms agree with includes/glossary.yml."""

from __future__ import annotations

from pathlib import Path

from study_wiki.glossary.plugin import anchor
from study_wiki.glossary.terms import load_terms
from study_wiki.search.prebuilt import Prebuilt
from tests.support.project import ROOT
from tests.support.site_pages import page_url, resolve, soup

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
