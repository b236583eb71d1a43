"""`make serve` re-renders after a change to a file many pages show, and keeps answering
after bad TeX in a heading."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.support.mini_project import (
    glossary_entry,
    make_mini_project,
    serving,
    wait_for_page,
    write,
)

pytestmark = pytest.mark.builds

POST = textwrap.dedent("""\
    ---
    date: 2021-09-20
    authors:
      - team
    tags:
      - RNN
    slug: shared
    description: 공유 파일이 바뀌면 다시 그려져야 하는 글입니다.
    ---
    # 공유 입력

    RNN 을 설명합니다.
    """)


@pytest.mark.slow
def test_serve_re_renders_after_authors_includes_and_bad_heading(tmp_path: Path) -> None:
    project = make_mini_project(tmp_path / "project")
    write(project / "docs" / "daily" / "posts" / "2021-09-20-shared.md", POST)
    authors = project / "docs" / "daily" / ".authors.yml"
    glossary = project / "includes" / "glossary.yml"
    with serving(project) as (home, server):
        post = f"{home}daily/2021/09/20/shared/"
        wait_for_page(post, lambda html: "순환 신경망" in html and "NLP 스터디 팀" in html)

        write(glossary, glossary_entry("재귀 신경망"))
        wait_for_page(post, lambda html: "재귀 신경망" in html, timeout=60)

        write(authors, authors.read_text(encoding="utf-8").replace("NLP 스터디 팀", "새 팀 이름"))
        wait_for_page(post, lambda html: "새 팀 이름" in html, timeout=60)

        index = project / "docs" / "index.md"
        write(index, index.read_text(encoding="utf-8") + "\n## 틀린 수식 $\\frac{1$ 제목\n")
        wait_for_page(home, lambda html: "math-error" in html, timeout=60)
        write(index, index.read_text(encoding="utf-8").replace("\\frac{1$", "\\frac{1}{2}$"))
        wait_for_page(home, lambda html: "math-error" not in html and "틀린 수식" in html)
        assert server.poll() is None
