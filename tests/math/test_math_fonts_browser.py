"""Equations keep their place as a page loads on a slow phone: the KaTeX fonts of the
equations it lays out are preloaded with the stylesheets, so no line re-wraps when
they arrive, and no font it does not use yet is."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import accessibility
from tests.support.sharing import local_file

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

# Preloaded fonts no text on the page uses yet: a wasted download that delayed the
# first paint (the browser also warns of it).
UNUSED_PRELOADS = """() => [...document.querySelectorAll('link[rel=preload][as=font]')]
  .map(link => link.href.split('/').pop().replace('.woff2', ''))
  .filter(name => {
    const [family, variant] = name.split('-');
    const weight = variant.includes('Bold') ? '700' : '400';
    const style = variant.includes('Italic') ? 'italic' : 'normal';
    return ![...document.fonts].some(face => face.family.replace(/"/g, '') === family
      && face.weight === weight && face.style === style && face.status === 'loaded');
  })"""


def pages_with_math(site: Path) -> list[str]:
    return [
        path
        for path in accessibility.site_pages(site)
        if 'class="katex' in local_file(site, path, "").read_text(encoding="utf-8")
    ]


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
        unused = page.evaluate(UNUSED_PRELOADS)
        if late or unused or shifted >= 0.01:
            found[path] = {
                "layout shift": round(shifted, 3),
                "fonts not preloaded": late,
                "preloads not used": unused,
            }
        fetched.update(name for name, _ in fonts)
        page.close()
    context.close()
    assert {"KaTeX_Main-Regular.woff2", "KaTeX_Math-Italic.woff2"} <= fetched
    assert not found, found
