"""The accessibility audit finds what a page hides as it loads: violations planted in
a collapsed block, in a figure's source listing fetched when opened, and in a deferred
equation's KaTeX HTML (study_wiki/accessibility_audit.py runs axe again with them shown)."""

from __future__ import annotations

import copy
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from study_wiki import accessibility_audit as accessibility
from study_wiki.local_browser import serve

pytestmark = pytest.mark.browser

# One planted violation per hiding place, each of a rule of its own: image-alt,
# button-name and color-contrast.
IN_DETAILS = '<img class="planted" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
IN_LISTING = '<button class="planted"></button>'
IN_EQUATION = '<span class="planted" style="color: #999; background: #aaa">낮은 대비</span>'
PLANTED = {"image-alt", "button-name", "color-contrast"}
IS_PLANTED = "targets => targets.some(t => document.querySelector(t)?.matches('.planted'))"


def page_hiding_everything(site: Path) -> str:
    """A built page with a lazy source listing and deferred equations."""
    for path in accessibility.site_pages(site):
        text = (site / path / "index.html").read_text(encoding="utf-8") if path[-1:] == "/" else ""
        if "lazy-listing" in text and '<template class="katex-deferred">' in text:
            return path
    raise AssertionError("no page has both a lazy listing and a deferred equation")


def plant(site: Path, path: str) -> None:
    """The page's article cut to a paragraph, a collapsed block, one of its lazy
    listings and, well below the screen, one of its deferred equations: each with a
    violation inside, the listing's in the file fetched when it opens."""
    file = site / path / "index.html"
    soup = BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")
    article = soup.select_one("article.md-content__inner")
    heading = copy.copy(article.find("h1"))
    listing = copy.copy(article.select_one("details.lazy-listing"))
    equation = copy.copy(article.select_one("template.katex-deferred").parent)
    article.clear()
    article.append(heading)
    for html in (
        "<p>심어 둔 위반을 찾는 시험 페이지입니다.</p>",
        f"<details class='note'><summary>접힌 블록</summary><p>{IN_DETAILS}</p></details>",
    ):
        article.append(BeautifulSoup(html, "html.parser"))
    article.append(listing)
    # Far below the first screen: the equation stays in its template as the page loads.
    article.append(BeautifulSoup("<div style='height: 6000px'></div>", "html.parser"))
    paragraph = soup.new_tag("p")
    paragraph.append(equation)
    article.append(paragraph)
    template = equation.find("template")
    template.append(BeautifulSoup(IN_EQUATION, "html.parser"))
    file.write_text(str(soup), encoding="utf-8")

    href = listing.select_one(".lazy-listing__link a")["href"]
    fragment = (file.parent / href).resolve()
    text = fragment.read_text(encoding="utf-8")
    planted, count = re.subn(r'(<body>\s*<div class="[^"]*highlight">)', r"\1" + IN_LISTING, text)
    assert count == 1, f"{fragment} has no listing"
    fragment.write_text(planted, encoding="utf-8")


@pytest.fixture(scope="module")
def planted_site(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple]:
    site = tmp_path_factory.mktemp("planted") / "site"
    shutil.copytree(built_site, site)
    path = page_hiding_everything(site)
    plant(site, path)
    server, url = serve(site, "/study-wiki/")
    yield url, path
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("view", accessibility.VIEWS[:1], ids=lambda v: v.label.replace(" ", "-"))
def test_violations_hidden_at_load_are_found_once_shown(planted_site, browser, view):
    url, path = planted_site
    context = browser.new_context(
        viewport={"width": view.width, "height": 900}, color_scheme=view.scheme, bypass_csp=True
    )
    page = context.new_page()
    try:
        # As loaded, nothing planted is shown: the whole-page pass alone misses all three.
        page.goto(url + path, wait_until="load")
        assert page.locator("template.katex-deferred").count() == 1
        assert page.locator("details:not([open])").count() >= 2
        as_loaded = {v["id"] for v in accessibility.axe_violations(page)}
        assert not as_loaded & {"image-alt", "button-name"}, as_loaded

        found = {v["id"]: v for v in accessibility.check_page(page, url + path, view)}
        assert PLANTED <= set(found), sorted(found)
        for rule in PLANTED:
            nodes = found[rule]["nodes"]
            assert page.evaluate(IS_PLANTED, nodes), f"{rule} not on what was planted: {nodes}"
    finally:
        context.close()
