"""The site's search worker in the page: Material's dialog shows its results with
highlighted terms, and no reader's browser builds an index or loads Material's worker."""

from __future__ import annotations

import pytest

from study_wiki.search.prebuilt import DATA_URI, WORKER_URI
from tests.support.search_browser import open_search, run_query

pytestmark = pytest.mark.browser


def test_results_are_highlighted_and_only_the_prebuilt_index_is_fetched(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    try:
        open_search(page, base_url)
        found = run_query(page, "기울기소실")
        assert "topics/lstm/" in found
        marks = page.eval_on_selector_all(
            ".md-search-result__item mark", "els => els.map(e => e.textContent.toLowerCase())"
        )
        assert "기울기" in marks and "소실" in marks, marks
        # The Latin query words are highlighted too, in titles and text.
        run_query(page, "LSTM 게이트")
        marks = page.eval_on_selector_all(
            ".md-search-result__item mark", "els => els.map(e => e.textContent.toLowerCase())"
        )
        assert "lstm" in marks and "게이트" in marks, marks
        # A page's tags are drawn once, on its own entry (the one with the page's
        # title), highlighted where they matched.
        tags = page.eval_on_selector_all(
            ".md-search-result__item",
            """items => items.map(item => [...item.querySelectorAll('nav.md-tags')].map(
                nav => [nav.closest('article').querySelector('h1') !== null,
                        [...nav.querySelectorAll('mark')].map(m => m.textContent)]))""",
        )
        assert tags and all(len(navs) <= 1 for navs in tags), tags
        assert all(on_page_entry for navs in tags for on_page_entry, _ in navs), tags
        assert ["LSTM"] in [marked for navs in tags for _, marked in navs], tags
        # A result opens its page with the terms to highlight there.
        href = page.eval_on_selector(".md-search-result__item a[href]", "a => a.href")
        assert "h=" in href
    finally:
        context.close()
    assert sum(url.endswith(WORKER_URI) for url in requests) == 1
    assert sum(url.endswith(DATA_URI) for url in requests) == 1
    assert not [url for url in requests if "/workers/search." in url], requests
