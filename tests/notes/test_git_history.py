"""Pages show when they were last changed and by whom, from git; builds outside git work."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from study_wiki.notes.git_history import korean_date, parse_log
from tests.support.mini_project import build, make_mini_project
from tests.support.project import ROOT
from tests.support.site_pages import soup

LOG = (
    "\x1e1700000300\x00지우\n\ndocs/a.md\ndocs/b.md\n"
    "\x1e1700000200\x00민수\n\ndocs/a.md\n"
    "\x1e1700000100\x00지우\n\ndocs/a.md\n"
)


def test_history_keeps_newest_and_oldest_commit_and_every_author_once() -> None:
    pages = parse_log(LOG)
    assert (pages["docs/a.md"].updated, pages["docs/a.md"].created) == (1700000300, 1700000100)
    assert pages["docs/a.md"].contributors == ["지우", "민수"]
    assert pages["docs/b.md"].created == 1700000300


@pytest.mark.builds
def test_pages_of_the_real_site_show_their_git_dates(site: Path) -> None:
    updated = subprocess.run(
        ["git", "log", "-1", "--format=%at", "--", "docs/topics/lstm.md"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout.strip()
    facts = soup(site, "topics/lstm/").select_one("aside.md-source-file").get_text(" ")
    assert f"마지막 업데이트: {korean_date(int(updated))}" in facts


def test_dates_are_on_the_team_s_clock() -> None:
    assert korean_date(1631890800) == "2021년 9월 18일"  # 2021-09-17 15:00 UTC


@pytest.mark.builds
def test_a_build_outside_git_has_no_dates_and_does_not_fail(tmp_path: Path) -> None:
    project = make_mini_project(tmp_path / "no-git")
    result = build(project, WIKI_GIT_DATES="true")
    assert result.returncode == 0, result.stderr
    assert "not a git checkout" in result.stderr
    assert soup(project / "site", "").select_one("aside.md-source-file") is None
