"""`make serve` (mkdocs serve --dirty) stays right when pages are added."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.mini_project import make_mini_project, serving, wait_for_page, write

NEW_PAGE = """\
---
description: 서버가 도는 동안 새로 추가한 페이지입니다. 내비게이션에 보여야 합니다.
---
# 새로 쓴 페이지
"""


@pytest.mark.slow
def test_a_page_added_while_serving_appears_in_every_page_navigation(tmp_path: Path) -> None:
    project = make_mini_project(tmp_path / "project")
    with serving(project) as (home, server):
        wait_for_page(home, lambda html: "데모" in html)
        write(project / "docs" / "added.md", NEW_PAGE)
        wait_for_page(f"{home}added/", lambda html: "새로 쓴 페이지" in html)
        # The home page's source did not change, yet its navigation must list the page.
        wait_for_page(home, lambda html: 'href="added/"' in html, timeout=30)
        assert server.poll() is None
