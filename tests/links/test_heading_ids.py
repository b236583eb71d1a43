"""Wikilinks to headings go to the ids the pages really got once rendered: toc's `_1`
for a repeated heading, an id set with `{#id}` (and the heading it pushed aside), a
heading with code, one from an included file and one another extension made. A link
to a heading the page does not have fails the strict build with file:line, and `make
serve` (`mkdocs build --dirty`) renders a linking page again when its target's
headings change."""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.support.links_project import make_links_project
from tests.support.mini_project import build, write
from tests.support.project import build_env, mkdocs_here

pytestmark = [pytest.mark.slow, pytest.mark.builds]

TARGET = """\
---
title: 제목 시험
description: 페이지가 렌더링에서 실제로 받는 제목 id를 시험하는 페이지입니다.
---
# 제목 시험

## Gates

게이트 이야기.

## 예시

첫째 예시.

## 예시

둘째 예시.

## 게이트 요약 {#gates}

요약.

## `h_t` 의 뜻

은닉 상태.

--8<-- "heading-include.md"

인용 하나[@pascanu2013].
"""

INCLUDED = "## 포함된 제목\n\n포함된 글.\n"

LINKING = """\
---
title: 제목 링크
description: 같은 이름의 제목, 붙인 id, 렌더링에서만 알 수 있는 id로 가는 링크입니다.
---
# 제목 링크

둘째 예시는 [[headings-demo#예시_1]], 첫째는 [[headings-demo#예시]] 입니다.

붙인 id는 [[headings-demo#gates]], 그 제목은 [[headings-demo#게이트 요약]] 입니다.

id를 빼앗긴 제목은 [[headings-demo#Gates]] 입니다.

코드가 든 제목은 [[headings-demo#h_t 의 뜻]] 입니다.

포함된 제목은 [[headings-demo#포함된 제목]], 참고 문헌은 [[headings-demo#참고 문헌]] 입니다.

이 페이지의 제목은 [[#제목 링크]] 입니다.
"""

BROKEN = """\
---
title: 깨진 제목 링크
description: 마크다운에서 짐작한 id로는 있지만 렌더링된 페이지에는 없는 제목을 가리킵니다.
---
# 깨진 제목 링크

짐작한 id [[headings-demo#의-뜻]] 는 없습니다.
"""


def make_project(destination: Path, *, broken: bool = False) -> Path:
    project = make_links_project(destination)
    write(project / "includes" / "heading-include.md", INCLUDED)
    write(project / "docs" / "topics" / "headings-demo.md", TARGET)
    write(project / "docs" / "topics" / "heading-links.md", LINKING)
    if broken:
        write(project / "docs" / "topics" / "heading-broken.md", BROKEN)
    return project


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("headings") / "project")
    result = build(project)
    assert result.returncode == 0, result.stderr[-4000:]
    return project


def article(site: Path, uri: str) -> BeautifulSoup:
    html = (site / uri / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "lxml").select_one("article.md-content__inner")


def heading_links(site: Path) -> dict[str, str]:
    return {
        a.get_text(): a["href"] for a in article(site, "topics/heading-links").select("a.wikilink")
    }


def heading_at(site: Path, href: str) -> str:
    """The text of the heading a link from the linking page lands on."""
    page, _, anchor = href.partition("#")
    uri = posixpath.normpath(posixpath.join("topics/heading-links/", page))
    found = article(site, uri).find(id=anchor)
    assert found is not None and re.fullmatch(r"h[1-6]", found.name), href
    return found.get_text().removesuffix("¶").strip()


def test_links_land_on_the_headings_they_name(project: Path) -> None:
    site = project / "site"
    links = heading_links(site)
    landed = {text: heading_at(site, href) for text, href in links.items()}
    assert landed == {
        "예시_1": "예시",
        "예시": "예시",
        "gates": "게이트 요약",
        "게이트 요약": "게이트 요약",
        "Gates": "Gates",
        "h_t 의 뜻": "h_t 의 뜻",
        "포함된 제목": "포함된 제목",
        "참고 문헌": "참고 문헌",
        "제목 링크": "제목 링크",
    }
    # toc numbers the second "예시" `_1`, and gives "Gates" `_1` since {#gates} took its id
    assert links["예시_1"] == "../headings-demo/#예시_1"
    assert links["예시"] == "../headings-demo/#예시"
    assert links["gates"] == links["게이트 요약"] == "../headings-demo/#gates"
    assert links["Gates"] == "../headings-demo/#gates_1"
    assert links["참고 문헌"] == "../headings-demo/#bibliography"
    assert links["제목 링크"] == "#제목-링크"
    second = article(site, "topics/headings-demo").find(id="예시_1").find_next("p")
    assert second.get_text() == "둘째 예시."


