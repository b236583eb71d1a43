"""Figure source listings: out of the page until opened, then fetched in place."""

from __future__ import annotations

import urllib.request

import pytest

pytestmark = pytest.mark.browser


def test_listing_is_fetched_on_first_open(base_url, watched):
    page = watched.page
    page.goto(base_url + "topics/lstm/", wait_until="load")
    boxes = page.locator("details.lazy-listing")
    assert boxes.count() >= 6
    assert page.locator("details.lazy-listing .highlight").count() == 0
    nodes_before = page.evaluate("document.querySelectorAll('*').length")
    first = boxes.first
    first.locator("summary").click()
    code = first.locator(".highlight code")
    code.wait_for(timeout=10_000)
    assert "def figure" in code.inner_text()
    assert first.locator(".lazy-listing__link").count() == 0
    assert page.evaluate("document.querySelectorAll('*').length") > nodes_before + 100
    # Closing and opening again does not fetch or insert a second copy.
    first.locator("summary").click()
    first.locator("summary").click()
    assert first.locator(".highlight").count() == 1
    assert watched.console_errors == [] and watched.foreign_requests == []


def test_listing_link_works_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "topics/lstm/")
    link = page.locator("details.lazy-listing .lazy-listing__link a").first
    href = link.evaluate("a => a.href")
    with urllib.request.urlopen(href, timeout=10) as response:
        text = response.read().decode("utf-8")
    assert '<span class="nf">figure</span>' in text and "<code " in text
    assert text.startswith("<!doctype html>")
    context.close()
