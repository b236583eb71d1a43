"""Contributor text (front matter, .authors.yml, captions, alt) is escaped everywhere."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.support.hostile_project import PLAIN_TITLE, make_hostile_project
from tests.support.mini_project import build

pytestmark = pytest.mark.builds


class Injected(HTMLParser):
    """Elements the payloads would create if they were not escaped."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_script = tag == "script"
        for name, value in attrs:
            if name.startswith("on") and "__pwned" in (value or ""):
                self.found.append(f"<{tag} {name}={value!r}>")

    def handle_data(self, data: str) -> None:
        if self.in_script and "__pwned" in data:
            self.found.append(f"<script>{data[:60]}")

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_hostile_project(tmp_path_factory.mktemp("hostile") / "project")
    result = build(project, WIKI_SEARCH_KO="false")
    assert result.returncode == 0, result.stderr[-4000:]
    return project / "site"


def test_no_payload_becomes_markup_on_any_page(hostile_site: Path) -> None:
    found = {}
    for page in sorted(hostile_site.rglob("*.html")):
        parser = Injected()
        parser.feed(page.read_text(encoding="utf-8"))
        if parser.found:
            found[page.relative_to(hostile_site).as_posix()] = parser.found
    assert not found, found


def test_plain_text_with_markup_characters_survives(hostile_site: Path) -> None:
    page = (hostile_site / "index.html").read_text(encoding="utf-8")
    escaped = "List&lt;int&gt;와 &#34;LSTM&#34;의 &#39;gate&#39;"
    assert f"<title>{escaped} - " in page
    # the description stays one attribute value: its quotes do not end it early
    assert '<meta name="description" content="설명 &#34;LSTM&#34;이 들어간' in page
    second = (hostile_site / "second" / "index.html").read_text(encoding="utf-8")
    assert escaped in second  # footer link to the previous page
    assert PLAIN_TITLE not in second


def test_search_index_titles_and_tags_are_escaped_text(hostile_site: Path) -> None:
    index = json.loads((hostile_site / "search" / "search_index.json").read_text("utf-8"))
    for doc in index["docs"]:
        shown = " ".join([doc["title"], doc["text"], *doc.get("tags", [])])
        assert "<script" not in shown and "<img" not in shown, doc
    titles = {doc["location"]: doc["title"] for doc in index["docs"]}
    assert titles["second/"].startswith("둘째 제목 &lt;script&gt;"), titles
