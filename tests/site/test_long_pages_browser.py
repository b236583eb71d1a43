"""Long pages skip the layout of blocks far from the screen (CSS content-visibility),
and every way of reaching a heading still lands on it with the contents marking it."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest

from tests.support import accessibility
from tests.support.browser import (
    HELD_AND_RELEASED,
    LANDING,
    RECORD_HOLD,
    land,
    settle,
    slow_down,
)

pytestmark = pytest.mark.browser

ACTIVE = ".md-sidebar--secondary nav.md-nav--secondary .md-nav__link--active"
TOP_OF_CONTENT = 120  # below the fixed header, whatever the theme's offset


# Waited for (settle) once the sleeps below are over: the heading near the top and,
# when `active` is given, the only link the contents mark.
LANDED = """([anchor, top, active]) => {
  const y = document.getElementById(decodeURIComponent(anchor)).getBoundingClientRect().top;
  const marked = active ? [...document.querySelectorAll(active)].map(a => a.hash) : null;
  return 0 <= y && y < top && (!active || (marked.length === 1 && marked[0] === '#' + anchor));
}"""


def heading_top(page, anchor: str) -> float:
    return page.evaluate(
        "id => document.getElementById(id).getBoundingClientRect().top", unquote(anchor)
    )


def test_off_screen_blocks_are_skipped_on_the_lstm_note(base_url, watched):
    page = watched.page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base_url + "topics/lstm/", wait_until="load")
    skipped = page.evaluate(
        """() => [...document.querySelectorAll('article.md-typeset > p')]
              .filter(p => getComputedStyle(p).contentVisibility === 'auto').length"""
    )
    assert skipped > 20
    heading = page.evaluate(
        "getComputedStyle(document.querySelector('article h2')).contentVisibility"
    )
    assert heading == "visible"
    assert watched.console_errors == [] and watched.foreign_requests == []


def test_contents_links_land_on_their_headings(base_url, watched):
    page = watched.page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base_url + "topics/lstm/", wait_until="load")
    links = page.locator(".md-sidebar--secondary nav.md-nav--secondary a.md-nav__link")
    count = links.count()
    assert count > 10
    for index in (count - 1, count - 4, count // 2, 3):
        link = links.nth(index)
        href = link.get_attribute("href")
        link.click()
        page.wait_for_function(
            "id => Math.abs(document.getElementById(id).getBoundingClientRect().top) < 200",
            arg=unquote(href.split("#")[1]),
            timeout=5_000,
        )
        page.wait_for_timeout(300)  # the contents follow the scroll on the next frame
        settle(page, LANDED, [href.split("#")[1], TOP_OF_CONTENT, ACTIVE])
        assert 0 <= heading_top(page, href.split("#")[1]) < TOP_OF_CONTENT, href
        active = page.locator(ACTIVE).evaluate_all("links => links.map(a => a.hash)")
        assert active == ["#" + href.split("#")[1]], (href, active)


@pytest.mark.parametrize("anchor", ["tmi", "bibliography", "ref-hochreiter1997"])
def test_a_deep_link_lands_on_its_heading_on_a_slow_phone(base_url, watched, anchor):
    """Headings and citations far down: the theme's navigation.tracking rewrites the
    address's fragment to a heading above as the page settles (and scrolls), and the
    target stays where it landed."""
    page = watched.page
    page.set_viewport_size({"width": 390, "height": 844})
    slow_down(page)
    land(page, f"{base_url}topics/lstm/#{anchor}")
    settle(page, LANDED, [anchor, TOP_OF_CONTENT, None])
    assert 0 <= heading_top(page, anchor) < TOP_OF_CONTENT


def test_a_heading_stays_put_while_a_slow_page_settles(base_url, watched):
    """On a slow phone the blocks above a linked heading take their real height
    seconds after the jump (and Material reloads the page on the first in-page
    link); the heading stays where it landed."""
    page = watched.page
    slow_down(page)
    page.goto(base_url + "topics/lstm/", wait_until="load")
    link = page.locator(".md-sidebar--secondary nav.md-nav--secondary a.md-nav__link").last
    anchor = unquote(link.get_attribute("href").split("#")[1])
    page.evaluate(RECORD_HOLD)
    link.click()
    page.wait_for_function(HELD_AND_RELEASED, timeout=30_000)
    assert 0 <= heading_top(page, anchor) < TOP_OF_CONTENT
    assert watched.console_errors == [] and watched.foreign_requests == []


def landed_and_held(page, base_url: str):
    """The LSTM note opened at its bibliography, while the landing hold is on."""
    page.add_init_script(f"({RECORD_HOLD})()")
    page.goto(base_url + "topics/lstm/#bibliography", wait_until="load")
    page.wait_for_function(f"() => window.held === true && {LANDING}", timeout=10_000)
    return page


@pytest.mark.parametrize("scroll", ["wheel", "scroll bar"])
def test_the_readers_own_scroll_ends_the_hold(base_url, watched, scroll):
    page = landed_and_held(watched.page, base_url)
    if scroll == "wheel":
        page.mouse.move(640, 450)
        page.mouse.wheel(0, -2000)
        page.wait_for_function(f"() => !{LANDING}", timeout=2_000)
    else:  # no wheel, key or touch event: only the page moves
        page.evaluate("window.scrollBy(0, -2000)")
    page.wait_for_timeout(1_000)
    assert heading_top(page, "bibliography") > 900, "the page scrolled back to the heading"


# In one task, as when a block above the heading takes its real height in the frame
# the reader drags the scroll bar: a block above grows, and the page may scroll up.
GROW_ABOVE = """(scroll) => {
  const heading = document.getElementById('bibliography');
  const block = document.createElement('div');
  block.style.height = '300px';
  heading.before(block);
  if (scroll) window.scrollBy(0, -2000);
}"""


@pytest.mark.parametrize("scroll", [False, True], ids=["alone", "with a scroll"])
def test_a_block_growing_above_is_undone_but_not_the_readers_scroll(base_url, watched, scroll):
    page = landed_and_held(watched.page, base_url)
    landed = heading_top(page, "bibliography")
    page.evaluate(GROW_ABOVE, scroll)
    page.wait_for_timeout(1_000)
    if scroll:
        assert heading_top(page, "bibliography") > 900, "the page scrolled back to the heading"
    else:
        assert abs(heading_top(page, "bibliography") - landed) <= 2


# Lighthouse's phone, and axe's colour contrast run on the page as it has loaded, the
# far blocks still skipped (the site's own audit lays everything out first).
LIGHTHOUSE_PHONE = {"width": 412, "height": 823}
LAZILY_LAID_OUT = re.compile(r'class="[^"]*\b(lazy-layout|jp-Notebook)\b')
CONTRAST = """async () => (await axe.run(document, {runOnly: ['color-contrast'],
    resultTypes: ['violations']})).violations.flatMap(v => v.nodes.map(n =>
    n.target.join(' ') + ': ' + n.any.map(c => c.message).join(' ')))"""


def lazily_laid_out(site) -> list[str]:
    """The built pages with a block laid out only near the screen."""
    return [
        path
        for path in accessibility.site_pages(site)
        if (path.endswith("/") or not path)
        and LAZILY_LAID_OUT.search((site / path / "index.html").read_text("utf-8"))
    ]


def test_pages_laid_out_lazily_keep_their_contrast_as_they_load(built_site, base_url, browser):
    # axe measures a skipped block's contents at their real size without the block's
    # clipping; the footer (its own layer, painted over them) keeps its dark ground.
    lazy = lazily_laid_out(built_site)
    assert {"topics/lstm/", "notebooks/lstm-gradient-lab/"} <= set(lazy)
    context = browser.new_context(viewport=LIGHTHOUSE_PHONE, bypass_csp=True, color_scheme="light")
    page = context.new_page()
    found = {}
    try:
        for path in lazy:
            page.goto(base_url + path, wait_until="load")
            page.add_script_tag(path=str(accessibility.AXE))
            violations = page.evaluate(CONTRAST)
            if violations:
                found[path] = violations
    finally:
        context.close()
    assert not found, found


# What the theme measures as it starts, inside a block laid out lazily: each heading
# the contents link to (toc.follow) and each code block (its copy button and scroll
# stop); measuring one lays the block around it out there and then.
LAZY_MEASURED = """() => [
    ...[...document.querySelectorAll('nav.md-nav--secondary a.md-nav__link')]
        .filter(a => a.hash && a.pathname === location.pathname)
        .map(a => document.getElementById(decodeURIComponent(a.hash.slice(1)))),
    ...document.querySelectorAll('article pre > code'),
].filter(target => {
    for (let el = target && target.parentElement; el; el = el.parentElement)
        if (getComputedStyle(el).contentVisibility !== 'visible') return true;
    return false;
}).map(target => target.id || target.closest('[id]')?.id || target.localName)"""


def test_what_the_theme_measures_is_never_inside_a_lazy_block(built_site, base_url, browser):
    lazy = lazily_laid_out(built_site)
    assert {"topics/lstm/", "notebooks/lstm-gradient-lab/", "contributing/"} <= set(lazy)
    context = browser.new_context(viewport=LIGHTHOUSE_PHONE)
    page = context.new_page()
    found = {}
    try:
        for path in lazy:
            page.goto(base_url + path, wait_until="load")
            inside = page.evaluate(LAZY_MEASURED)
            if inside:
                found[path] = inside
    finally:
        context.close()
    assert not found, found
