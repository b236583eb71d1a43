"""A box wider than a phone's screen (equation, table, code block) is reached with
Tab, announced by name, and scrolled with the arrow keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.accessibility import ALL_LAID_OUT, OPEN_EVERYTHING, site_pages

pytestmark = pytest.mark.browser

# The stop a reader tabs to, and the box that scrolls around it.
KINDS = {
    "equation": ("span.katex-display", ":scope"),
    "table": (".md-typeset__scrollwrap", ":scope"),
    "code": ("pre > code", ":scope"),
}

# Index of the first stop of this kind whose box is wider than its screen, or -1.
FIRST_OVERFLOWING = """([stop, box]) => [...document.querySelectorAll(stop)].findIndex(el => {
    const scroller = box === ':scope' ? el : el.closest(box);
    return scroller.scrollWidth > scroller.clientWidth + 8;
})"""


def find_overflowing(page, base_url: str, paths: list[str]) -> dict[str, tuple[str, int]]:
    found: dict[str, tuple[str, int]] = {}
    for path in paths:
        page.goto(base_url + path)
        page.evaluate(OPEN_EVERYTHING)
        # Blocks far from the screen are not laid out: they would not measure wide.
        page.add_style_tag(content=ALL_LAID_OUT)
        for kind, selectors in KINDS.items():
            if kind not in found:
                index = page.evaluate(FIRST_OVERFLOWING, list(selectors))
                if index >= 0:
                    found[kind] = (path, index)
        if len(found) == len(KINDS):
            break
    return found


def test_wide_boxes_are_tab_stops_that_scroll_with_arrow_keys(browser, base_url, built_site: Path):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        paths = [p for p in site_pages(built_site) if p.endswith("/") or p == ""]
        found = find_overflowing(page, base_url, paths)
        assert set(found) == set(KINDS), f"no page has a wide box of each kind: {found}"
        for kind, (path, index) in found.items():
            stop_selector, box_selector = KINDS[kind]
            page.goto(base_url + path)
            page.evaluate(OPEN_EVERYTHING)
            page.add_style_tag(content=ALL_LAID_OUT)
            stop = page.locator(stop_selector).nth(index)
            stop.scroll_into_view_if_needed()
            # Into the stop from the previous one, as a keyboard reader arrives.
            stop.focus()
            page.keyboard.press("Shift+Tab")
            page.keyboard.press("Tab")
            assert stop.evaluate("el => el === document.activeElement"), f"{kind} on /{path}"
            name = stop.get_attribute("aria-label") or ""
            assert name.strip(), f"{kind} on /{path} has no name"
            scroller = "el" if box_selector == ":scope" else f"el.closest('{box_selector}')"
            before = stop.evaluate(f"el => {scroller}.scrollLeft")
            for _ in range(5):
                page.keyboard.press("ArrowRight")
            # Chromium animates keyboard scrolling: the box moves over the next frames.
            handle = stop.element_handle()
            moved = page.wait_for_function(
                f"([el, before]) => {scroller}.scrollLeft > before",
                arg=[handle, before],
                timeout=3000,
                polling="raf",
            )
            assert moved.json_value(), f"{kind} on /{path}: ArrowRight did not scroll ({before})"
    finally:
        context.close()
