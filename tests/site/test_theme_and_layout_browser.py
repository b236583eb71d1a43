"""Light/dark toggle, figure legibility and the narrow (390 px) layout."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

LSTM = "topics/lstm/"

SCHEME = "document.body.getAttribute('data-md-color-scheme')"
FIGURE_BACKGROUNDS = """() => [...document.querySelectorAll('.md-content img')].map(img => {
    let el = img, bg = 'rgba(0, 0, 0, 0)';
    while (el && (bg === 'rgba(0, 0, 0, 0)' || bg === 'transparent')) {
        bg = getComputedStyle(el).backgroundColor; el = el.parentElement;
    }
    return [img.getAttribute('src'), bg];
})"""


def is_light(color: str) -> bool:
    channels = [float(c) for c in color[color.index("(") + 1 : -1].split(",")[:3]]
    return min(channels) >= 230


def test_palette_toggle_switches_scheme_and_keeps_figures_white(base_url, watched, artifacts):
    page = watched.page
    page.emulate_media(color_scheme="light")
    page.goto(base_url + LSTM)
    page.evaluate("localStorage.clear()")
    page.reload()
    before = page.evaluate(SCHEME)
    page.screenshot(path=str(artifacts / "lstm-light.png"), full_page=False)
    # The palette cycles auto -> light -> dark; click until the scheme flips.
    for _ in range(3):
        page.locator("form[data-md-component=palette] label:visible").first.click()
        if page.evaluate(SCHEME) != before:
            break
    after = page.evaluate(SCHEME)
    assert {before, after} == {"default", "slate"}, (before, after)
    page.locator(".md-content img").first.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "lstm-dark.png"), full_page=False)
    backgrounds = page.evaluate(FIGURE_BACKGROUNDS)
    assert backgrounds, "the LSTM page has no figures"
    dark = [(src, bg) for src, bg in backgrounds if not is_light(bg)]
    assert not dark, f"figures without a light background in dark mode: {dark}"


def test_lstm_page_fits_a_phone(browser, base_url, artifacts):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=1, is_mobile=True
    )
    page = context.new_page()
    try:
        page.goto(base_url + LSTM)
        width = page.evaluate("document.documentElement.scrollWidth")
        offenders = page.evaluate(
            """() => [...document.querySelectorAll('.md-content *')].filter(el => {
                const r = el.getBoundingClientRect();
                if (r.right <= innerWidth + 1 || el.closest('.katex-mathml')) return false;
                for (let p = el.parentElement; p; p = p.parentElement) {
                    const o = getComputedStyle(p).overflowX;
                    if ((o === 'auto' || o === 'scroll') && p.scrollWidth > p.clientWidth - 1
                        && p.getBoundingClientRect().right <= innerWidth + 1) return false;
                }
                return true;
            }).slice(0, 5).map(el => el.tagName + '.' + el.className)"""
        )
        page.screenshot(path=str(artifacts / "lstm-mobile.png"), full_page=False)
        assert width <= 390, f"scrollWidth {width}; overflowing: {offenders}"
        assert not offenders, f"content wider than the screen: {offenders}"
    finally:
        context.close()


DRAWER_LINK = ".md-sidebar--primary .md-nav__link"
DRAWN = "sel => document.querySelector(sel).checkVisibility()"
HIDDEN = "sel => !document.querySelector(sel).checkVisibility()"
FOCUSED_IN_DRAWER = "() => !!document.activeElement.closest('.md-sidebar--primary')"
CLOSE_AND_LOOK = """sel => {
    document.getElementById('__drawer').click();
    return document.querySelector(sel).checkVisibility();
}"""


def test_the_phone_drawer_is_drawn_and_reached_only_when_open(browser, base_url):
    # Closed, the navigation drawer is neither styled nor in the tab order (it used to
    # take a dozen Tab presses off screen); opened, its links are there to use.
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(base_url + LSTM, wait_until="load")
        assert page.evaluate(DRAWN, DRAWER_LINK) is False
        for _ in range(12):
            page.keyboard.press("Tab")
            assert not page.evaluate(FOCUSED_IN_DRAWER)
        page.locator("label.md-header__button[for=__drawer]").click()
        page.wait_for_function(DRAWN, arg=DRAWER_LINK)
        link = page.locator(DRAWER_LINK).first
        link.focus()
        assert page.evaluate(FOCUSED_IN_DRAWER)
        page.wait_for_timeout(400)  # the drawer has slid in
        assert link.bounding_box()["x"] >= 0
        # Closing, it stays drawn while it slides out (checked in the same task as the
        # click, so a slow machine cannot end the slide first), then is skipped again.
        assert page.evaluate(CLOSE_AND_LOOK, DRAWER_LINK) is True
        page.wait_for_function(HIDDEN, arg=DRAWER_LINK, timeout=5_000)
    finally:
        context.close()


def test_the_desktop_navigation_is_drawn(watched, base_url):
    page = watched.page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base_url + LSTM, wait_until="load")
    assert page.evaluate(DRAWN, DRAWER_LINK) is True


# Every change of the theme's colour-switching mark on <body>, as the page loads: whether
# the mark was there before, and whether the theme's script had started (document$).
WATCH_SWITCHING = """
window.__switching = [];
new MutationObserver(records => {
    for (const r of records) window.__switching.push({
        before: r.oldValue !== null, now: r.target.hasAttribute('data-md-color-switching'),
        theme: typeof window.document$ !== 'undefined'});
}).observe(document, {subtree: true, attributes: true, attributeOldValue: true,
                      attributeFilter: ["data-md-color-switching"]});
"""


def test_the_body_is_marked_as_switching_colours_before_the_theme_starts(browser, base_url):
    # The theme marks <body> while it applies the reader's colours at start-up (no
    # colour transitions meanwhile) and unmarks it after; each change restyles the
    # whole page. Marked from the start, the theme's own mark changes nothing.
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script(WATCH_SWITCHING)
    page = context.new_page()
    try:
        page.goto(base_url + LSTM, wait_until="load")
        page.wait_for_function("!document.body.hasAttribute('data-md-color-switching')")
        changes = page.evaluate("window.__switching")
        assert changes[0] == {"before": False, "now": True, "theme": False}, changes
        assert all(c["before"] for c in changes[1:]), changes  # never unmarked meanwhile
        assert changes[-1] == {"before": True, "now": False, "theme": True}, changes
    finally:
        context.close()
