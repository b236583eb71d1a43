"""Equations keep their place as a page loads on a slow phone: the KaTeX fonts its
equations use are preloaded with the stylesheets, so no line re-wraps when they arrive."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import accessibility

pytestmark = pytest.mark.browser

# Lighthouse's mobile network (slow 4G): 150 ms round trip, 1.6 Mbit/s down.
PHONE_NETWORK = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6e6 / 8,
    "uploadThroughput": 750e3 / 8,
}
RECORD_SHIFTS = """window.shifted = 0;
new PerformanceObserver(list => {
  for (const shift of list.getEntries()) if (!shift.hadRecentInput) window.shifted += shift.value;
}).observe({type: 'layout-shift', buffered: true});"""
# The fonts fetched so far, each with what asked for it ('link': a preload, 'css': the
# stylesheet, once text in that font was laid out).
FONTS_FETCHED = """() => performance.getEntriesByType('resource')
  .filter(entry => entry.name.endsWith('.woff2'))
  .map(entry => [entry.name.split('/').pop(), entry.initiatorType])"""


def pages_with_math(site: Path) -> list[str]:
    def html(path: str) -> str:
        file = site / path if path.endswith(".html") else site / path / "index.html"
        return file.read_text(encoding="utf-8")

    return [path for path in accessibility.site_pages(site) if 'class="katex' in html(path)]


def test_no_page_with_equations_shifts_when_its_fonts_arrive(built_site, base_url, browser):
    paths = pages_with_math(built_site)
    assert "topics/lstm/" in paths and "topics/lstm-exercises/" in paths
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    context.add_init_script(RECORD_SHIFTS)
    found, fetched = {}, set()
    for path in paths:  # one at a time: pages loading together share the network
        page = context.new_page()
        network = context.new_cdp_session(page)
        network.send("Network.enable")
        network.send("Network.setCacheDisabled", {"cacheDisabled": True})
        network.send("Network.emulateNetworkConditions", PHONE_NETWORK)
        page.goto(base_url + path, wait_until="load")
        page.wait_for_timeout(500)
        fonts = page.evaluate(FONTS_FETCHED)
        shifted = page.evaluate("window.shifted")
        late = sorted(name for name, initiator in fonts if initiator != "link")
        if late or shifted >= 0.01:
            found[path] = {"layout shift": round(shifted, 3), "fonts not preloaded": late}
        fetched.update(name for name, _ in fonts)
        page.close()
    context.close()
    assert {"KaTeX_Main-Regular.woff2", "KaTeX_Math-Italic.woff2"} <= fetched
    assert not found, found
