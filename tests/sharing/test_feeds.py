"""The daily log's feeds, as a feed reader sees them (parsed with feedparser)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
from bs4 import BeautifulSoup

from tests.support.sharing import authors, html_pages, local_file, site_url
from tests.support.sharing import page_url as built_url
from tests.support.site_pages import DOCS, front_matter, page_url

BASE = site_url()
FEEDS = {"rss": "feed_rss.xml", "atom": "feed_atom.xml"}
KST = dt.timezone(dt.timedelta(hours=9))


def posts() -> list[dict]:
    """Front matter of every post, newest first, with its published URL."""
    found = []
    for path in sorted((DOCS / "daily" / "posts").glob("*.md")):
        src_uri = path.relative_to(DOCS).as_posix()
        meta = dict(front_matter(src_uri), url=BASE + page_url(src_uri))
        found.append(meta)
    return sorted(found, key=lambda m: str(m["date"]), reverse=True)


def parse(site: Path, name: str):
    feed = feedparser.parse((site / name).read_bytes())
    assert not feed.bozo, f"{name} is not well-formed: {feed.get('bozo_exception')}"
    return feed


@pytest.mark.parametrize("kind", sorted(FEEDS))
def test_feed_lists_every_post_newest_first_with_absolute_links(site: Path, kind: str) -> None:
    feed = parse(site, FEEDS[kind])
    expected = posts()
    assert expected, "the site has no posts to put in a feed"
    assert feed.version == {"rss": "rss20", "atom": "atom10"}[kind]
    assert [e.link for e in feed.entries] == [m["url"] for m in expected]
    published = [e.published_parsed for e in feed.entries]
    assert published == sorted(published, reverse=True)
    for entry in feed.entries:
        assert local_file(site, entry.link, BASE).is_file(), entry.link
        content = entry.get("content", [{}])[0].get("value") or entry.get("summary", "")
        links = re.findall(r'(?:href|src)="([^"]*)"', content)
        relative = [link for link in links if not link.startswith(("https://", "http://"))]
        assert not relative, f"{entry.link}: relative links in the feed: {relative}"
        for link in links:
            if link.startswith(BASE):
                assert local_file(site, link.split("#")[0], BASE).exists(), link


@pytest.mark.parametrize("kind", sorted(FEEDS))
def test_feed_entries_keep_korean_text_authors_categories_and_the_team_clock(
    site: Path, kind: str
) -> None:
    feed = parse(site, FEEDS[kind])
    assert feed.feed.title == "스터디 위키 일일 기록"
    names = authors()
    raw = (site / FEEDS[kind]).read_text(encoding="utf-8")
    for entry, meta in zip(feed.entries, posts(), strict=True):
        assert entry.title == meta["title"]
        assert entry.summary.strip() or kind == "rss"
        assert [a["name"] for a in entry.authors] == [names[a] for a in meta["authors"]]
        assert [t.term for t in entry.tags] == ["공부 정리"]
        date = dt.date.fromisoformat(str(meta["date"]))
        midnight = dt.datetime(date.year, date.month, date.day, tzinfo=KST)
        stamp = {
            "rss": midnight.strftime("%a, %d %b %Y %H:%M:%S +0900"),
            "atom": midnight.isoformat(),
        }[kind]
        assert stamp in raw, f"{kind}: no date {stamp} (KST) for {meta['title']}"
        assert stamp.endswith(("+0900", "+09:00"))
    if kind == "atom":
        assert all(e.content[0].value.strip() for e in feed.entries), "entries have no content"


PARTS = {"daily/posts": "공부 정리", "peer-sessions": "피어세션", "retrospectives": "학습 회고"}


def part_pages(folder: str) -> list[dict]:
    """Front matter of every page of one day part, newest first, with its URL."""
    found = []
    for path in sorted((DOCS / folder).glob("*.md")):
        if path.name != "index.md":
            src_uri = path.relative_to(DOCS).as_posix()
            found.append(dict(front_matter(src_uri), url=BASE + page_url(src_uri)))
    return sorted(found, key=lambda m: str(m["date"]), reverse=True)


def test_each_part_of_a_day_has_a_feed_of_its_own(site: Path) -> None:
    for folder, part in PARTS.items():
        expected = [m["url"] for m in part_pages(folder)]
        assert expected, f"no pages in docs/{folder}"
        name = "feeds/" + part.replace(" ", "-") + ".xml"
        feed = parse(site, name)
        assert [e.link for e in feed.entries] == expected, name
        assert all([t.term for t in e.tags] == [part] for e in feed.entries), name


def test_every_page_links_the_feeds_and_the_home_page_shows_them(site: Path) -> None:
    for html in html_pages(site):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml")
        links = [
            link
            for link in soup.select('head link[rel="alternate"]')
            if link.get("type", "").endswith(("rss+xml", "atom+xml"))
        ]
        # Relative: the theme fetches sitemap.xml next to each alternate link.
        assert not [link["href"] for link in links if "//" in link["href"]], html
        found = {link["type"]: urljoin(built_url(site, html, BASE), link["href"]) for link in links}
        assert found == {
            "application/rss+xml": BASE + FEEDS["rss"],
            "application/atom+xml": BASE + FEEDS["atom"],
        }, html
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "lxml")
    hrefs = [a["href"] for a in home.select(".md-content a[href]")]
    for name in FEEDS.values():
        assert name in hrefs, f"the home page does not link {name}"
    for href in hrefs:
        if href.endswith(".xml"):
            assert (site / href).is_file(), f"home page links a missing feed: {href}"