def test_no_link_keeps_its_mark(project: Path) -> None:
    html = (project / "site" / "topics" / "heading-links" / "index.html").read_text("utf-8")
    assert "data-wiki-heading" not in html


def test_link_to_a_heading_the_page_lacks_fails_with_file_and_line(tmp_path: Path) -> None:
    """The id the Markdown suggests (`의-뜻`: the code span left out) is not the one the
    page got: the strict build names the link's line and the headings there are."""
    project = make_project(tmp_path / "project", broken=True)
    result = build(project)
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    expected = (
        "docs/topics/heading-broken.md:7: wikilink [[headings-demo#의-뜻]]: "
        "docs/topics/headings-demo.md has no heading '의-뜻' ("
    )
    assert any(expected in line and "write a heading's text or id" in line for line in errors), (
        "\n".join(errors)
    )
    assert "contain an anchor" not in result.stderr  # reported once, by the links stage
    broken = article(project / "site", "topics/heading-broken")
    assert broken.select_one("span.wikilink--missing").get_text() == "의-뜻"
    # the page says so above its text, as it does any error of its own (serve stage)
    assert expected in broken.select_one(".build-error").get_text()


def dirty_build(project: Path) -> str:
    """`mkdocs build --dirty` in a process of its own making (no memory of the last build):
    what `make serve` does on a save. Its log."""
    arguments = ["build", "--dirty", "--site-dir", str(project / "site")]
    result = mkdocs_here(arguments, project, build_env(WIKI_GIT_DATES="false"))
    assert result.returncode == 0, result.stderr[-4000:]
    assert "Traceback" not in result.stderr
    return result.stderr


def test_dirty_build_follows_the_headings_a_page_links_to(project: Path, tmp_path: Path) -> None:
    copy = tmp_path / "project"
    shutil.copytree(project, copy, symlinks=True)
    site = copy / "site"
    dirty_build(copy)  # after a full build, the first dirty one renders every page
    html = {
        uri: site / uri / "index.html" for uri in ("topics/heading-links", "topics/orphan-demo")
    }
    before = {uri: path.stat().st_mtime_ns for uri, path in html.items()}

    # The target's second "예시" renamed, and {#gates} moved: "Gates" gets `gates` back.
    target = copy / "docs" / "topics" / "headings-demo.md"
    text = target.read_text(encoding="utf-8")
    text = text.replace("## 예시\n\n둘째", "## 예제\n\n둘째").replace("{#gates}", "{#summary}")
    target.write_text(text, encoding="utf-8")
    log = dirty_build(copy)
    assert html["topics/heading-links"].stat().st_mtime_ns != before["topics/heading-links"]
    assert html["topics/orphan-demo"].stat().st_mtime_ns == before["topics/orphan-demo"]
    links = heading_links(site)
    assert links["Gates"] == links["gates"] == "../headings-demo/#gates"
    assert links["게이트 요약"] == "../headings-demo/#summary"
    assert "예시_1" not in links
    missing = article(site, "topics/heading-links").select("span.wikilink--missing")
    assert [span.get_text() for span in missing] == ["예시_1"]
    assert (
        "docs/topics/heading-links.md:7: wikilink [[headings-demo#예시_1]]: "
        "docs/topics/headings-demo.md has no heading '예시_1'"
    ) in log

    # Only the linking page changes: the target's ids come from the last build's record.
    rendered_at = (site / "topics" / "headings-demo" / "index.html").stat().st_mtime_ns
    linking = copy / "docs" / "topics" / "heading-links.md"
    linking.write_text(linking.read_text(encoding="utf-8") + "\n덧붙인 문장.\n", "utf-8")
    dirty_build(copy)
    assert (site / "topics" / "headings-demo" / "index.html").stat().st_mtime_ns == rendered_at
    assert "덧붙인 문장" in article(site, "topics/heading-links").get_text()
    links = heading_links(site)
    assert links["Gates"] == "../headings-demo/#gates"
    assert links["게이트 요약"] == "../headings-demo/#summary"
