"""Tooltips of titled elements (javascripts/reading.js, part 4): drawn only when one is
pointed at, tapped or focused, below it, and gone again with the title back."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

GLOSSARY = "glossary/"
CONTRIBUTING = "contributing/"
TIP = ".md-tooltip2"
ACTIVE = ".md-tooltip2.md-tooltip2--active"
COPY = ".md-content button.md-code__button[data-md-type=copy]"
PLACED = """sel => {
    const host = document.querySelector(sel).getBoundingClientRect();
    const tip = document.querySelector('.md-tooltip2--active .md-tooltip2__inner')
        .getBoundingClientRect();
    return {hostBottom: host.bottom, hostLeft: host.left, hostRight: host.right,
            tipTop: tip.top, tipLeft: tip.left, tipRight: tip.right};
}"""


def test_the_theme_mounts_no_tooltips_as_a_page_starts(watched, base_url):
    page = watched.page
    for path in (GLOSSARY, CONTRIBUTING, ""):
        page.goto(base_url + path)
        features = page.evaluate(
            "JSON.parse(document.getElementById('__config').textContent).features"
        )
        assert "content.tooltips" not in features, path
        page.wait_for_load_state("load")
        assert page.locator(TIP).count() == 0, path
        titled = page.evaluate("document.querySelectorAll('.md-content [title]').length")
        assert titled > 0, f"{path}: no titled element to test with"
    assert not watched.console_errors
    assert not watched.foreign_requests


def test_pointing_at_an_abbreviation_shows_its_title_below_it(watched, base_url):
    page = watched.page
    page.goto(base_url + GLOSSARY)
    abbr = page.locator(".md-content abbr[title]").first.element_handle()
    abbr.scroll_into_view_if_needed()
    title = abbr.get_attribute("title")
    assert title
    abbr.hover()
    page.wait_for_selector(ACTIVE)
    tip = page.locator(ACTIVE)
    assert tip.inner_text().strip() == title
    assert tip.get_attribute("role") == "tooltip"
    # Described by the tooltip, with no native tooltip on top of it.
    assert abbr.get_attribute("aria-describedby") == tip.get_attribute("id")
    assert abbr.get_attribute("title") is None
    box = page.evaluate(PLACED, ".md-content abbr[aria-describedby]")
    assert box["tipTop"] >= box["hostBottom"], box
    assert box["tipLeft"] < box["hostRight"] and box["tipRight"] > box["hostLeft"], box
    # Moving into the tooltip keeps it; moving away takes it and gives the title back.
    page.mouse.move(0, 0)
    page.wait_for_selector(TIP, state="detached")
    assert abbr.get_attribute("title") == title
    assert abbr.get_attribute("aria-describedby") is None
    assert not watched.console_errors


def test_focus_shows_a_tooltip_and_escape_or_blur_hides_it(watched, base_url):
    page = watched.page
    page.goto(base_url + GLOSSARY)
    link = page.locator(".md-content h2 a.headerlink[title]").first.element_handle()
    title = link.get_attribute("title")
    link.focus()
    page.wait_for_selector(ACTIVE)
    assert page.locator(ACTIVE).inner_text().strip() == title
    page.keyboard.press("Escape")
    assert page.locator(TIP).count() == 0
    assert link.get_attribute("title") == title
    link.evaluate("e => e.blur()")
    link.focus()
    page.wait_for_selector(ACTIVE)
    page.keyboard.press("Tab")
    # Focus left the link: its tooltip is gone and its title is back.
    assert link.get_attribute("title") == title
    assert link.get_attribute("aria-describedby") is None


def test_a_tap_shows_the_tooltip_on_a_phone(browser, base_url):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    try:
        page.goto(base_url + GLOSSARY)
        abbr = page.locator(".md-content abbr[title]").first.element_handle()
        abbr.scroll_into_view_if_needed()
        title = abbr.get_attribute("title")
        abbr.tap()
        page.wait_for_selector(ACTIVE)
        assert page.locator(ACTIVE).inner_text().strip() == title
        page.locator(".md-content h1").tap()
        page.wait_for_selector(TIP, state="detached")
        assert abbr.get_attribute("title") == title
    finally:
        context.close()


def test_buttons_the_theme_adds_later_get_tooltips_too(watched, base_url):
    page = watched.page
    page.goto(base_url + CONTRIBUTING)
    button = page.locator(COPY).first.element_handle()
    button.scroll_into_view_if_needed()
    title = button.get_attribute("title")
    assert title, "the theme's copy button has no title"
    button.hover()
    page.wait_for_selector(ACTIVE)
    assert page.locator(ACTIVE).inner_text().strip() == title
