"""The print view: the LSTM page printed to PDF by Chromium, read back with pypdf."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

pytestmark = pytest.mark.browser

PAGE = "topics/lstm/"
HANGUL = re.compile(r"[\uac00-\ud7a3]")
# TeX commands of the page's equations and the glyphs KaTeX draws for them.
MATH_GLYPHS = {
    r"\partial": "∂",
    r"\odot": "⊙",
    r"\tanh": "tanh",
    r"\sigma": "σ",
    r"\prod": "∏",
    r"\operatorname{diag}": "diag",
}


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def printed(built_site: Path, base_url: str, browser, artifacts: Path):
    """(page HTML, PDF text, PDF bytes, page count) of the LSTM page printed on A4."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + PAGE, wait_until="load")
    pdf = page.pdf(format="A4")
    context.close()
    (artifacts / "lstm-print.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(p.extract_text() for p in reader.pages)
    soup = BeautifulSoup((built_site / PAGE / "index.html").read_text(encoding="utf-8"), "lxml")
    print(f"\n{PAGE} printed: {len(reader.pages)} A4 pages, {len(pdf)} bytes")
    return soup, text, pdf, len(reader.pages)


def test_pdf_has_the_korean_headings(printed) -> None:
    soup, text, pdf, pages = printed
    assert pdf.startswith(b"%PDF") and 2 <= pages <= 60
    headings = []
    for heading in soup.select(".md-content h1, .md-content h2, .md-content h3"):
        # Words only: equations in headings are checked with the other equations.
        for extra in heading.select(".headerlink, .katex"):
            extra.decompose()
        headings.extend(heading.stripped_strings)
    assert sum(bool(HANGUL.search(h)) for h in headings) >= 5, headings
    missing = [h for h in headings if flat(h) not in flat(text)]
    assert not missing, f"headings not in the PDF's text: {missing}"


def test_pdf_has_the_equations(printed) -> None:
    soup, text, _, _ = printed
    tex = " ".join(m["alttext"] for m in soup.select("math[alttext]"))
    assert soup.select(".katex-display"), "the page has no display equations"
    used = {command: glyph for command, glyph in MATH_GLYPHS.items() if command in tex}
    assert len(used) >= 4, f"the LSTM page's equations changed: {sorted(used)}"
    for command, glyph in used.items():
        assert text.count(glyph) >= tex.count(command), (
            f"{command}: {tex.count(command)} in the equations, {text.count(glyph)} in the PDF"
        )


def collapsed_listings(soup: BeautifulSoup, site: Path) -> list:
    """Code of the page's collapsed blocks, those fetched when opened included
    (study_wiki/figures/listing.py: the page links the listing's own file)."""
    listings = soup.select("details:not([open]) pre code")
    for link in soup.select("details:not([open]) > .lazy-listing__link a[href]"):
        fragment = (site / PAGE / link["href"]).resolve()
        listings.extend(BeautifulSoup(fragment.read_bytes(), "lxml").select("pre code"))
    return listings


def test_pdf_has_the_collapsed_code_listings_opened(printed, built_site: Path) -> None:
    soup, text, _, _ = printed
    listings = collapsed_listings(soup, built_site)
    assert listings, "the page has no collapsed code listings"
    for code in listings:
        lines = [line for line in code.get_text().splitlines() if re.search(r"\w{3}", line)]
        for line in lines[:3]:
            assert flat(line) in flat(text), f"code listing line not printed: {line!r}"


def test_pdf_shows_addresses_of_links_to_other_sites(printed) -> None:
    soup, text, _, _ = printed
    external = [
        a["href"]
        for a in soup.select(".md-content a[href^='http']:not(.md-content__button)")
        if a.get_text(strip=True) != a["href"]
    ]
    assert external, "the page links no other site"
    for href in external:
        assert flat(href) in flat(text), f"link address not printed: {href}"
    assert "127.0.0.1" not in text, "links inside the wiki printed their address"


def test_pdf_has_no_navigation(printed) -> None:
    soup, text, _, _ = printed
    content = flat(soup.select_one(".md-content").get_text())
    chrome = set()
    for part in soup.select(".md-header, .md-tabs, .md-sidebar, .md-footer"):
        chrome.update(s for s in part.stripped_strings if len(flat(s)) >= 2)
    only_chrome = sorted(s for s in chrome if flat(s) not in content)
    assert len(only_chrome) >= 5, only_chrome
    printed_chrome = [s for s in only_chrome if flat(s) in flat(text)]
    assert not printed_chrome, f"navigation printed: {printed_chrome}"
