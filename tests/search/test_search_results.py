"""What the site's search worker sends Material's page for a query: each page's hits
as one group, drawn as Material draws them, and no more than the page can show."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from tests.support.project import ROOT

SCRIPT = ROOT / "tests" / "support" / "search_results.cjs"
CONFIG = {
    "lang": ["ko"],
    "separator": r"[\s\-]+",
    "pipeline": [],
    "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}},
}
PAGES = 40
TAGS = ["LSTM", "노트"]
# Groups drawn in full (lunr_search.js DRAWN_IN_FULL): Material draws 10, then 4 more
# at each scroll to the end of the list.
IN_FULL = 30


def documents() -> list[dict]:
    """Material's search documents for PAGES pages of three sections each. The first
    section of every page has 게이트 in its title, the second in its text; the
    first five pages' own entries have it in their text too."""
    sections = [("게이트 설명", "<p>아무 말</p>"), ("둘째 절", "<p>망각 게이트를 쓴다</p>")]
    sections.append(("셋째 절", "<p>끝</p>"))
    docs = []
    for i in range(PAGES):
        own = "망각 게이트 이야기" if i < 5 else "셀 상태 이야기"
        docs.append(
            {
                "location": f"notes/p{i}/",
                "title": f"노트 {i}",
                "text": f"<p>{own}</p>",
                "tags": TAGS,
            }
        )
        for j, (title, text) in enumerate(sections):
            docs.append(
                {"location": f"notes/p{i}/#s{j}", "title": title, "text": text, "tags": TAGS}
            )
    return docs


def answers(queries: list[str], tmp_path: Path) -> list[dict]:
    node = shutil.which("node")
    assert node, "Node.js is needed (it typesets the maths too)"
    request = tmp_path / "request.json"
    request.write_text(
        json.dumps({"config": CONFIG, "docs": documents(), "queries": queries}, ensure_ascii=False),
        encoding="utf-8",
    )
    result = subprocess.run(
        [node, str(SCRIPT), str(request)], capture_output=True, text=True, check=True, timeout=120
    )
    return json.loads(result.stdout)


def test_a_page_is_one_group_with_its_tags_on_its_own_entry(tmp_path: Path) -> None:
    [answer] = answers(["게이트"], tmp_path)
    groups = answer["items"]
    assert len(groups) == PAGES
    for group in groups[:IN_FULL]:
        [page] = [doc for doc in group if "#" not in doc["location"]]
        assert page["tags"] == TAGS
        assert all("tags" not in doc for doc in group if doc is not page)
        # The best hit is the section with 게이트 in its title, highlighted; the
        # section with it in its text shows it highlighted.
        assert group[0]["location"].endswith("#s0")
        assert group[0]["title"] == "<mark>게이트</mark> 설명"
        [second] = [doc for doc in group if doc["location"].endswith("#s1")]
        assert second["text"] == "<p>망각 <mark>게이트를</mark> 쓴다</p>"
        # Material draws the page's entry with a teaser only when it is the best hit.
        assert page["text"] == ""
    # Pages whose own entry does not match still head their group, scored 0 as in
    # Material's worker.
    assert [g[-1]["score"] for g in groups[:IN_FULL]].count(0) == IN_FULL - 5


def test_the_page_entry_has_its_teaser_and_tags_highlighted_when_it_is_the_best_hit(
    tmp_path: Path,
) -> None:
    [answer] = answers(["LSTM"], tmp_path)
    for group in answer["items"][:IN_FULL]:
        page = group[0]
        assert "#" not in page["location"]
        assert page["tags"] == ["<mark>LSTM</mark>", "노트"]
        assert page["text"] in ("<p>망각 게이트 이야기</p>", "<p>셀 상태 이야기</p>")
        assert all(doc["score"] < page["score"] for doc in group[1:])


def test_groups_past_those_drawn_in_full_are_their_pages_entry_as_their_best_hit(
    tmp_path: Path,
) -> None:
    [answer] = answers(["게이트"], tmp_path)
    groups = answer["items"]
    best = [group[0]["score"] for group in groups]
    assert best == sorted(best, reverse=True) and best[-1] > 0
    for i, group in enumerate(groups[IN_FULL:], IN_FULL):
        [entry] = group
        assert "#" not in entry["location"]
        assert entry["title"] == f"노트 {entry['location'].split('/')[1][1:]}"
        assert entry["text"] == "" and entry["tags"] == TAGS
        assert entry["score"] == best[i] and entry["terms"] == {"게이트": True}
    pages = {group[0]["location"].split("#")[0] for group in groups}
    assert pages == {f"notes/p{i}/" for i in range(PAGES)}
