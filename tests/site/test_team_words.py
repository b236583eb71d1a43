"""The team's words, as the team wrote them: every `!!! quote` box of every page, every
goal in front matter and what the generated pages show of them, against the original
notes kept unchanged in includes/originals/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.project import ROOT
from tests.support.site_pages import DOCS, front_matter, soup, source_pages

ORIGINALS = sorted((ROOT / "includes" / "originals").glob("*.md"))
CITATION = re.compile(r"\[@[^\]]+\]|\[\d+\](?!\()")
LIST_MARKER = re.compile(r"^\s*(?:[*-]|#+)\s+", re.M)
QUOTE = re.compile(
    r"^(?P<indent> *)!!! quote(?: \"[^\"]*\")?\n(?P<body>(?:(?:(?P=indent) {4}.*)?\n)+)", re.M
)


def normal(text: str) -> str:
    """The words only: no citation markers, list markers, <br>, or spacing differences."""
    text = CITATION.sub("", text.replace("<br>", " ").replace("&nbsp;", " "))
    text = LIST_MARKER.sub("", text)
    return " ".join(text.split())


ORIGINAL = " ".join(normal(p.read_text(encoding="utf-8")) for p in ORIGINALS)


def quoted_pieces(markdown: str) -> list[str]:
    """Each paragraph or list item inside a quote box, as written."""
    pieces = []
    for box in QUOTE.finditer(markdown):
        body = "\n".join(line[len(box["indent"]) + 4 :] for line in box["body"].splitlines())
        for block in re.split(r"\n\s*\n|\n(?=- )", body.strip()):
            if block.strip():
                pieces.append(block)
    return pieces


def test_the_originals_are_kept() -> None:
    assert ORIGINALS, "the team's original notes live in includes/originals/"
    assert "토요일은 풀잠" in ORIGINAL


PAGES_WITH_QUOTES = [
    p
    for p in source_pages()
    if p.endswith(".md") and "!!! quote" in (DOCS / p).read_text(encoding="utf-8")
]


def test_the_team_is_quoted_on_the_pages_that_tell_its_day() -> None:
    assert {
        "topics/lstm.md",
        "daily/posts/2021-09-17-level2-last-day.md",
        "peer-sessions/2021-09-17.md",
        "retrospectives/2021-09-17.md",
    } <= set(PAGES_WITH_QUOTES)


@pytest.mark.parametrize("page", PAGES_WITH_QUOTES)
def test_every_quote_box_holds_the_teams_own_sentences(page: str) -> None:
    pieces = quoted_pieces((DOCS / page).read_text(encoding="utf-8"))
    assert pieces
    changed = [piece for piece in pieces if normal(piece) not in ORIGINAL]
    assert not changed, f"{page}: not as the team wrote it: {changed}"


def test_the_check_notices_a_changed_word() -> None:
    assert normal("토요일은 풀잠, RoFormer (RPE)") in ORIGINAL
    assert normal("토요일은 푹 자기, RoFormer (RPE)") not in ORIGINAL
    assert (
        normal("- gradient vanishing과 같이 완벽하게 해결한 것은 아니다[@see2019cs224n].")
        in ORIGINAL
    )


def test_goals_are_the_teams_words() -> None:
    goals = {
        page: front_matter(page).get("goals", {})
        for page in source_pages()
        if front_matter(page).get("goals")
    }
    assert goals
    for page, by_person in goals.items():
        for who, goal in by_person.items():
            assert normal(goal) in ORIGINAL, f"{page}: {who}'s goal is not as written: {goal!r}"


def test_member_pages_quote_the_goals_and_mark_estimated_dates(site: Path) -> None:
    page = soup(site, "members/myunghoon/")
    items = [li.get_text(" ", strip=True) for li in page.select("#goals ~ ul li")]
    assert any("“토요일은 풀잠, RoFormer (RPE), Hi-Transformer”" in item for item in items), items
    assert all("추정" in item for item in items if "2021-09-17" in item)
    assert "팀이 쓴 그대로" in page.select_one("#goals").find_next("p").get_text()


@pytest.mark.parametrize(
    "url",
    [
        "daily/2021/09/17/level2-last-day/",
        "programme/",
        "programme/level-2/",
        "programme/week-7/",
        "members/myunghoon/",
        "",
        "topics/lstm/",
        "peer-sessions/",
        "retrospectives/",
    ],
)
def test_an_estimated_week_and_weekday_are_marked_wherever_shown(site: Path, url: str) -> None:
    text = " ".join(soup(site, url).select_one(".md-content").get_text(" ").split())
    for shown in re.findall(r"2021-09-17 \([월화수목금토일][^)]*\)", text):
        assert shown == "2021-09-17 (금, 추정)", (url, shown)
    for shown in re.findall(r"7주차(?:\([^)]*\))?", text):
        assert shown == "7주차(추정)", (url, shown)
    assert re.search(r"2021-09-17 \(|7주차", text), f"{url} shows neither"
