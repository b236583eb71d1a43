"""`make serve` (mkdocs serve --dirty) stays right when pages are added."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import build_env
from tests.mini_project import make_mini_project, write
from tests.test_snippet_failures import free_port, wait_for_page

NEW_PAGE = """\
---
description: 서버가 도는 동안 새로 추가한 페이지입니다. 내비게이션에 보여야 합니다.
---
# 새로 쓴 페이지
"""


@pytest.mark.slow
def test_a_page_added_while_serving_appears_in_every_page_navigation(tmp_path: Path) -> None:
    project = make_mini_project(tmp_path / "project")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=build_env(WIKI_GIT_DATES="false"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        home = f"http://127.0.0.1:{port}/study-wiki/"
        wait_for_page(home, lambda html: "데모" in html)
        write(project / "docs" / "added.md", NEW_PAGE)
        wait_for_page(f"{home}added/", lambda html: "새로 쓴 페이지" in html)
        # The home page's source did not change, yet its navigation must list the page.
        wait_for_page(home, lambda html: 'href="added/"' in html, timeout=30)
        assert server.poll() is None
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
