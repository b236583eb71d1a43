"""The links stage on a fixture site: wikilinks, numbers, citations, backlinks, orphans,
and the strict build stopping with file:line on each kind of bad link."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.support.links_project import make_links_project
from tests.support.mini_project import build, serving, wait_for_page

pytestmark = [pytest.mark.slow, pytest.mark.builds]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_links_project(tmp_path_factory.mktemp("links") / "project")
    result = build(project)
    assert result.returncode == 0, result.stderr[-4000:]
    return project / "site"


@pytest.fixture(scope="module")
def broken_log(tmp_path_factory: pytest.TempPathFactory) -> str:
    project = make_links_project(tmp_path_factory.mktemp("broken") / "project", broken=True)
    result = build(project)
    assert result.returncode != 0, "a strict build with bad links must fail"
    assert "Traceback" not in result.stderr
    return result.stderr


def page(site: Path, uri: str) -> BeautifulSoup:
    return BeautifulSoup((site / uri / "index.html").read_text(encoding="utf-8"), "lxml")


def article(site: Path, uri: str):
    return page(site, uri).select_one("article.md-content__inner")


def test_every_wikilink_form_resolves(site: Path) -> None:
    links = article(site, "topics/rnn-demo").select("a.wikilink, a.eqref")
    found = [(a.get_text(), a["href"]) for a in links]
    assert found == [
        ("LSTM 데모 노트", "../lstm-demo/"),  # file name
        ("LSTM 데모 노트", "../lstm-demo/"),  # title
        ("장단기 메모리", "../lstm-demo/"),  # Korean alias, shown as written
        ("long short-term memory", "../lstm-demo/"),  # English alias, other case
        ("셀 상태 경로", "../lstm-demo/#셀-상태-경로"),  # heading
        ("표시할 글", "../lstm-demo/"),  # own text
        ("LSTM 데모 노트의 식 (2)", "../lstm-demo/#eq-grad"),  # another page's equation
        ("링크 모음", "#링크-모음"),  # heading on the same page
        ("LSTM", "../lstm-demo/"),
    ]
    target = article(site, "topics/lstm-demo")
    assert target.find(id="셀-상태-경로") is not None
    assert target.find(id="eq-grad") is not None


def test_todo_link_is_no_link_and_code_is_untouched(site: Path) -> None:
    body = article(site, "topics/rnn-demo")
    todo = body.select_one("span.wikilink--todo")
    assert todo is not None and todo.get_text() == "미래 페이지"
    code = [c.get_text() for c in article(site, "topics/lstm-demo").select("code")]
    assert "[[코드 안]]" in code and "@eq:none" in code


def test_equations_are_numbered_and_referenced(site: Path) -> None:
    body = article(site, "topics/lstm-demo")
    equations = body.select("div.equation")
    assert [e["id"] for e in equations] == ["eq-lstm-cell", "eq-grad"]
    # KaTeX typesets the number at the right of the equation
    assert [e.select_one(".katex-tag").get_text() for e in equations] == ["(1)", "(2)"]
    assert len(body.select(".katex-display")) == 3  # the unlabelled one has no number
    assert len(body.select(".katex-display .katex-tag")) == 2
    refs = [(a.get_text(), a["href"]) for a in body.select("a.eqref")]
    assert refs == [("식 (2)", "#eq-grad"), ("식 (1)", "#eq-lstm-cell")]


def test_figures_are_numbered_and_referenced(site: Path) -> None:
    body = article(site, "topics/lstm-demo")
    figures = body.select("figure.snippet-figure")
    assert [f.get("id") for f in figures] == ["fig-wave", "fig-normal"]
    captions = [f.select_one("figcaption").get_text(" ", strip=True) for f in figures]
    assert captions == ["그림 1. 공유 모듈을 쓰는 그림", "그림 2."]
    assert figures[0].select_one("img")["src"].endswith("figures/demo/wave.svg")
    refs = [(a.get_text(), a["href"]) for a in body.select("a.figref")]
    assert refs == [("그림 1", "#fig-wave")]


def test_citations_and_bibliography(site: Path) -> None:
    body = article(site, "topics/lstm-demo")
    cites = [c.get_text() for c in body.select("span.citation")]
    assert cites == ["[1]", "[2, p. 3; 3]", "[1]"]
    entries = body.select("section.bibliography ol > li")
    assert [li["id"] for li in entries] == ["ref-pascanu2013", "ref-hochreiter1997", "ref-gers2000"]
    assert "On the difficulty of training recurrent neural networks" in entries[0].get_text()
    assert entries[0].select_one("a")["href"] == "https://proceedings.mlr.press/v28/pascanu13.html"
    assert entries[1].select_one("a")["href"] == "https://doi.org/10.1162/neco.1997.9.8.1735"
    hrefs = {a["href"] for a in body.select("span.citation a")}
    assert hrefs == {"#ref-pascanu2013", "#ref-hochreiter1997", "#ref-gers2000"}
    toc = page(site, "topics/lstm-demo").select("nav.md-nav--secondary a")
    assert "참고 문헌" in [a.get_text(strip=True) for a in toc]


def test_backlinks_list_sources_with_their_sentence(site: Path) -> None:
    backlinks = article(site, "topics/lstm-demo").select_one("aside.backlinks")
    assert backlinks is not None
    items = backlinks.select("li")
    sources = [li.select_one("a").get_text() for li in items]
    assert sources.count("RNN 데모") == 5  # one per source line that links here
    assert "외톨이 노트" in sources  # a plain Markdown link counts too
    first = items[sources.index("RNN 데모")]
    assert first.select_one("a")["href"] == "../rnn-demo/"
    context = first.select_one(".backlinks__context")
    assert context.get_text(" ", strip=True) == "파일 이름으로 LSTM 데모 노트 를 가리킵니다."
    assert context.select_one("mark").get_text() == "LSTM 데모 노트"
    # math in a quoted sentence is typeset like the page's own
    math_item = [li for li in items if "들어간 문장" in li.get_text()][0]
    assert math_item.select_one(".katex") is not None
    # the sentence is not indexed for search as the target page's own text
    search = (site / "search" / "prebuilt.json").read_text(encoding="utf-8")
    assert "파일 이름으로" in search
    assert search.count("파일 이름으로") == 1


def test_links_page_lists_orphans_and_todo_targets(site: Path) -> None:
    body = article(site, "links")
    orphans = body.find(id="orphans").find_next("ul")
    assert [a.get_text() for a in orphans.select("a")] == ["외톨이 노트", "RNN 데모"]
    todo = body.find(id="todo").find_next("ul")
    assert todo.get_text(" ", strip=True) == "미래 페이지 : RNN 데모 17번째 줄"
    assert todo.select_one("a")["href"] == "../topics/rnn-demo/"


@pytest.mark.parametrize(
    "message",
    [
        "docs/topics/broken.md:7: wikilink [[없는 페이지]]: no page has this file name, "
        "title or alias",
        "docs/topics/broken.md:9: wikilink [[데모]]: matches 3 pages: docs/index.md (데모), "
        "docs/topics/demo-three.md (데모 셋), docs/topics/demo-two.md (데모 둘)",
        "docs/topics/broken.md:11: wikilink [[lstm-demo#없는 제목]]: docs/topics/lstm-demo.md "
        "has no heading '없는 제목' (headings: LSTM 데모 노트, 셀 상태 경로, 참고 문헌): "
        "write a heading's text or id after the #",
        "docs/topics/broken.md:13: @eq:nowhere: no equation on this page is labelled {#eq:nowhere}",
        "docs/topics/broken.md:15: citation [@nobody2020]: key 'nobody2020' is not in "
        "references.bib",
        "docs/topics/broken.md:17: @fig:nowhere: no figure on this page is labelled {#fig:nowhere}",
        "docs/topics/broken.md:21: label {#eq:twice} is used twice on this page",
    ],
)
def test_bad_links_fail_strict_with_file_and_line(broken_log: str, message: str) -> None:
    lines = [line for line in broken_log.splitlines() if line.startswith("ERROR")]
    assert any(message in line for line in lines), "\n".join(lines)


def test_switched_off_leaves_the_syntax_alone(tmp_path: Path) -> None:
    project = make_links_project(tmp_path / "project")
    result = build(project, WIKI_LINKS="false")
    assert result.returncode == 0, result.stderr[-3000:]
    html = (project / "site" / "topics" / "rnn-demo" / "index.html").read_text(encoding="utf-8")
    assert "[[lstm-demo]]" in html
    assert not (project / "site" / "links").exists()
    assert not re.search(r'class="[^"]*wikilink', html)


def test_serve_redraws_a_page_whose_backlinks_change(tmp_path: Path) -> None:
    """`make serve` re-renders only edited pages; the page newly linked to must follow."""
    project = make_links_project(tmp_path / "project")
    with serving(project) as (home, server):
        orphan = f"{home}topics/orphan-demo/"
        wait_for_page(orphan, lambda html: "외톨이 노트" in html and "backlinks" not in html)
        rnn = project / "docs" / "topics" / "rnn-demo.md"
        with rnn.open("a", encoding="utf-8") as handle:
            handle.write("\n새 문장에서 [[외톨이 노트]] 를 가리킵니다.\n")
        html = wait_for_page(orphan, lambda html: 'class="backlinks"' in html, timeout=60)
        assert "새 문장에서" in html
        assert server.poll() is None
