"""`make serve` (mkdocs serve --dirty) stays right when pages are added."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from study_wiki.search.prebuilt import DATA_URI
from tests.support.mini_project import build, make_mini_project, serving, wait_for_page, write
from tests.support.search_browser import open_search, run_query

pytestmark = pytest.mark.builds

NEW_PAGE = """\
---
description: 서버가 도는 동안 새로 추가한 페이지입니다. 내비게이션에 보여야 합니다.
---
# 새로 쓴 페이지

zebrafish 게이트를 배웁니다.
"""
ADDED = "added/"  # as a path in the site, which mkdocs serve mounts under site_url's


@pytest.mark.slow
@pytest.mark.browser
def test_a_page_added_while_serving_appears_in_every_page_navigation_and_in_search(
    tmp_path: Path, browser
) -> None:
    project = make_mini_project(tmp_path / "project")
    with serving(project) as (home, server):
        wait_for_page(home, lambda html: "데모" in html)
        write(project / "docs" / "added.md", NEW_PAGE)
        wait_for_page(f"{home}added/", lambda html: "새로 쓴 페이지" in html)
        # The home page's source did not change, yet its navigation must list the page,
        # as must the error page's.
        wait_for_page(home, lambda html: 'href="added/"' in html, timeout=30)
        wait_for_page(f"{home}404.html", lambda html: "새로 쓴 페이지" in html, timeout=30)
        # No save waits for the search index to be built: the site's worker builds it
        # from the documents, with the build's code, and finds the new page by a word
        # and by a Korean stem.
        assert "terms" not in json.loads(wait_for_page(home + DATA_URI, lambda text: True))
        by_word, by_stem = searched(browser, home, "zebrafish", "게이트")
        assert ADDED in by_word and ADDED in by_stem, (by_word, by_stem)
        # A save that adds no page leaves the error page as it was, still served;
        # search finds what the save wrote.
        write(project / "docs" / "added.md", NEW_PAGE + "\n덧붙인 quokka 문장입니다.\n")
        wait_for_page(f"{home}added/", lambda html: "덧붙인" in html)
        assert "새로 쓴 페이지" in wait_for_page(f"{home}404.html", lambda html: True)
        assert ADDED in searched(browser, home, "quokka")[0]
        assert server.poll() is None


def searched(browser, home: str, *queries: str) -> list[set[str]]:
    """What the search box finds for each query, in a page closed before any save (a
    page left open would reload itself mid-query when the site is rebuilt)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        open_search(page, home)
        return [run_query(page, query) for query in queries]
    finally:
        context.close()


def children_running(parent: int, module: str) -> bool:
    """Whether a process started by `parent` (directly) runs `python -m module`."""
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = status.read_text().rsplit(")", 1)[1].split()
            command = (status.parent / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if int(fields[1]) == parent and module.encode() in command:
            return True
    return False


def test_serving_loads_the_korean_analyser_before_the_first_save(tmp_path: Path) -> None:
    """With every page's stems cached, a build needs no analyser; `make serve` will after
    the first save, so it loads while the site is first built, not after that save."""
    project = make_mini_project(tmp_path / "project")
    first = build(project)
    assert first.returncode == 0, first.stderr[-3000:]
    with serving(project) as (home, server):
        wait_for_page(home, lambda html: "<article" in html)
        deadline = time.monotonic() + 20
        while not children_running(server.pid, "study_wiki.search.kiwi_worker"):
            assert time.monotonic() < deadline, "the analyser was not started"
            time.sleep(0.2)
