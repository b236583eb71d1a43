"""200 days of notes, one structure: 30 days scaffolded by the scaffold itself, built
strictly, and every day found in every timeline, group index and member page it
belongs to; no existing file edited; a navigation without duplicates or endless lists.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
from bs4 import BeautifulSoup

from study_wiki.cli.new_note import main as new_note
from tests.support.mini_project import build, make_mini_project
from tests.support.project import copy_project, mkdocs_build, snapshot

pytestmark = pytest.mark.builds

MEMBERS = ["jewoo", "donggyu", "myunghoon", "woochang"]
START = dt.date(2021, 9, 20)  # the Monday after the seed day (level 2, week 7)
HOSTILE = "<script>alert(1)</script> | [x](javascript:alert(1)) **굵게**"
# A note's body may not hold script at all (the HTML policy fails the build), so the
# question carries markup that is allowed in a note but must stay text in a timeline.
SHOWN_MARKER = "<!-- timeline:latest -->"  # in a code block: shown, not filled
HOSTILE_BODY = "| [x](https://example.invalid/) **굵게**"


@dataclass
class Planned:
    date: dt.date
    slug: str
    authors: list[str]
    level: int
    week: int
    topics: list[str] = field(default_factory=list)
    question: str = ""
    goal: tuple[str, str] | None = None
    extra: str = ""  # a second member's post on the same day, by its URL

    @property
    def post_url(self) -> str:
        return f"daily/{self.date:%Y/%m/%d}/{self.slug}/"

    @property
    def peer_url(self) -> str:
        return f"peer-sessions/{self.date.isoformat()}/"

    @property
    def retro_url(self) -> str:
        return f"retrospectives/{self.date.isoformat()}/"


def weekdays(start: dt.date, count: int) -> list[dt.date]:
    days, day = [], start
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def scaffold_days(project: Path, count: int = 30) -> list[Planned]:
    """`count` school days written with the scaffold, then filled in as a team would."""
    planned = []
    for index, date in enumerate(weekdays(START, count)):
        authors = [MEMBERS[index % len(MEMBERS)]]
        if index % 5 == 2:
            authors.append(MEMBERS[(index + 1) % len(MEMBERS)])
        args = ["--root", str(project), "--date", date.isoformat(), "--title", f"Day {index}"]
        args += [f"--author={a}" for a in authors]
        args += ["--participant=" + p for p in MEMBERS]
        if index == 0:
            args += ["--level", "3"]  # a new level starts; weeks are carried on
        if index == 15:
            args += ["--level", "4"]
        topics = ["lstm"] if index % 4 == 0 else []
        args += [f"--topic={t}" for t in topics]
        assert new_note(args) == 0
        level = 3 if index < 15 else 4
        week = 8 + (date - START).days // 7  # the seed's week 7, counted on by the scaffold
        planned.append(
            Planned(date, f"day-{index}", authors, level, week, topics, f"{index}번째 질문")
        )
        if index % 10 == 9:  # a second member writes a post on the same day
            again = ["--root", str(project), "--date", date.isoformat(), "--author=jeonjin"]
            assert new_note([*again, "--title", f"Extra {index}"]) == 0
            planned[-1].extra = f"daily/{date:%Y/%m/%d}/extra-{index}/"
    for item in planned:  # writing the notes (content, not indexes)
        peer = project / "docs" / "peer-sessions" / f"{item.date.isoformat()}.md"
        text = peer.read_text(encoding="utf-8")
        who = item.authors[0]
        goal = f"{item.date.isoformat()} 목표 {HOSTILE if item.date == START else ''}".strip()
        item.goal = (who, goal)
        text = text.replace("goals: {}", f"goals:\n  {who}: {goal!r}")
        question = item.question + (f" {HOSTILE_BODY}" if item.date == START else "")
        if item is planned[1]:  # code in a heading: the link finds the id toc gave it
            question += " `tanh` { .q }"
        text += f"\n## 질문: {question}\n\n답을 적습니다.\n"
        if item is planned[2]:  # the same question asked again, further down
            text += f"\n## 질문: {question}\n\n다시 묻습니다.\n"
        peer.write_text(text, encoding="utf-8")
    return planned


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    project = copy_project(tmp_path_factory.mktemp("ia") / "project")
    # A name the file-name rule allows that Markdown gives a meaning to.
    (project / "docs" / "topics" / f"{ODD_TOPIC}.md").write_text(
        f"---\ntitle: 이름이 까다로운 주제\ndescription: {'가' * 40}\n---\n\n본문입니다.\n"
        f"\n```markdown\n{SHOWN_MARKER}\n```\n",
        encoding="utf-8",
    )
    before = snapshot(project / "docs")
    planned = scaffold_days(project)
    after = snapshot(project / "docs")
    result = mkdocs_build(project, project / "site", WIKI_GIT_DATES="false")
    assert result.returncode == 0, f"strict build failed:\n{result.stderr[-6000:]}"
    assert snapshot(project / "docs") == after, "the build wrote into docs/"
    return project, project / "site", planned, before, after


def soup(site: Path, url: str) -> BeautifulSoup:
    path = site / url / "index.html"
    assert path.is_file(), f"{url} was not built"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def links(site: Path, url: str, scope: str = "article") -> set[str]:
    """Site-relative URLs (with #anchor) linked from the page's `scope`."""
    found = set()
    for a in soup(site, url).select(f"{scope} a[href]"):
        href = a["href"]
        if "://" not in href and not href.startswith(("mailto:", "#")):
            found.add(urljoin("http://x/" + url, href).removeprefix("http://x/"))
    return found


def test_scaffolding_adds_files_and_edits_none(built) -> None:
    _, _, planned, before, after = built
    changed = sorted(name for name in before if after.get(name) != before[name])
    assert changed == [], f"scaffolding 30 days edited existing files: {changed}"
    added = set(after) - set(before)
    assert len(added) == 3 * len(planned) + 3  # 3 parts a day, and 3 second posts
    for item in planned:
        assert f"peer-sessions/{item.date.isoformat()}.md" in added
        assert f"retrospectives/{item.date.isoformat()}.md" in added


def test_every_day_is_in_the_daily_log_and_its_month(built) -> None:
    _, site, planned, *_ = built
    log_pages = ["daily/"] + [
        f"daily/page/{p.parent.name}/" for p in (site / "daily" / "page").glob("*/index.html")
    ]
    assert len(log_pages) == 4  # 30 + 3 + 1 posts, 10 a page
    in_log = set().union(*(links(site, page) for page in log_pages))
    archive = set()
    for month in (site / "daily" / "archive").glob("*/*"):
        url = f"daily/archive/{month.parent.name}/{month.name}/"
        pages = [url] + [f"{url}page/{p.name}/" for p in (month / "page").glob("*")]
        archive |= {(url, link) for page in pages for link in links(site, page)}
    for item in planned:
        assert item.post_url in in_log
        assert (f"daily/archive/{item.date:%Y/%m}/", item.post_url) in archive
        if item.extra:
            assert item.extra in in_log


def test_peer_session_timeline_lists_people_and_questions(built) -> None:
    _, site, planned, *_ = built
    timeline = links(site, "peer-sessions/")
    page = soup(site, "peer-sessions/")
    for item in planned:
        assert item.peer_url in timeline
        anchors = [u for u in timeline if u.startswith(item.peer_url + "#")]
        assert len(anchors) == (2 if item is planned[2] else 1), anchors
        target = soup(site, item.peer_url)
        for anchor in anchors:
            assert target.find(id=anchor.split("#")[1]), f"{anchor} has no target"
        assert item.question in page.get_text()
    for member in MEMBERS:
        assert f"members/{member}/" in timeline
    # contributor text is shown as text, never as markup
    assert "0번째 질문 | x 굵게" in page.get_text()
    assert "<script>alert(1)</script>" in soup(site, "members/jewoo/").get_text()
    assert not page.select("article script") and not page.select('article a[href^="javascript"]')


def test_retrospective_timeline_and_home_page(built) -> None:
    _, site, planned, *_ = built
    retros = links(site, "retrospectives/")
    for item in planned:
        assert item.retro_url in retros
    home = links(site, "")
    newest = sorted(planned, key=lambda p: p.date)[-7:]
    for item in newest:
        assert {item.post_url, item.peer_url, item.retro_url} <= home
    assert planned[0].post_url not in home  # only the latest days


ODD_TOPIC = "[[게이트]] (초안) 2"


def test_generated_links_reach_a_page_whose_name_has_brackets_and_spaces(built) -> None:
    _, site, *_ = built
    url = f"topics/{ODD_TOPIC}/"
    assert (site / url / "index.html").is_file()
    assert url in {unquote(href) for href in links(site, "topics/")}
    assert url in {unquote(href) for href in links(site, "links/")}


def test_topic_page_lists_the_days_that_worked_on_it(built) -> None:
    _, site, planned, *_ = built
    on_topic = links(site, "topics/lstm/")
    for item in planned:
        assert (item.post_url in on_topic) == bool(item.topics), item.date
    assert "daily/2021/09/17/level2-last-day/" in on_topic
    assert "topics/lstm/" in links(site, "topics/")


def test_a_marker_in_a_code_block_is_shown_as_written(built) -> None:
    _, site, *_ = built
    code = soup(site, f"topics/{ODD_TOPIC}/").select("article pre code")
    assert [block.get_text().strip() for block in code] == [SHOWN_MARKER]


def test_level_and_week_indexes(built) -> None:
    _, site, planned, *_ = built
    for item in planned:
        assert item.post_url in links(site, f"programme/level-{item.level}/")
        week = links(site, f"programme/week-{item.week}/")
        assert {item.post_url, item.peer_url, item.retro_url} <= week
        other = 4 if item.level == 3 else 3
        assert item.post_url not in links(site, f"programme/level-{other}/")
        assert f"programme/level-{item.level}/" in links(site, item.post_url)
    index = links(site, "programme/")
    assert {"programme/level-2/", "programme/level-3/", "programme/level-4/"} <= index
    assert {f"programme/week-{w}/" for w in range(7, 14)} <= index


def test_member_pages_show_what_each_wrote_and_their_goals(built) -> None:
    _, site, planned, *_ = built
    for member in [*MEMBERS, "jeonjin"]:
        page = links(site, f"members/{member}/")
        text = soup(site, f"members/{member}/").get_text()
        for item in planned:
            wrote = member in item.authors
            assert (item.post_url in page) == wrote, (member, item)
            assert (item.retro_url in page) == wrote, (member, item)
            assert (item.peer_url in page) == (member in MEMBERS), (member, item)
            if item.extra:
                assert (item.extra in page) == (member == "jeonjin"), (member, item)
            if item.goal and item.goal[0] == member:
                assert f"{item.date.isoformat()} 목표" in text
    assert "부스트코스 확률 강의 수강" in soup(site, "members/jewoo/").get_text()
    assert "members/jewoo/" in links(site, "members/")


def nav_tree(site: Path, url: str = "") -> list[tuple[str, list]]:
    """The primary navigation as (title, children) pairs."""
    top = soup(site, url).select_one("nav.md-nav--primary > ul.md-nav__list")

    def items(ul) -> list[tuple[str, list]]:
        result = []
        for li in ul.find_all("li", class_="md-nav__item", recursive=False):
            label = li.find(class_="md-nav__link", recursive=False) or li.find(
                "label", recursive=False
            )
            title = " ".join(label.get_text(" ", strip=True).split()) if label else ""
            child = li.select_one(":scope > nav > ul.md-nav__list")
            result.append((title, items(child) if child else []))
        return result

    return items(top)


def test_navigation_has_sections_no_duplicates_and_no_endless_lists(built) -> None:
    _, site, planned, *_ = built
    tree = nav_tree(site)
    titles = [title for title, _ in tree]
    assert titles[0] == "홈", titles
    assert "스터디 위키" not in titles
    sections = dict(tree)
    assert [t for t, children in tree[1:] if not children] == [], "top-level pages after sections"
    site_info = [t for t, _ in sections["사이트 정보"]]
    assert "빌드 성능" in site_info and "기여 안내" in site_info
    # Each page's menu holds only its open sections' entries (navigation.prune).
    contributing = dict(dict(nav_tree(site, "contributing/"))["사이트 정보"])["기여 안내"]
    assert [t for t, _ in contributing if t in ("빌드 성능", "태그")] == []
    assert "태그" in [t for t, _ in sections["모아 보기"]]

    def walk(nodes, path=()):
        siblings = [t for t, _ in nodes]
        assert len(siblings) == len(set(siblings)), f"duplicate entries under {path}: {siblings}"
        for title, children in nodes:
            assert len(children) <= 12, f"{path + (title,)} has {len(children)} entries"
            walk(children, path + (title,))

    for url in ("", "daily/", "contributing/", "topics/", "members/"):
        walk(nav_tree(site, url))
    nav_links = links(site, "", scope="nav.md-nav--primary")
    for item in planned:  # days are reached from the timelines, not from the menu
        assert item.peer_url not in nav_links and item.retro_url not in nav_links
        assert f"programme/week-{item.week}/" not in nav_links
    daily = dict(nav_tree(site, "daily/archive/2021/10/"))
    months = [t for t, _ in dict(dict(daily["기록"])["일일 기록"])["월별 보관함"]]
    assert months == ["2021년 10월", "2021년 9월"], months


def test_front_matter_of_scaffolded_parts(built) -> None:
    project, _, planned, *_ = built
    item = planned[0]
    post = (project / "docs/daily/posts" / f"{item.date.isoformat()}-{item.slug}.md").read_text()
    assert re.search(r"^level: 3$", post, re.M) and re.search(r"^week: 8$", post, re.M)
    assert re.search(r"^topics: \[lstm\]$", post, re.M)
    assert "categories" not in post
    peer = (project / "docs/peer-sessions" / f"{item.date.isoformat()}.md").read_text()
    assert "participants:\n  - jewoo\n  - donggyu" in peer


def dirty_build(project: Path, site: Path) -> None:
    """`mkdocs build --dirty`, what `make serve` runs after a save."""
    result = mkdocs_build(project, site, strict=False, dirty=True, WIKI_GIT_DATES="false")
    assert result.returncode == 0, result.stderr[-4000:]


def test_dirty_rebuild_refreshes_timelines_when_a_note_changes(built) -> None:
    """`make serve` re-renders only changed pages; the timelines must follow anyway."""
    project, site, planned, *_ = built
    before = (site / "peer-sessions" / "index.html").read_text(encoding="utf-8")
    peer = project / "docs" / "peer-sessions" / f"{planned[-1].date.isoformat()}.md"
    peer.write_text(peer.read_text(encoding="utf-8") + "\n## 질문: 새로 더한 질문\n", "utf-8")
    dirty_build(project, site)
    assert "새로 더한 질문" not in before
    assert "새로 더한 질문" in soup(site, "peer-sessions/").get_text()


def test_dirty_rebuild_leaves_timelines_alone_when_what_they_list_is_unchanged(built) -> None:
    """A note's body is not in any timeline: its save re-renders the note, not the lists."""
    project, site, planned, *_ = built
    timeline = site / "peer-sessions" / "index.html"
    dirty_build(project, site)  # after a full build, the first dirty one renders them once
    listed_at = timeline.stat().st_mtime_ns
    peer = project / "docs" / "peer-sessions" / f"{planned[0].date.isoformat()}.md"
    peer.write_text(peer.read_text(encoding="utf-8") + "\n본문에만 더한 문장.\n", "utf-8")
    dirty_build(project, site)
    assert timeline.stat().st_mtime_ns == listed_at
    day = planned[0].date
    assert "본문에만 더한 문장" in soup(site, f"peer-sessions/{day.isoformat()}/").get_text()


def test_dirty_rebuild_redraws_the_day_parts_that_show_what_a_note_changed(built) -> None:
    """A day's peer session lists the topics of its study notes: a topic added to a note
    redraws that page, though the page's own text and links are unchanged, and the
    topic's page, and not the peer session of another day."""
    project, site, planned, *_ = built
    day, other = planned[3], planned[5]
    assert not day.topics
    dirty_build(project, site)
    other_peer = site / other.peer_url / "index.html"
    kept_at = other_peer.stat().st_mtime_ns
    post = project / "docs" / "daily" / "posts" / f"{day.date.isoformat()}-{day.slug}.md"
    text = post.read_text(encoding="utf-8")
    assert "topics: []\n" in text
    post.write_text(text.replace("topics: []\n", "topics: [lstm]\n"), encoding="utf-8")
    dirty_build(project, site)
    this_day = soup(site, day.peer_url).select_one("#this-day ~ ul")
    assert any(a["href"].endswith("topics/lstm/") for a in this_day.select("a[href]"))
    assert day.post_url in links(site, "topics/lstm/")
    assert other_peer.stat().st_mtime_ns == kept_at


def test_unknown_topic_names_the_file_line_and_fix(tmp_path: Path) -> None:
    project = make_mini_project(tmp_path / "project")
    args = ["--root", str(project), "--date", "2021-09-20", "--title", "Gates", "--level", "2"]
    assert new_note(args) == 0
    post = project / "docs" / "daily" / "posts" / "2021-09-20-gates.md"
    post.write_text(post.read_text(encoding="utf-8").replace("topics: []", "topics: [nope]"))
    line = post.read_text(encoding="utf-8").splitlines().index("topics: [nope]") + 1
    result = build(project)
    assert result.returncode != 0
    assert (
        f"docs/daily/posts/2021-09-20-gates.md:{line}: front matter field 'topics': "
        "no topic page topics/nope.md; use one of (none yet) or create that page"
    ) in result.stderr
    assert "Traceback" not in result.stderr


def test_questions_reach_their_headings_with_the_links_stage_off(built, tmp_path: Path) -> None:
    project, _, planned, *_ = built
    site = tmp_path / "site"
    # Not strict: the real pages' link syntax is left as text with the stage off.
    result = mkdocs_build(project, site, strict=False, WIKI_GIT_DATES="false", WIKI_LINKS="off")
    assert result.returncode == 0, result.stderr[-3000:]
    questions = [u for u in links(site, "peer-sessions/") if "#" in u]
    assert len(questions) >= len(planned)
    for url in questions:
        page, anchor = url.split("#")
        assert soup(site, page).find(id=anchor), f"{url} has no target"
    assert "data-wiki-heading" not in (site / "peer-sessions" / "index.html").read_text("utf-8")
