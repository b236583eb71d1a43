"""Equations far down the LSTM note: MathML until their block nears the screen, then KaTeX."""

from __future__ import annotations

import re

import pytest

from tests.support.browser import land, settle, slow_down
from tests.support.project import ROOT

pytestmark = pytest.mark.browser

PAGE = "topics/lstm/"
MKDOCS_YML = ROOT / "mkdocs.yml"
WAITING = "template.katex-deferred"
COUNT = "document.querySelectorAll(%r).length"


NONE_WAITING_ON_SCREEN = """(waiting) => [...document.querySelectorAll(waiting)]
  .map(t => t.parentNode.getBoundingClientRect())
  .every(r => r.bottom <= 0 || r.top >= innerHeight)"""
TYPESET_NEAR_THE_TOP = """(id) => {
  const equation = document.getElementById(id);
  const top = equation.getBoundingClientRect().top;
  return equation.querySelector('.katex-html') !== null && 0 <= top && top < 200;
}"""


def count(page, selector: str) -> int:
    return page.evaluate(COUNT % selector)


def test_equations_are_put_in_place_as_the_reader_scrolls(base_url, watched) -> None:
    page = watched.page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base_url + PAGE, wait_until="load")
    page.wait_for_timeout(300)
    waiting = count(page, WAITING)
    assert waiting > 150
    assert count(page, "*") <= 6000
    # The article's first blocks, laid out at once, never wait.
    first_blocks = page.evaluate(
        """() => [...document.querySelectorAll('.md-content__inner > *')].slice(0, 12)
             .map(b => [b.querySelectorAll('.katex').length,
                        b.querySelectorAll('template').length])"""
    )
    assert sum(k for k, _ in first_blocks) > 5 and sum(t for _, t in first_blocks) == 0

    height = page.evaluate("document.documentElement.scrollHeight")
    for y in range(0, height + 844, 600):
        page.evaluate(f"window.scrollTo(0, {y})")
        page.wait_for_timeout(30)
        settle(page, NONE_WAITING_ON_SCREEN, WAITING, seconds=5)
        assert page.evaluate(NONE_WAITING_ON_SCREEN, WAITING), (
            f"an equation on screen still waits at y={y}"
        )
    assert count(page, WAITING) == 0
    assert count(page, ".katex--deferred") == 0
    assert count(page, ".md-content .katex > .katex-html") == count(page, ".md-content .katex")
    assert watched.console_errors == [] and watched.foreign_requests == []


def test_printing_puts_every_equation_in_place(base_url, watched) -> None:
    page = watched.page
    page.goto(base_url + PAGE, wait_until="load")
    assert count(page, WAITING) > 150
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert count(page, WAITING) == 0


def test_a_preview_of_a_waiting_equation_shows_it_typeset(base_url, watched) -> None:
    page = watched.page
    page.goto(base_url + PAGE, wait_until="load")
    index = page.evaluate(
        """() => [...document.querySelectorAll('a.eqref')].findIndex(a => {
              const target = document.getElementById(decodeURIComponent(a.hash.slice(1)));
              return target && target.querySelector('template.katex-deferred')
                && a.closest('.md-content__inner > *') !== target.closest('.md-content__inner > *');
           })"""
    )
    assert index >= 0, "no equation link on the page points at a waiting equation"
    link = page.locator("a.eqref").nth(index)
    target = link.evaluate("a => decodeURIComponent(a.hash.slice(1))")
    link.scroll_into_view_if_needed()
    assert page.evaluate(
        "id => document.getElementById(id).querySelector('template.katex-deferred') !== null",
        target,
    ), "the target equation was put in place before the preview"
    link.hover()
    preview = page.locator("#link-preview")
    preview.wait_for(state="visible", timeout=15_000)
    assert preview.locator(".katex-html").count() >= 1
    assert preview.locator("template, .katex--deferred").count() == 0


def test_without_javascript_the_mathml_is_drawn(browser, base_url) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + PAGE, wait_until="load")
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('.katex--deferred > .katex-mathml > math')]
             .map(m => { const r = m.getBoundingClientRect(); return [r.width, r.height]; })"""
    )
    context.close()
    assert len(sizes) > 150
    assert all(width > 0 and height > 0 for width, height in sizes)


@pytest.mark.parametrize("width", [390, 1280])
def test_a_deep_link_to_a_waiting_equation_lands_on_it(browser, base_url, width) -> None:
    """On a slow phone: the blocks near it are typeset and take their height, fonts load
    and the theme names the section's heading in the address seconds after the jump."""
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    slow_down(page)
    land(page, base_url + PAGE + "#eq-cell-direct")
    settle(page, TYPESET_NEAR_THE_TOP, "eq-cell-direct")
    top = page.evaluate("document.getElementById('eq-cell-direct').getBoundingClientRect().top")
    typeset = page.evaluate(
        "document.getElementById('eq-cell-direct').querySelector('.katex-html') !== null"
    )
    context.close()
    assert typeset
    assert 0 <= top < 200, f"the equation is {top:.0f} px from the top of the window"


def test_equations_wait_and_appear_after_instant_navigation(base_url, watched) -> None:
    page = watched.page
    # Material navigates in place only to addresses in sitemap.xml, written for site_url:
    # the local server answers with the same sitemap for its own address.
    site_url = re.search(r"^site_url:\s*(\S+)", MKDOCS_YML.read_text(encoding="utf-8"), re.M)

    def local_sitemap(route) -> None:
        body = route.fetch().text().replace(site_url.group(1), base_url)
        route.fulfill(body=body, content_type="application/xml")

    page.route("**/sitemap.xml", local_sitemap)
    page.goto(base_url, wait_until="load")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__samePage = true")
    page.locator(f'.md-content a[href$="{PAGE}"]').first.click()
    page.wait_for_url("**/" + PAGE)
    page.wait_for_function(
        "() => document.querySelectorAll('template.katex-deferred').length > 150"
    )
    assert page.evaluate("window.__samePage === true"), "Material's instant navigation not used"
    # A handle, not a locator: a locator is resolved again on each use, and once the
    # equation is put in place `.katex--deferred` names another, still waiting one.
    last = page.locator(".md-content .katex--deferred").last.element_handle()
    last.evaluate("k => k.scrollIntoView({block: 'center'})")
    page.wait_for_function(
        "k => k.querySelector(':scope > .katex-html') !== null", arg=last, timeout=5_000
    )
    assert watched.console_errors == [] and watched.foreign_requests == []
