"""The accessibility audit finds what a page hides as it loads: violations planted in
a collapsed block, in a figure's source listing fetched when opened, and in a deferred
equation's KaTeX HTML (tests/support/accessibility.py runs axe again with them shown);
and, loading each page once, what only one colour scheme shows, in either order."""

from __future__ import annotations

import copy
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.support import accessibility
from tests.support.browser import serve

pytestmark = pytest.mark.browser

# One planted violation per hiding place, each of a rule of its own: image-alt,
# button-name and color-contrast.
IN_DETAILS = '<img class="planted" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
IN_LISTING = '<button class="planted"></button>'
IN_EQUATION = '<span class="planted" style="color: #999; background: #aaa">낮은 대비</span>'
PLANTED = {"image-alt", "button-name", "color-contrast"}
IS_PLANTED = "targets => targets.some(t => document.querySelector(t)?.matches('.planted'))"
# Text in the theme's colour on a fixed background: too faint in one scheme only.
FAINT_IN = {
    scheme: f'<span class="faint-in-{scheme}" style="background: {background}; '
    'color: var(--md-default-fg-color)">대비가 낮은 글</span>'
    for scheme, background in (("dark", "#fff"), ("light", "#1e2129"))
}
SCHEME_PAGE = "tags/"


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


def plant_by_scheme(site: Path, path: str) -> None:
    """The page's article cut to its heading and, shown and in a collapsed block,
    text too faint in dark only and text too faint in light only."""
    file = site / path / "index.html"
    soup = BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")
    article = soup.select_one("article.md-content__inner")
    heading = copy.copy(article.find("h1"))
    article.clear()
    article.append(heading)
    both = "".join(FAINT_IN.values())
    html = f"<p>{both}</p><details class='note'><summary>접힌 블록</summary><p>{both}</p></details>"
    article.append(BeautifulSoup(html, "html.parser"))
    file.write_text(str(soup), encoding="utf-8")


@pytest.fixture(scope="module")
def planted_site(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple]:
    site = tmp_path_factory.mktemp("planted") / "site"
    shutil.copytree(built_site, site)
    path = page_hiding_everything(site)
    plant(site, path)
    plant_by_scheme(site, SCHEME_PAGE)
    server, url = serve(site)
    yield url, path
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("width", accessibility.WIDTHS[:1])
def test_violations_hidden_at_load_are_found_once_shown(planted_site, browser, width):
    url, path = planted_site
    first = accessibility.SCHEMES[0]
    context = browser.new_context(
        viewport={"width": width, "height": 900}, color_scheme=first, bypass_csp=True
    )
    page = context.new_page()
    try:
        # As loaded, nothing planted is shown: the whole-page pass alone misses all three.
        page.goto(url + path, wait_until="load")
        assert page.locator("template.katex-deferred").count() == 1
        assert page.locator("details:not([open])").count() >= 2
        as_loaded = {v["id"] for v in accessibility.axe_violations(page)}
        assert not as_loaded & {"image-alt", "button-name"}, as_loaded

        # In the scheme it loads in and in the one switched to afterwards.
        by_scheme = accessibility.check_page(page, url + path, accessibility.SCHEMES)
        for scheme, violations in by_scheme.items():
            found = {v["id"]: v for v in violations}
            assert PLANTED <= set(found), (scheme, sorted(found))
            for rule in PLANTED:
                nodes = found[rule]["nodes"]
                assert page.evaluate(IS_PLANTED, nodes), f"{scheme}: {rule} not planted: {nodes}"
    finally:
        context.close()


@pytest.mark.parametrize("first", accessibility.SCHEMES)
def test_each_colour_scheme_is_checked_in_its_own_colours(planted_site, browser, first):
    """The page loads once, in `first`, and is switched to the other scheme in place:
    each scheme's contrast violations are found, shown and in a collapsed block, and
    none of the other scheme's."""
    url, _ = planted_site
    schemes = (first, *(s for s in accessibility.SCHEMES if s != first))
    context = browser.new_context(
        viewport={"width": accessibility.WIDTHS[0], "height": 900},
        color_scheme=first,
        bypass_csp=True,
    )
    page = context.new_page()
    try:
        by_scheme = accessibility.check_page(page, url + SCHEME_PAGE, schemes)
        assert list(by_scheme) == list(schemes)
        for scheme, violations in by_scheme.items():
            found = {v["id"]: v for v in violations}
            assert set(found) == {"color-contrast"}, (scheme, sorted(found))
            nodes = found["color-contrast"]["nodes"]
            classes = page.evaluate("ts => ts.map(t => document.querySelector(t).className)", nodes)
            assert classes == [f"faint-in-{scheme}"] * 2, (scheme, nodes)
    finally:
        context.close()


def test_a_large_table_with_an_unnamed_column_is_found(browser) -> None:
    """td-has-header, which axe calls experimental and runs only when asked: a table
    over 3 by 3 whose first column's header is empty (its cells have no header)."""
    rows = "".join(f"<tr><td>측정 {i}</td><td>{i}초</td><td>{i}초</td></tr>" for i in range(4))
    named, unnamed = (
        f"<main><h1>표</h1><table><thead><tr><th>{first}</th><th>전</th><th>후</th></tr>"
        f"</thead><tbody>{rows}</tbody></table></main>"
        for first in ("측정", "")
    )
    page = browser.new_page()
    try:
        found = {}
        for name, body in (("named", named), ("unnamed", unnamed)):
            page.set_content(f'<!doctype html><html lang="ko"><title>표</title>{body}</html>')
            found[name] = {violation["id"] for violation in accessibility.axe_violations(page)}
    finally:
        page.close()
    assert "td-has-header" in found["unnamed"]
    assert "td-has-header" not in found["named"]
