"""Feeds and preview cards built from notes that try hard to break them."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from tests.support.mini_project import build, make_mini_project, serving, wait_for_page, write

pytestmark = pytest.mark.builds

AUTHORS = """\
authors:
  team:
    name: NLP 스터디 팀
    description: 데모 저자
    avatar: ../assets/avatar.svg
  rnd:
    name: 'R&D <팀> "연구"'
    description: 이름에 특수 문자가 있는 저자
    avatar: ../assets/avatar.svg
"""

TRICKY_TITLE = 'A & B <b>굵게</b> "인용" </title><script>alert(1)</script>'
TRICKY_DESCRIPTION = '설명에 <script>alert("x")</script> & "따옴표"와 <태그>가 들어 있습니다.'

POST = """\
---
title: '{title}'
description: '{description}'
date: {date}
authors: [{authors}]
tags: [데모]
slug: {slug}
---

# {slug}

요약 문단입니다. [다른 글](b-first.md)과 [바깥 링크](https://example.org/a?b=1&c=2)가 있습니다.

<!-- more -->

본문은 피드에 들어가지 않습니다.
"""

# File names in another order than the dates: the feeds must sort by date.
POSTS = {
    "a-third.md": dict(
        title="셋째 날의 기록",
        description="셋째 날에 쓴 노트의 설명입니다. 최신 글입니다.",
        date="2021-09-17",
        authors="team, rnd",
        slug="third",
    ),
    "b-first.md": dict(
        title=TRICKY_TITLE.replace("'", "''"),
        description=TRICKY_DESCRIPTION,
        date="2021-09-13",
        authors="rnd",
        slug="first",
    ),
    "c-second.md": dict(
        title="둘째 날의 기록",
        description="둘째 날에 쓴 노트의 설명입니다. 중간 글입니다.",
        date="2021-09-15",
        authors="team",
        slug="second",
    ),
}


# No `title:`: the title comes from the heading, which MkDocs keeps as HTML.
HEADING_PAGE = """\
---
description: 제목에 앰퍼샌드와 코드가 있는 페이지의 설명입니다.
---

# R&D와 `<T>` 코드 *강조*
"""


def add_posts(project: Path) -> None:
    docs = project / "docs" / "daily"
    write(docs / ".authors.yml", AUTHORS)
    for name, fields in POSTS.items():
        write(docs / "posts" / name, POST.format(**fields))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    project = make_mini_project(tmp_path_factory.mktemp("sharing") / "project")
    add_posts(project)
    write(project / "docs" / "topics" / "amp.md", HEADING_PAGE)
    result = build(project)
    assert result.returncode == 0, result.stderr[-4000:]
    return project, result.stderr


def test_feeds_are_well_formed_newest_first_and_keep_every_character(built) -> None:
    project, _ = built
    site = project / "site"
    for name in ("feed_rss.xml", "feed_atom.xml"):
        feed = feedparser.parse((site / name).read_bytes())
        assert not feed.bozo, feed.get("bozo_exception")
        assert [e.link.rstrip("/").rsplit("/", 1)[-1] for e in feed.entries] == [
            "third",
            "second",
            "first",
        ]
    rss = ET.parse(site / "feed_rss.xml").getroot()
    items = rss.findall("channel/item")
    assert items[2].findtext("title") == TRICKY_TITLE
    dc = "{http://purl.org/dc/elements/1.1/}creator"
    assert [c.text for c in items[0].findall(dc)] == ["NLP 스터디 팀", 'R&D <팀> "연구"']
    assert [c.text for c in items[0].findall("category")] == ["공부 정리"]
    excerpt = items[0].findtext("description")
    assert "요약 문단" in excerpt and "본문은" not in excerpt
    assert 'href="https://example.org/a?b=1&amp;c=2"' in excerpt
    assert 'href="https://nlp-study-team.github.io/study-wiki/daily/2021/09/13/first/"' in excerpt
    atom = ET.parse(site / "feed_atom.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entry = atom.findall("a:entry", ns)[2]
    assert entry.findtext("a:title", namespaces=ns) == TRICKY_TITLE
    assert entry.findtext("a:summary", namespaces=ns) == TRICKY_DESCRIPTION
    assert entry.findtext("a:published", namespaces=ns) == "2021-09-13T00:00:00+09:00"
    part = ET.parse(site / "feeds" / "공부-정리.xml").getroot()
    titles = [i.findtext("title") for i in part.findall("channel/item")]
    assert titles == ["셋째 날의 기록", "둘째 날의 기록", TRICKY_TITLE]


def test_card_tags_keep_contributor_text_as_text(built) -> None:
    """Our tags only: the theme's own <title> is another part's job (escaping)."""
    project, _ = built
    html = project / "site" / "daily" / "2021" / "09" / "13" / "first" / "index.html"
    source = html.read_text(encoding="utf-8")
    tags = re.findall(r'<meta (?:property|name)="(?:og|twitter):[^\n]*>', source)
    assert len(tags) >= 10
    content = {}
    for tag in tags:
        (meta,) = BeautifulSoup(tag, "html.parser").find_all("meta")
        content[meta.get("property") or meta.get("name")] = meta["content"]
        assert "<" not in tag[1:-1], f"unescaped markup in {tag}"
    assert content["og:title"] == content["twitter:title"] == TRICKY_TITLE
    assert content["og:description"] == content["twitter:description"] == TRICKY_DESCRIPTION
    card = project / "site" / "assets/images/social/daily/2021/09/13/first.png"
    assert card.is_file()


def test_a_title_from_the_heading_is_escaped_once(built) -> None:
    project, _ = built
    html = (project / "site" / "topics" / "amp" / "index.html").read_text(encoding="utf-8")
    (tag,) = re.findall(r'<meta property="og:title"[^>]*>', html)
    assert BeautifulSoup(tag, "html.parser").meta["content"] == "R&D와 <T> 코드 강조"


def test_cards_come_from_the_cache_until_their_text_changes(built) -> None:
    project, first_log = built
    assert "social cards: 0 drawn" not in first_log
    again = build(project)
    assert again.returncode == 0, again.stderr[-4000:]
    assert "social cards: 0 drawn" in again.stderr
    page = project / "docs" / "daily" / "posts" / "c-second.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("중간 글입니다.", "설명을 고쳤습니다."),
        encoding="utf-8",
    )
    changed = build(project)
    assert changed.returncode == 0, changed.stderr[-4000:]
    assert "social cards: 1 drawn" in changed.stderr, changed.stderr[-2000:]


def test_a_title_the_card_font_cannot_draw_fails_the_strict_build(tmp_path: Path) -> None:
    project = make_mini_project(tmp_path / "project")
    write(
        project / "docs" / "topics" / "emoji.md",
        "---\ndescription: 제목에 이모지가 있는 페이지의 설명입니다.\n---\n\n# 이모지 😀 제목\n",
    )
    result = build(project)
    assert result.returncode != 0
    assert "docs/topics/emoji.md:5: the social card cannot draw '😀' (U+1F600)" in result.stderr, (
        result.stderr[-3000:]
    )
    assert "Traceback" not in result.stderr


def test_feed_keeps_every_post_while_serving_dirty(tmp_path: Path) -> None:
    """`make serve` re-renders only the saved post; the feed still lists them all."""
    project = make_mini_project(tmp_path / "project")
    add_posts(project)
    with serving(project) as (home, _):
        feed_url = f"{home}feed_rss.xml"
        wait_for_page(feed_url, lambda xml: xml.count("<item>") == 3)
        post = project / "docs" / "daily" / "posts" / "c-second.md"
        post.write_text(
            post.read_text(encoding="utf-8").replace("둘째 날의 기록", "둘째 날, 고친 제목"),
            encoding="utf-8",
        )
        xml = wait_for_page(feed_url, lambda xml: "고친 제목" in xml, timeout=60)
        assert xml.count("<item>") == 3, xml
        card = wait_for_page(f"{home}daily/", lambda html: "og:image" in html)
        assert "assets/images/social/daily.png" in card


def test_feeds_stay_well_formed_xml_with_a_control_character_in_a_title(tmp_path: Path) -> None:
    """XML 1.0 cannot hold most control characters; one from a character reference in a
    heading (the page title) is left out of the feeds instead of breaking them."""
    project = make_mini_project(tmp_path / "project")
    write(
        project / "docs" / "daily" / "posts" / "ctl.md",
        POST.format(**POSTS["a-third.md"] | {"authors": "team"})
        .replace("title: '셋째 날의 기록'\n", "")
        .replace("# third", "# 셋째&#1; 날의&#x1b; 기록"),
    )
    result = build(project, strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    site = project / "site"
    for name in ("feed_rss.xml", "feed_atom.xml", "feeds/공부-정리.xml"):
        root = ET.parse(site / name).getroot()  # raises on ill-formed XML
        titles = [e.text for e in root.iter() if e.tag.endswith("title")]
        assert "셋째 날의 기록" in titles, (name, titles)
