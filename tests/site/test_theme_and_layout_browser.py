"""Light/dark toggle, figure legibility and the narrow (390 px) layout."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

LSTM = "topics/lstm/"

SCHEME = "document.body.getAttribute('data-md-color-scheme')"
TOGGLE = "input[name=__palette] + label:visible"
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
        page.locator(TOGGLE).first.click()
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


# Each change of the body's colour scheme or colour-switching mark as the page loads,
# and whether the article had been parsed by then.
WATCH_COLOURS = """
window.__colours = [];
new MutationObserver(records => {
    for (const r of records) window.__colours.push({
        attribute: r.attributeName, value: r.target.getAttribute(r.attributeName),
        article: document.querySelector('article') !== null});
}).observe(document, {subtree: true, attributes: true, attributeFilter: [
    'data-md-color-scheme', 'data-md-color-switching']});
"""
PALETTE_STATE = """() => ({
    scheme: document.body.dataset.mdColorScheme,
    shown: [...document.querySelectorAll('input[name=__palette] + label')].map(l => !l.hidden),
    themeColor: document.querySelector('meta[name=theme-color]').content,
    colorScheme: document.querySelector('meta[name=color-scheme]').content,
})"""


def test_the_readers_scheme_is_applied_before_the_article_is_parsed(browser, base_url):
    # The site's palette script runs as soon as the toggle is parsed; the theme's
    # component ran once the whole page was styled and restyled all of it.
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme="dark")
    context.add_init_script(WATCH_COLOURS)
    page = context.new_page()
    try:
        page.goto(base_url + LSTM, wait_until="load")
        page.wait_for_timeout(300)
        changes = page.evaluate("window.__colours")
        assert changes and all(not c["article"] for c in changes), changes
        assert [c["value"] for c in changes if c["attribute"] == "data-md-color-scheme"][
            -1
        ] == "slate", changes
        assert not [c for c in changes if c["attribute"] == "data-md-color-switching"], changes
        state = page.evaluate(PALETTE_STATE)
        assert state == {
            "scheme": "slate",
            "shown": [True, False, False],  # the system's scheme, as the theme starts
            "themeColor": "#4051b5",  # the header's indigo
            "colorScheme": "dark",
        }, state
    finally:
        context.close()


def test_the_palette_toggle_cycles_is_remembered_and_follows_the_system(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    page = context.new_page()
    try:
        page.goto(base_url + LSTM, wait_until="load")
        schemes = []
        for _ in range(3):  # system -> light -> dark -> system
            page.locator(TOGGLE).first.click()
            schemes.append(page.evaluate(PALETTE_STATE))
        assert [s["scheme"] for s in schemes] == ["default", "slate", "default"], schemes
        assert [s["shown"] for s in schemes] == [
            [False, True, False],
            [False, False, True],
            [True, False, False],
        ]
        assert [s["colorScheme"] for s in schemes] == ["light", "dark", "light"]
        # Back on the system's scheme: it follows the system.
        page.emulate_media(color_scheme="dark")
        page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
        page.wait_for_function("() => !document.body.hasAttribute('data-md-color-switching')")
        # Enter on the focused toggle moves on, as the theme's does: to light, kept on reload.
        page.focus("#__palette_0")
        page.keyboard.press("Enter")
        assert page.evaluate(PALETTE_STATE)["scheme"] == "default"
        assert page.evaluate("document.activeElement.id") == "__palette_1"
        page.reload(wait_until="load")
        state = page.evaluate(PALETTE_STATE)
        assert state["scheme"] == "default" and state["shown"] == [False, True, False], state
        page.emulate_media(color_scheme="light")
        page.emulate_media(color_scheme="dark")
        page.wait_for_timeout(300)
        assert page.evaluate(SCHEME) == "default"  # a chosen scheme ignores the system
    finally:
        context.close()


# Each change of <html>'s classes as the page loads: before and after, and whether
# the body had been parsed by then.
WATCH_ROOT_CLASSES = """
window.__root = [];
new MutationObserver(records => {
    for (const r of records) if (r.target === document.documentElement) window.__root.push({
        before: (r.oldValue || '').split(/\\s+/).filter(Boolean).sort().join(' '),
        after: [...r.target.classList].sort().join(' '),
        body: document.body !== null});
}).observe(document, {subtree: true, attributes: true, attributeOldValue: true,
                      attributeFilter: ['class']});
"""


def test_the_theme_starts_without_restyling_the_page_from_its_root(browser, base_url):
    # The theme swaps no-js for js and marks keyboard focus (js-focus-visible) on <html>
    # as it starts, once the page is parsed; each change restyled all of it. Set in the
    # head, before the body, the theme's own changes change nothing.
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    context.add_init_script(WATCH_ROOT_CLASSES)
    page = context.new_page()
    try:
        page.goto(base_url + LSTM, wait_until="load")
        changes = page.evaluate("window.__root")
        assert changes and not changes[0]["body"], changes
        assert changes[-1]["after"] == "js js-focus-visible", changes
        assert all(c["before"] == c["after"] for c in changes if c["body"]), changes
        # Keyboard focus is still marked by the theme's script, so its ring shows.
        page.keyboard.press("Tab")
        page.wait_for_function("() => document.activeElement.classList.contains('focus-visible')")
        ring = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert ring != "none", ring
    finally:
        context.close()


# Each change of a <link>'s address as the page loads, and whether the body had been
# parsed by then.
WATCH_LINK_ADDRESSES = """
window.__links = [];
new MutationObserver(records => {
    for (const r of records) if (r.target.localName === 'link') window.__links.push({
        rel: r.target.rel, before: r.oldValue, after: r.target.getAttribute('href'),
        body: document.body !== null});
}).observe(document, {subtree: true, attributes: true, attributeOldValue: true,
                      attributeFilter: ['href']});
"""


def test_the_theme_starts_without_loading_the_stylesheets_again(browser, base_url):
    # The theme's instant navigation sets every address on the page to itself, made
    # absolute, as it starts; a stylesheet's link loaded it again and restyled the
    # whole page. The head does it for its links before the body, so the theme
    # finds them absolute and leaves them be.
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    context.add_init_script(WATCH_LINK_ADDRESSES)
    page = context.new_page()
    try:
        page.goto(base_url + LSTM, wait_until="load")
        changes = page.evaluate("window.__links")
        assert any(c["rel"] == "stylesheet" for c in changes), changes
        assert not [c for c in changes if c["body"]], changes
        sheets = page.evaluate(
            "[...document.querySelectorAll('link[rel=stylesheet]')].map(l => l.href)"
        )
        assert sheets and all(href.startswith(base_url) for href in sheets), sheets
        # Instant navigation keeps the same stylesheets, once each, on the next page.
        page.click(".md-footer__link--next")
        page.wait_for_url(lambda url: not url.endswith(LSTM))
        page.wait_for_load_state("load")
        after = page.evaluate(
            "[...document.querySelectorAll('link[rel=stylesheet]')].map(l => l.href)"
        )
        assert sorted(after) == sorted(sheets), (sheets, after)
        assert page.evaluate("document.styleSheets.length") >= len(sheets)
    finally:
        context.close()
