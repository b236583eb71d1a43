"""Material's search box driven in a browser: the browser tests' and the recall
benchmark's (scripts/bench_recall.py) one way to type a query and read its results."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import yaml

from tests.support.browser import SITE_PATH
from tests.support.project import ROOT

QUERIES = ROOT / "tests" / "search_queries.yml"
PLACEHOLDER = "검색어를 입력하세요"  # Material's ko "search.result.placeholder"


def load_queries(path: Path = QUERIES) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def open_search(page, base_url: str) -> None:
    page.goto(base_url)
    page.evaluate("document.querySelector('#__search').checked = true")
    page.locator("input.md-search__input").focus()


def run_query(page, query: str, *, keyup: bool = True, timeout: float = 5000) -> set[str]:
    """Types `query` and returns the pages the results link to, as paths in the site.

    With keyup=False the query is only typed (input events); Material itself
    reads the box on keyup, so that relies on the search plugin's input shim (study_wiki/search/).
    """
    box = page.locator("input.md-search__input")
    meta = ".md-search-result__meta"
    box.fill("")
    box.press("End")
    page.wait_for_function(
        "([sel, text]) => document.querySelector(sel).textContent.trim() === text",
        arg=[meta, PLACEHOLDER],
        timeout=timeout,
    )
    box.fill(query)
    if keyup:
        box.press("End")
    page.wait_for_function(
        "([sel, text]) => document.querySelector(sel).textContent.trim() !== text",
        arg=[meta, PLACEHOLDER],
        timeout=timeout,
    )
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item a[href]", "els => els.map(e => e.href)"
    )
    root = urlsplit(page.url)
    found = set()
    for href in hrefs:
        parts = urlsplit(href)
        if parts.netloc == root.netloc:
            found.add(parts.path.removeprefix(SITE_PATH))
    return found
