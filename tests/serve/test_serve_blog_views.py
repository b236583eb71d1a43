"""`make serve` re-renders the daily log's list views exactly when what they list
changed: a new summary reaches the first page of the log, and an edit below a post's
separator leaves every list view as it was."""

from __future__ import annotations

import re
import textwrap
import time
from pathlib import Path

import pytest

from tests.support.mini_project import make_mini_project, serving, wait_for_page, write

pytestmark = pytest.mark.builds


def post(day: int, summary: str, body: str) -> str:
    return textwrap.dedent(f"""\
        ---
        date: 2021-09-{day:02d}
        authors:
          - team
        tags:
          - RNN
        slug: day-{day}
        description: 목록 화면을 다시 그리는지 시험하는 {day}일의 노트입니다.
        ---
        # {day}일의 노트

        {summary}

        <!-- more -->

        ## 본문

        {body}
        """)


def view_counts(log: Path) -> list[tuple[int, int]]:
    text = log.read_text(encoding="utf-8", errors="replace")
    return [(int(a), int(b)) for a, b in re.findall(r"blog views: (\d+) re-rendered, (\d+)", text)]


def wait_for_builds(log: Path, count: int, timeout: float = 60) -> list[tuple[int, int]]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = view_counts(log)
        if len(found) >= count:
            return found
        time.sleep(0.3)
    raise AssertionError(f"fewer than {count} builds logged:\n{log.read_text()[-3000:]}")


@pytest.mark.slow
def test_list_views_follow_summaries_and_skip_other_edits(tmp_path: Path) -> None:
    project = make_mini_project(tmp_path / "project")
    posts = project / "docs" / "daily" / "posts"
    first, second = posts / "2021-09-20-day-20.md", posts / "2021-09-21-day-21.md"
    write(first, post(20, "첫 요약 문장입니다.", "첫 본문입니다."))
    write(second, post(21, "둘째 요약 문장입니다.", "둘째 본문입니다."))
    log = tmp_path / "serve.log"
    with serving(project, log) as (home, server):
        index = f"{home}daily/"
        wait_for_page(index, lambda html: "첫 요약 문장" in html and "둘째 요약 문장" in html)
        builds = len(view_counts(log))

        write(first, post(20, "고친 요약 문장입니다.", "첫 본문입니다."))
        wait_for_page(index, lambda html: "고친 요약 문장" in html, timeout=60)
        rendered, _ = wait_for_builds(log, builds + 1)[-1]
        assert rendered >= 1

        write(second, post(21, "둘째 요약 문장입니다.", "고친 본문입니다."))
        wait_for_page(f"{home}daily/2021/09/21/day-21/", lambda html: "고친 본문" in html)
        rendered, unchanged = wait_for_builds(log, builds + 2)[-1]
        assert (rendered, unchanged > 0) == (0, True)
        assert "고친 요약 문장" in wait_for_page(index, lambda html: True)
        assert server.poll() is None


def generated_counts(log: Path) -> list[tuple[int, int]]:
    text = log.read_text(encoding="utf-8", errors="replace")
    found = re.findall(r"generated pages: (\d+) re-rendered, (\d+)", text)
    return [(int(a), int(b)) for a, b in found]


@pytest.mark.slow
def test_generated_pages_are_re_rendered_only_when_their_text_changes(tmp_path: Path) -> None:
    project = make_mini_project(tmp_path / "project")
    posts = project / "docs" / "daily" / "posts"
    in_week = "level: 1\nweek: 3\n"
    first, second = posts / "2021-09-20-day-20.md", posts / "2021-09-21-day-21.md"
    write(
        first, post(20, "첫 요약 문장입니다.", "첫 본문입니다.").replace("tags:", in_week + "tags:")
    )
    write(second, post(21, "둘째 요약 문장입니다.", "둘째 본문입니다."))
    log = tmp_path / "serve.log"
    with serving(project, log) as (home, server):
        week = f"{home}programme/week-3/"
        wait_for_page(week, lambda html: "20일의 노트" in html)
        builds = len(view_counts(log))

        write(second, post(21, "둘째 요약 문장입니다.", "고친 본문입니다."))
        wait_for_page(f"{home}daily/2021/09/21/day-21/", lambda html: "고친 본문" in html)
        wait_for_builds(log, builds + 1)
        rendered, unchanged = generated_counts(log)[-1]
        assert rendered == 0 and unchanged >= 3  # the programme index, level 1, week 3

        moved = post(21, "둘째 요약 문장입니다.", "고친 본문입니다.")
        write(second, moved.replace("tags:", in_week + "tags:"))
        wait_for_page(week, lambda html: "21일의 노트" in html, timeout=60)
        wait_for_builds(log, builds + 2)
        rendered, _ = generated_counts(log)[-1]
        assert rendered >= 1
        assert server.poll() is None
