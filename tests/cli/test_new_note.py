"""`python -m study_wiki new-note`: the day's three files build strictly; the post is listed."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from study_wiki.cli import new_note
from study_wiki.notes.metadata import read_authors
from study_wiki.notes.schema import check_page
from tests.support.mini_project import build, make_mini_project
from tests.support.project import ROOT, build_env
from tests.support.site_pages import resolve

SCRIPT = ROOT / "scripts" / "new_note.py"
SERVE_PREFIX = "http://127.0.0.1:8000/study-wiki/"
AUTHORS = textwrap.dedent("""\
    authors:
      team:
        name: NLP 스터디 팀
        description: 팀 전체
        avatar: ../assets/avatar.svg
      jewoo:
        name: 제우
        description: 스터디원
        avatar: ../assets/avatar.svg
      donggyu:
        name: 동규
        description: 스터디원
        avatar: ../assets/avatar.svg
    """)
ARGS = [
    "--date", "2021-09-20", "--author", "jewoo", "--author", "donggyu",
    "--title", "LSTM 게이트 정리", "--tag", "LSTM", "--slug", "lstm-gates",
]  # fmt: skip


def load_script():
    """The new-note command; it also exposes the scaffold's functions it uses."""
    return new_note


def scaffold(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--root", str(root), *args],
        capture_output=True, text=True, env=build_env(), timeout=60,
    )  # fmt: skip


def bare_project(destination: Path) -> Path:
    """Just enough of a site for the scaffold: its config and its people."""
    destination.mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    authors = destination / "docs" / "daily" / ".authors.yml"
    authors.parent.mkdir(parents=True)
    authors.write_text(AUTHORS, encoding="utf-8")
    return destination


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    project = make_mini_project(tmp_path_factory.mktemp("new-note"))
    (project / "docs" / "daily" / ".authors.yml").write_text(AUTHORS, encoding="utf-8")
    made = scaffold(project, *ARGS)
    assert made.returncode == 0, made.stderr
    result = build(project)
    assert result.returncode == 0, f"strict build failed:\n{result.stderr[-4000:]}"
    return project, made.stdout


@pytest.mark.builds
@pytest.mark.slow
def test_scaffolded_note_is_published_at_the_printed_url(built) -> None:
    project, stdout = built
    assert "docs/daily/posts/2021-09-20-lstm-gates.md" in stdout
    url = next(word for line in stdout.splitlines() for word in line.split()
               if word.startswith("http://"))  # fmt: skip
    assert url == SERVE_PREFIX + "daily/2021/09/20/lstm-gates/"
    page = project / "site" / url.removeprefix(SERVE_PREFIX) / "index.html"
    assert page.is_file(), f"{url} was not built"
    document = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    headings = [h.get_text(" ", strip=True) for h in document.select("article h2")]
    for section in ("공부한 내용 정리", "이날의 기록"):
        assert any(h.startswith(section) for h in headings), headings
    day_links = {resolve(url.removeprefix(SERVE_PREFIX), a["href"])
                 for a in document.select("#this-day ~ ul a[href]")}  # fmt: skip
    assert {"peer-sessions/2021-09-20/", "retrospectives/2021-09-20/"} <= day_links
    for part in ("peer-sessions/2021-09-20", "retrospectives/2021-09-20"):
        assert f"docs/{part}.md" in stdout
        assert (project / "site" / part / "index.html").is_file()


@pytest.mark.builds
@pytest.mark.slow
def test_daily_log_links_to_the_new_note(built) -> None:
    project, _ = built
    index = project / "site" / "daily" / "index.html"
    document = BeautifulSoup(index.read_text(encoding="utf-8"), "lxml")
    links = {resolve("daily/", a["href"]) for a in document.select("article a[href]")}
    assert "daily/2021/09/20/lstm-gates/" in links


