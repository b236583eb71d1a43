"""The link syntax pieces without a site build: parsing, code masking, the Markdown
extension on its own, the .bib checks and the `aliases` front matter field."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from study_wiki.links import index
from study_wiki.links.bibliography import BibError, Bibliography
from study_wiki.links.index import LinkIndex, sentence_around
from study_wiki.links.markdown import LinksExtension
from study_wiki.links.syntax import REF, cite_items, normalize
from study_wiki.masking import mask_code
from study_wiki.model import read_source
from study_wiki.notes.schema import check_page
from tests.support.project import ROOT


def test_mask_code_blanks_code_and_keeps_lines() -> None:
    text = "a [[x]]\n```md\n[[in fence]]\n```\n`[[span]]` [[y]]\n<!-- [[comment]] -->\n"
    masked = mask_code(text)
    assert masked.count("\n") == text.count("\n")
    assert "[[x]]" in masked and "[[y]]" in masked
    assert "fence" not in masked and "span" not in masked and "comment" not in masked


def test_citation_bodies() -> None:
    assert cite_items("@pascanu2013") == [("pascanu2013", "")]
    assert cite_items("@a, p. 4; @b") == [("a", "p. 4"), ("b", "")]
    assert cite_items("@a and text") is None


def test_references_and_page_links_only_where_they_start() -> None:
    """A reference right after a word, `@`, `/`, `.` or a backtick is text (an address,
    a path); an image is not a link to a page."""
    text = "@eq:a x@eq:b @@fig:c /@eq:d .@eq:e `@eq:f (@fig:g-1) 식 @eq:h\n@fig:i"
    found = [(m.group("kind"), m.group("label")) for m in re.finditer(REF, text)]
    assert found == [("eq", "a"), ("fig", "g-1"), ("eq", "h"), ("fig", "i")]
    text = "[가](a.md) ![나](b.md) !![다](c.md) 글[라](d.md) [마](e.md#x)"
    assert [m.group("href") for m in index.MD_LINK.finditer(text)] == ["a.md", "d.md", "e.md"]


def test_names_ignore_case_and_separators() -> None:
    assert normalize("Long_Short-term  Memory") == normalize("long short term memory")


def test_sentence_of_a_table_row_is_its_cell() -> None:
    source = "| 노트 | 질문 |\n| --- | --- |\n| 앞 [LSTM](lstm.md) 뒤 | 질문 |\n"
    start = source.index("[LSTM")
    assert sentence_around(source, start, source.index(")", start) + 1) == ("앞", "LSTM", "뒤")


def test_link_sentences_read_a_bounded_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """Backlink sentences of a paragraph of 5,000 links: each link reads a window around
    it, not the whole paragraph (which made the link index quadratic)."""
    read = []
    strip = index.strip_inline
    monkeypatch.setattr(index, "strip_inline", lambda text: read.append(len(text)) or strip(text))
    paragraph = "[[lstm]] 과 [처음](index.md) " * 5_000
    links = [m.span() for m in re.finditer(r"\[\[lstm\]\]", paragraph)]
    contexts = [index.sentence_around(paragraph, start, end) for start, end in links]
    assert sum(read) <= len(links) * 2 * (index.WINDOW + 10)
    assert contexts[2_500][0].endswith("처음") and contexts[2_500][2].startswith("과 처음")


def test_labels_in_code_are_not_counted() -> None:
    index = LinkIndex()
    page = "# T\n\n```\n$$ a $$ {#eq:code}\n```\n\n$$ b $$ {#eq:real}\n"
    index.add_page(read_source("t.md", "docs/t.md", page.encode()))
    assert index.pages["t.md"].labels["eq"] == {"real": 1}


def render(text: str) -> BeautifulSoup:
    html = markdown.markdown(
        text,
        extensions=["pymdownx.superfences", "pymdownx.arithmatex", LinksExtension()],
        extension_configs={"pymdownx.arithmatex": {"generic": True}},
    )
    return BeautifulSoup(html, "lxml")


def test_extension_numbers_equations_without_a_site() -> None:
    soup = render(
        "$$\na = b\n$$ {#eq:first}\n\n$$ c = d $$ {#eq:second}\n\n"
        "@eq:second 와 @eq:first, 없는 @eq:none.\n\n```\n@eq:first\n```\n"
    )
    equations = soup.select("div.equation")
    assert [e["id"] for e in equations] == ["eq-first", "eq-second"]
    assert "\\tag{1}" in equations[0].get_text() and "\\tag{2}" in equations[1].get_text()
    refs = [(a.get_text(), a["href"]) for a in soup.select("a.eqref")]
    assert refs == [("식 (2)", "#eq-second"), ("식 (1)", "#eq-first")]
    assert soup.select_one(".ref--missing").get_text() == "@eq:none"
    assert soup.select_one("pre code").get_text().strip() == "@eq:first"


def test_extension_without_site_leaves_wikilinks_unresolved() -> None:
    soup = render("[[lstm|LSTM 노트]] 와 `[[code]]`")
    assert soup.select_one("span.wikilink--missing").get_text() == "LSTM 노트"
    assert soup.select_one("code").get_text() == "[[code]]"


@pytest.mark.parametrize("first", [True, False])
def test_wikilink_in_code_stays_text_whatever_the_order(first: bool) -> None:
    """Code spans run before wikilinks even when pymdownx.inlinehilite, which registers
    them again, is listed after the links extension (it showed inline placeholders)."""
    extensions: list = ["pymdownx.inlinehilite"]
    extensions.insert(0 if first else 1, LinksExtension())
    soup = BeautifulSoup(markdown.markdown("`[[lstm]]` 와 [[lstm]]", extensions=extensions), "lxml")
    assert soup.select_one("code").get_text() == "[[lstm]]"
    assert soup.select_one("span.wikilink--missing").get_text() == "lstm"


def test_extension_reads_the_site_itself_without_a_plugin(tmp_path: Path) -> None:
    """Listed in mkdocs.yml and run by another engine (or plain Python-Markdown), the
    extension reads the docs folder and the .bib itself, and again when a page changes."""
    docs = tmp_path / "docs"
    (docs / "topics").mkdir(parents=True)
    (docs / "topics" / "lstm.md").write_text("# LSTM 노트\n\n## Gates\n\n$$ a $$ {#eq:cell}\n")
    (docs / "index.md").write_text("# 처음\n")
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{saito2019, title={Deep}, author={Saito, Koki}, year={2019}}\n")

    def convert(text: str) -> BeautifulSoup:
        links = LinksExtension(docs_dir=str(docs), bibliography=str(bib), page="index.md")
        return BeautifulSoup(markdown.markdown(text, extensions=["toc", links]), "lxml")

    soup = convert("[[lstm#gates]], [[topics/lstm#eq:cell]], [[새 글]] [@saito2019]")
    links = [(a.get_text(), a["href"]) for a in soup.select("a.wikilink, a.eqref")]
    assert links == [
        ("gates", "topics/lstm.md#gates"),
        ("LSTM 노트의 식 (1)", "topics/lstm.md#eq-cell"),
    ]
    assert soup.select_one(".wikilink--missing").get_text() == "새 글"
    assert soup.select_one("a.citation__ref").get_text() == "1"
    assert "Saito" in soup.select_one("section.bibliography li#ref-saito2019").get_text()
    (docs / "new.md").write_text("# 새 글\n")
    assert convert("[[새 글]]").select_one("a.wikilink")["href"] == "new.md"


def test_extension_without_a_plugin_takes_the_ids_toc_gives(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Another engine renders one page at a time: another page's heading ids are the ones
    toc gives its Markdown headings (a repeated one `_1`, `{#id}` kept), not a guess."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "lstm.md").write_text("# LSTM\n\n## Gates\n\n## Gates\n\n## 요약 {#gates}\n")
    text = "[[lstm#gates_1]] [[lstm#Gates]] [[lstm#요약]] [[lstm#없는 제목]]\n"
    (docs / "index.md").write_text(text)
    links = LinksExtension(docs_dir=str(docs), bibliography="none.bib", page="index.md")
    soup = BeautifulSoup(markdown.markdown(text, extensions=["toc", links]), "lxml")
    assert [a["href"] for a in soup.select("a.wikilink")] == [
        "lstm.md#gates_1",
        "lstm.md#gates_1",  # {#gates}, written after it, took its `gates`
        "lstm.md#gates",
    ]
    assert soup.select_one(".wikilink--missing").get_text() == "lstm#없는 제목"
    assert "index.md:1: wikilink [[lstm#없는 제목]]: " in caplog.text  # file:line
    assert "lstm.md has no heading '없는 제목' (headings: LSTM, Gates, 요약)" in caplog.text


def test_repository_bibliography_has_every_reference() -> None:
    bib = Bibliography.load(ROOT / "references.bib", "references.bib")
    wanted = {
        "hochreiter1997": "10.1162/neco.1997.9.8.1735",
        "gers2000": "10.1162/089976600300015015",
        "graves2005": "10.1016/j.neunet.2005.06.042",
        "bengio1994": "10.1109/72.279181",
        "greff2017": "10.1109/TNNLS.2016.2582924",
        "cho2014": "10.3115/v1/D14-1179",
        "gers2000peephole": "10.1109/IJCNN.2000.861302",
        "williams1990": "10.1162/neco.1990.2.4.490",
    }
    for key, doi in wanted.items():
        assert f'href="https://doi.org/{doi}"' in bib.entry_html(key), key
    for key in (
        "pascanu2013",
        "jozefowicz2015",
        "see2019cs224n",
        "saito2019",
        "kingma2015",
        "olah2015",
        "zhang2023d2l",
        "pytorch-lstm",
    ):
        assert 'href="https://' in bib.entry_html(key), key
    assert len(bib.keys()) == 19


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            "@misc{x,\n  title = {T},\n  url = {javascript:alert(1)}\n}\n",
            "refs.bib:1: entry 'x' has a bad url 'javascript:alert(1)': write a full https://",
        ),
        (
            "@misc{x,\n  title = {T}\n  url = {https://a.b}\n}\n",
            "refs.bib:2: entry 'x': a comma is missing at the end of this line",
        ),
        (
            "@misc{x,\n  title = {T {x},\n  url = {https://a.b}\n}\n\n@misc{y,\n}\n",
            "refs.bib:2: entry 'x': a `{` on this line is never closed: add `}`",
        ),
        (
            "@misc{x,\n  title = {T},\n  year = {2000}\n\n@misc{y,\n}\n",
            "refs.bib:3: entry 'x' (line 1) is not closed: add `}` after this line",
        ),
        (
            "@misc{x,\n  title = {T},\n}\n\n@book{x,\n  title = {U},\n}\n",
            "refs.bib:5: entry 'x' is defined twice (first on line 1): remove one",
        ),
        (
            "@misc{x,\n  title = {가},\n}\n".encode("euc-kr"),
            "refs.bib:2: is not UTF-8 text (byte 0xb0 at offset 20): save the file as UTF-8",
        ),
    ],
)
def test_bad_bibliography_says_where(tmp_path: Path, entry: str | bytes, message: str) -> None:
    path = tmp_path / "refs.bib"
    path.write_bytes(entry if isinstance(entry, bytes) else entry.encode("utf-8"))
    with pytest.raises(BibError) as error:
        Bibliography.load(path, "refs.bib")
    assert str(error.value).startswith(message), str(error.value)


def test_aliases_front_matter_is_a_list_of_names() -> None:
    good = (
        "---\ndescription: 별칭을 가진 페이지의 머리말을 시험합니다.\n"
        "aliases: [장단기 메모리, LSTM]\n---\n"
    )
    assert check_page("docs/x.md", "x.md", good, [], [])[1] == []
    bad = good.replace("[장단기 메모리, LSTM]", '[""]')
    problems = check_page("docs/x.md", "x.md", bad, [], [])[1]
    assert [p.message.split(":")[0] for p in problems] == ["front matter field 'aliases'"]
    assert problems[0].line == 3
