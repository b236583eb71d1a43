"""Each query of tests/search_queries.yml lists the pages it must find."""

from __future__ import annotations

import pytest

from tests.support.search_browser import load_queries, open_search, run_query

pytestmark = pytest.mark.browser

QUERIES = load_queries()


@pytest.fixture(scope="module")
def search_page(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    open_search(page, base_url)
    yield page
    context.close()


@pytest.mark.parametrize("item", QUERIES, ids=[f"{q['kind']}:{q['query']}" for q in QUERIES])
def test_query_finds_pages(search_page, item):
    # keyup=False: only input events, as an IME commit or a paste sends.
    found = run_query(search_page, item["query"], keyup=False)
    missing = [p for p in item["pages"] if p not in found]
    assert not missing, f"{item['query']!r} missed {missing}; found {sorted(found)}"