def test_template_passes_the_schema() -> None:
    module = load_script()
    day = module.Day(
        date=module.dt.date(2021, 9, 20), authors=["jewoo"], tags=["LSTM"], slug="x",
        title="아주 짧은", description=module.default_description("짧"), level=2, week=8,
        topics=["lstm"],
    )  # fmt: skip
    files = module.day_files(day)
    assert list(files) == [
        "docs/daily/posts/2021-09-20-x.md",
        "docs/peer-sessions/2021-09-20.md",
        "docs/retrospectives/2021-09-20.md",
    ]
    for path, text in files.items():
        src_uri = path.removeprefix("docs/")
        _, problems = check_page(path, src_uri, text, ["jewoo"], [])
        assert problems == [], path
    assert "<!-- more -->" in files["docs/daily/posts/2021-09-20-x.md"]


def test_unknown_author_lists_the_known_ones(tmp_path: Path) -> None:
    root = bare_project(tmp_path / "site")
    result = scaffold(root, "--author", "nobody")
    assert result.returncode == 2
    assert "nobody" in result.stderr
    assert "donggyu, jewoo, team" in result.stderr
    assert not (root / "docs" / "daily" / "posts").exists()


def test_existing_note_is_never_overwritten(tmp_path: Path) -> None:
    root = bare_project(tmp_path / "site")
    assert scaffold(root, *ARGS).returncode == 0
    note = root / "docs" / "daily" / "posts" / "2021-09-20-lstm-gates.md"
    note.write_text(note.read_text(encoding="utf-8") + "\n내가 쓴 내용\n", "utf-8")
    before = note.read_bytes()
    again = scaffold(root, *ARGS)
    assert again.returncode == 1
    assert "docs/daily/posts/2021-09-20-lstm-gates.md" in again.stderr
    assert "덮어쓰지 않습니다" in again.stderr
    assert note.read_bytes() == before
    assert sorted(p.name for p in note.parent.iterdir()) == [note.name]


@pytest.mark.parametrize("date", ["2021-13-45", "어제", "21-9-20"])
def test_bad_date_is_refused(tmp_path: Path, date: str) -> None:
    root = bare_project(tmp_path / "site")
    result = scaffold(root, "--date", date)
    assert result.returncode == 2
    assert f"'{date}'" in result.stderr and "YYYY-MM-DD" in result.stderr


def test_slug_comes_from_a_latin_title_else_note(tmp_path: Path) -> None:
    module = load_script()
    assert module.slug_from_title("Attention Is All You Need!") == ("attention-is-all-you-need")
    assert module.slug_from_title("LSTM 게이트") == "note"
    root = bare_project(tmp_path / "site")
    first = scaffold(root, "--date", "2021-09-20", "--title", "첫 노트")
    assert "daily/2021/09/20/note/" in first.stdout
    # Slugs must be unique across all posts, so a second `note` gets the date.
    second = scaffold(root, "--date", "2021-09-21", "--title", "둘째 노트")
    assert second.returncode == 0, second.stderr
    assert "daily/2021/09/21/note-20210921/" in second.stdout


def test_serve_url_follows_site_url() -> None:
    module = load_script()
    config = {"site_url": "https://example.org/wiki/", "plugins": [{"blog": {}}]}
    date = module.dt.date(2021, 9, 20)
    assert module.serve_url(config, date, "x") == ("http://127.0.0.1:8000/wiki/blog/2021/09/20/x/")
    assert urlsplit(module.serve_url(module.read_config(ROOT), date, "x")).path == (
        urlsplit(SERVE_PREFIX).path + "daily/2021/09/20/x/"
    )


def test_scaffold_fits_the_real_daily_log(tmp_path: Path) -> None:
    """Against the repository's own people and posts (no build: that is above)."""
    root = tmp_path / "site"
    root.mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs" / "daily", root / "docs" / "daily")
    module = load_script()
    people = sorted(read_authors(root / "docs"))
    assert "team" in people
    made = scaffold(root, "--date", "2021-09-20", *[f"--author={p}" for p in people])
    assert made.returncode == 0, made.stderr
    seed_slugs = module.existing_slugs(ROOT / "docs" / "daily" / "posts")
    taken = next(iter(seed_slugs), None)
    if taken:  # an existing post's slug is refused, on any date
        again = scaffold(root, "--date", "2021-09-21", "--slug", taken)
        assert again.returncode == 1
        assert f"slug '{taken}'" in again.stderr
