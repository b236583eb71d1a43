"""Every page the build wrote: boxes that may scroll are named keyboard stops, and
task-list checkboxes are labelled by their text (study_wiki/accessible_html.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from study_wiki.math.deferred import LONG_ARTICLE
from tests.support.accessibility import site_pages
from tests.support.site_pages import source_pages

# What may scroll sideways: the theme wraps Markdown tables (those without a class)
# in a scrolling box, and extra.css / the theme let these scroll themselves.
SCROLL_BOXES = (
    "span.katex-display",
    "table:not([class])",
    "div.highlight > pre > code",
    "div.highlight-ipynb",
)


def page_soups(site: Path) -> dict[str, BeautifulSoup]:
    return {
        path: BeautifulSoup(
            (site / (path + "index.html" if path.endswith("/") or not path else path)).read_text(
                encoding="utf-8"
            ),
            "lxml",
        )
        for path in site_pages(site)
    }


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[str, BeautifulSoup]:
    found = page_soups(site)
    # Every source page is among them, and so are generated ones (tags, listings).
    assert len(found) > len(source_pages())
    return found


def test_every_kind_of_scroll_box_is_on_some_page(pages) -> None:
    # Otherwise the test below would pass for a kind that no page has any more.
    for selector in SCROLL_BOXES:
        assert any(page.select(selector) for page in pages.values()), selector


def test_scroll_boxes_are_named_keyboard_stops(pages) -> None:
    missing = []
    for path, page in pages.items():
        for selector in SCROLL_BOXES:
            for box in page.select(selector):
                name = (box.get("aria-label") or "").strip()
                if box.get("tabindex") != "0" or not name:
                    missing.append(f"/{path}: {selector} {str(box)[:120]}")
                elif box.name != "table" and box.get("role") != "group":
                    missing.append(f"/{path}: {selector} named without a role")
    assert not missing, "\n".join(missing[:20])


def test_task_checkboxes_are_labelled_by_their_text(pages) -> None:
    checked = 0
    for path, page in pages.items():
        for box in page.select("li.task-list-item input[type=checkbox]"):
            label = box.find_parent("label")
            assert label is not None, f"/{path}: {box.parent}"
            assert label.get_text(" ", strip=True), f"/{path}: empty label {label}"
            checked += 1
    assert checked, "no page has a task list any more"


def test_pages_with_deferred_equations_or_long_articles_lay_out_lazily(pages) -> None:
    # Guessed heights of far blocks move what is measured below them; only pages
    # heavy with equations or long enough to gain pay for it (stylesheets/extra.css).
    lazy = {path for path, page in pages.items() if page.select("article.lazy-layout")}
    deferred = {path for path, page in pages.items() if page.select("template.katex-deferred")}
    long = {
        path
        for path, page in pages.items()
        if (article := page.select_one("article.md-content__inner"))
        and len(article.find_all(True)) > LONG_ARTICLE
    }
    assert lazy == deferred | long
    assert {"topics/lstm/", "contributing/", "performance/"} <= lazy
    assert "" not in lazy and "glossary/" not in lazy
