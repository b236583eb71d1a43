"""In Chromium, no payload from contributor text runs: on load, or when search shows it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.browser import serve
from tests.support.hostile_project import make_hostile_project
from tests.support.mini_project import build
from tests.support.search_browser import open_search

pytestmark = pytest.mark.browser

PAGES = ("", "second/", "daily/", "daily/2021/09/20/evil/", "tags/")


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = make_hostile_project(tmp_path_factory.mktemp("hostile-browser") / "project")
    result = build(project)
    assert result.returncode == 0, result.stderr[-4000:]
    server, url = serve(project / "site")
    yield url
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("path", PAGES)
def test_no_payload_runs_on_load(browser, hostile_url: str, path: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(hostile_url + path)
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)  # let a broken <img> fire its onerror
    assert page.evaluate("window.__pwned") is None
    context.close()


def test_no_payload_runs_when_search_shows_results(browser, hostile_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    open_search(page, hostile_url)
    page.locator("input.md-search__input").fill("hostilecanary")
    page.locator("input.md-search__input").press("End")
    page.wait_for_selector(".md-search-result__item", state="attached", timeout=10000)
    page.wait_for_timeout(500)
    shown = page.locator(".md-search-result").text_content() or ""
    assert "둘째 제목" in shown
    assert page.evaluate("window.__pwned") is None
    context.close()
