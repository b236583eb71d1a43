"""The team's note as the built site shows it: equations, figures, references, links, tags."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.support.project import ROOT
from tests.support.site_pages import front_matter, resolve, soup, source_pages

LSTM = "topics/lstm/"
LSTM_FIGURES = {
    "activations",
    "cell_diagram",
    "clipping",
    "forget_products",
    "grad_by_lag",
    "long_lag",
    "path_split",
    "recurrent_scale",
}
PRACTICE = "topics/lstm-practice/"
PRACTICE_FIGURES = {"lag_sum", "trained", "unrolled"}
# TeX the LSTM page must typeset (as KaTeX keeps it in the MathML alttext).
LSTM_EQUATIONS = [
    r"f_t &= \sigma\left(W_{xf} x_t + W_{hf} h_{t-1} + b_f\right)",
    r"i_t &= \sigma\left(W_{xi} x_t + W_{hi} h_{t-1} + b_i\right)",
    r"o_t &= \sigma\left(W_{xo} x_t + W_{ho} h_{t-1} + b_o\right)",
    r"\tilde{c}_t &= \tanh\left(W_{xc} x_t + W_{hc} h_{t-1} + b_c\right)",
    r"c_t &= f_t \odot c_{t-1} + i_t \odot \tilde{c}_t",
    r"h_t &= o_t \odot \tanh(c_t)",
    r"\le \left(\gamma\, \sigma_{\max}\right)^{k}",
    r"= \operatorname{diag}(f_t)",
    r"\frac{\partial h_t}{\partial h_{t-1}}",
]


def tex_sources(url: str, site: Path) -> list[str]:
    page = soup(site, url)
    return [m["alttext"] for m in page.select("math[alttext]")]


def test_the_lstm_page_typesets_every_equation_of_the_note(site: Path) -> None:
    sources = "\n".join(tex_sources(LSTM, site))
    missing = [tex for tex in LSTM_EQUATIONS if tex not in sources]
    assert not missing, f"equations not typeset on the LSTM page: {missing}"
    page = soup(site, LSTM)
    assert len(page.select(".md-content .katex-display")) >= 12
    assert len(page.select(".md-content .katex")) >= 100
    assert not page.select(".math-error")


def test_no_equation_is_an_image(site: Path) -> None:
    page = soup(site, LSTM)
    sources = {img["src"] for img in page.select(".md-content img")}
    assert all("figures/" in src for src in sources), sources


@pytest.mark.parametrize("url, figures", [(LSTM, LSTM_FIGURES), (PRACTICE, PRACTICE_FIGURES)])
def test_the_lstm_pages_show_their_figures_each_with_the_code_that_made_it(
    site: Path, url: str, figures: set[str]
) -> None:
    page = soup(site, url)
    shown = {}
    for figure in page.select("figure.snippet-figure"):
        img = figure.select_one("img")
        name = Path(img["src"]).stem
        assert img["alt"].strip(), f"{name} has no alt text"
        assert (site / resolve(url, img["src"])).read_bytes().startswith(b"<?xml")
        source = figure.find_next_sibling("details")
        assert source is not None and f"snippets/lstm/{name}.py" in source.summary.get_text()
        listing = source.select_one("pre")
        if listing is None:  # fetched when opened (study_wiki/figures/listing.py)
            href = source.select_one(".lazy-listing__link a")["href"]
            listing = BeautifulSoup((site / resolve(url, href)).read_bytes(), "lxml")
        assert "def figure()" in listing.get_text()
        shown[name] = img["alt"]
    assert set(shown) == figures


def test_every_reference_of_the_note_is_cited_from_the_bib_file_with_a_link(site: Path) -> None:
    cited = {
        li["id"].removeprefix("ref-")
        for url in (LSTM, PRACTICE)
        for li in soup(site, url).select("section.bibliography li[id^='ref-']")
    }
    bib = (ROOT / "references.bib").read_text(encoding="utf-8")
    assert cited == set(re.findall(r"^@\w+\{([^,]+),", bib, re.M)), "every entry is cited"
    page = soup(site, LSTM)
    items = page.select("section.bibliography li[id^='ref-']")
    for li in items:
        assert li.select_one("a[href^='https://']"), f"{li['id']} has no link"
    citations = page.select(".md-content a[href^='#ref-']")
    assert len(citations) >= 30
    for link in citations:
        assert page.find(id=link["href"][1:]) is not None, link["href"]
    assert not page.select(".footnote"), "references are citations now, not footnotes"


def test_the_note_numbers_its_key_equations_and_refers_to_them(site: Path) -> None:
    page = soup(site, LSTM)
    labels = [div["id"] for div in page.select("div.equation[id^='eq-']")]
    assert labels == ["eq-lstm-cell", "eq-rnn-jacobian", "eq-rnn-bound", "eq-cell-direct"]
    references = page.select(".md-content a[href^='#eq-']")
    assert {link["href"][1:] for link in references} >= {"eq-lstm-cell", "eq-rnn-jacobian"}
    for link in references:
        assert re.fullmatch(r"식 \(\d\)", link.get_text(strip=True)), link.get_text()


def test_the_daily_entry_links_to_its_peer_session_and_retrospective(site: Path) -> None:
    url = "daily/2021/09/17/level2-last-day/"
    links = {resolve(url, a["href"]) for a in soup(site, url).select(".md-content a[href]")}
    assert {"peer-sessions/2021-09-17/", "retrospectives/2021-09-17/", LSTM} <= links


def test_the_tags_page_lists_every_tag_used(site: Path) -> None:
    used = {tag for page in source_pages() for tag in front_matter(page).get("tags", [])}
    listed = {h.get_text(" ", strip=True) for h in soup(site, "tags/").select(".md-content h2")}
    assert used and used <= {text.replace("¶", "").strip() for text in listed}


@pytest.mark.parametrize("pattern", ["*.svg", "*.png", "*.ipynb"])
def test_no_generated_file_is_committed(pattern: str) -> None:
    tracked = subprocess.run(
        ["git", "ls-files", pattern], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert all(path.startswith("docs/assets/") for path in tracked), tracked


def test_the_lstm_note_is_under_six_thousand_elements_before_scrolling(site: Path) -> None:
    text = (site / "topics" / "lstm" / "index.html").read_text(encoding="utf-8")
    document = BeautifulSoup(text, "lxml")
    templates = document.select("template.katex-deferred")
    assert len(templates) > 150
    for template in templates:
        template.decompose()
    assert len(document.find_all(True)) <= 6000
    # Every equation keeps its MathML in the document, deferred or not.
    assert len(document.select(".katex math[alttext]")) == len(document.select(".katex")) > 200


@pytest.mark.parametrize("page", ["lstm-practice", "lstm-exercises"])
def test_the_companion_pages_are_under_six_thousand_elements(site: Path, page: str) -> None:
    text = (site / "topics" / page / "index.html").read_text(encoding="utf-8")
    document = BeautifulSoup(text, "lxml")
    for template in document.select("template.katex-deferred"):
        template.decompose()
    assert len(document.find_all(True)) <= 6000


def test_the_notebook_page_offers_the_executed_notebook_for_download(site: Path) -> None:
    url = "notebooks/lstm-gradient-lab/"
    link = soup(site, url).select_one(".md-content a[download][href$='.ipynb']")
    assert link is not None, "no .ipynb download link"
    notebook = json.loads((site / resolve(url, link["href"])).read_text(encoding="utf-8"))
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    outputs = [o for cell in code for o in cell["outputs"]]
    assert outputs and not [o for o in outputs if o.get("output_type") == "error"]
    assert sum(o.get("output_type") == "display_data" for o in outputs) == 2
    sources = "\n".join("".join(cell["source"]) for cell in code)
    assert "import snippets" not in sources and "from snippets" not in sources
    assert "study_wiki" not in sources, "the kernel's build-time setup is not part of the download"


# Interface text the site's dependencies write in English unless told otherwise:
# Python-Markdown's heading links and mkdocs-jupyter's copy buttons.
ENGLISH_INTERFACE = ("Permanent link", "Copy to Clipboard", "Copied!")


def test_every_page_speaks_korean_in_the_interface_its_dependencies_add(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 30
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not [s for s in ENGLISH_INTERFACE if s in text], page
    notebook = soup(site, "notebooks/lstm-gradient-lab/")
    buttons = notebook.select("clipboard-copy")
    assert buttons and all(b["aria-label"] == "코드 복사" and "," not in b.attrs for b in buttons)
    assert {n.get_text() for n in notebook.select("clipboard-copy .notice")} == {"복사했습니다"}
    headings = soup(site, "topics/lstm/").select("a.headerlink")
    assert headings and {a["title"] for a in headings} == {"이 제목을 가리키는 링크"}
