"""`make build` with nothing changed is skipped, and anything a build reads undoes that."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from study_wiki.core.up_to_date import input_fingerprint, is_up_to_date, record_build
from tests.support.mini_project import build_site, make_mini_project, write
from tests.support.project import mkdocs_build, snapshot

SKIPPED = "site/ is up to date"


def file_times(site: Path) -> dict[str, int]:
    return {
        path.relative_to(site).as_posix(): path.stat().st_mtime_ns
        for path in site.rglob("*")
        if path.is_file()
    }


def built_here(destination: Path) -> Path:
    """A mini project whose site/ `make build` has built where it is, and recorded."""
    project = make_mini_project(destination)
    first = build_site(project, WIKI_SEARCH_KO="false")
    assert first.returncode == 0, first.stderr[-3000:]
    assert "is up to date" not in first.stdout
    return project


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_here(tmp_path_factory.mktemp("up-to-date") / "project")


@pytest.mark.builds
def test_a_second_build_with_nothing_changed_is_skipped_and_keeps_the_site(
    built: Path,
) -> None:
    before = file_times(built / "site")
    again = build_site(built, WIKI_SEARCH_KO="false")
    assert again.returncode == 0, again.stderr[-3000:]
    assert SKIPPED in again.stdout
    assert "Documentation built" not in again.stderr
    assert file_times(built / "site") == before


@pytest.mark.builds
def test_after_an_edit_the_build_runs_and_equals_a_clean_build(tmp_path: Path) -> None:
    project = built_here(tmp_path / "project")
    page = project / "docs/index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n추가한 문단.\n", encoding="utf-8")

    rebuilt = build_site(project, WIKI_SEARCH_KO="false")
    assert rebuilt.returncode == 0, rebuilt.stderr[-3000:]
    assert SKIPPED not in rebuilt.stdout
    clean = mkdocs_build(
        project, tmp_path / "clean", WIKI_SEARCH_KO="false", WIKI_GIT_DATES="false"
    )
    assert clean.returncode == 0, clean.stderr[-3000:]
    assert snapshot(project / "site") == snapshot(tmp_path / "clean")
    assert "추가한 문단" in (project / "site/index.html").read_text(encoding="utf-8")


CHANGES = {
    "a page": lambda p: write(p / "docs/new.md", "# 새 글\n"),
    "a snippet": lambda p: write(p / "snippets/demo/extra.py", "X = 1\n"),
    "mkdocs.yml": lambda p: (p / "mkdocs.yml").write_text(
        (p / "mkdocs.yml").read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8"
    ),
    "a template": lambda p: write(p / "overrides/partials/extra.html", "<p></p>\n"),
    "the glossary": lambda p: write(p / "includes/glossary.yml", "[]\n"),
    "a built file": lambda p: write(p / "site/index.html", "<p>hand-edited</p>\n"),
    "a removed built file": lambda p: (p / "site/sitemap.xml").unlink(),
}


@pytest.mark.builds
@pytest.mark.parametrize("change", CHANGES)
def test_anything_a_build_reads_or_writes_makes_the_site_out_of_date(
    tmp_path: Path, change: str
) -> None:
    project = make_mini_project(tmp_path / "project")
    write(project / "site/index.html", "<p>built</p>\n")
    write(project / "site/sitemap.xml", "<urlset/>\n")
    site = project / "site"
    assert record_build(project, site, input_fingerprint(project, site))
    assert is_up_to_date(project, site)
    CHANGES[change](project)
    assert not is_up_to_date(project, site)


def test_the_checkers_caches_are_not_inputs(tmp_path: Path) -> None:
    """`make test` runs ruff, mypy and pytest, which rewrite their caches, before the
    tests: that leaves a build up to date (and the tests' kept builds theirs)."""
    write(tmp_path / "docs/index.md", "# 글\n")
    site = tmp_path / "site"
    before = input_fingerprint(tmp_path, site)
    for cache in (".mypy_cache", ".ruff_cache", ".pytest_cache", ".hypothesis"):
        write(tmp_path / cache / "3.11" / "cache.db", "rewritten")
    assert input_fingerprint(tmp_path, site) == before
    write(tmp_path / "docs" / "new.md", "# 새 글\n")
    assert input_fingerprint(tmp_path, site) != before


def git(root: Path, *arguments: str) -> None:
    identity = ["-c", "user.name=팀원", "-c", "user.email=member@example.com"]
    subprocess.run(["git", *identity, *arguments], cwd=root, check=True, capture_output=True)


def test_the_pages_history_is_an_input_and_other_commits_are_not(tmp_path: Path) -> None:
    """Pages show their git dates and authors: a commit of docs/ changes the site, a
    commit elsewhere (a test, a script) with the same files does not."""
    write(tmp_path / "docs/index.md", "# 글\n")
    site = tmp_path / "site"
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "first")
    before = input_fingerprint(tmp_path, site)
    write(tmp_path / "tests/test_a.py", "")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "a test")
    (tmp_path / "tests/test_a.py").unlink()
    git(tmp_path, "commit", "-q", "-a", "-m", "no test")
    assert input_fingerprint(tmp_path, site) == before
    write(tmp_path / "docs/index.md", "# 고친 글\n")
    git(tmp_path, "commit", "-q", "-a", "-m", "edit")
    write(tmp_path / "docs/index.md", "# 글\n")
    git(tmp_path, "commit", "-q", "-a", "-m", "back")  # the same files, a newer page date
    assert input_fingerprint(tmp_path, site) != before


@pytest.mark.builds
def test_a_wiki_setting_or_a_new_day_makes_the_site_out_of_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_mini_project(tmp_path / "project")
    write(project / "site/index.html", "<p>built</p>\n")
    site = project / "site"
    monkeypatch.delenv("WIKI_LINKS", raising=False)
    assert record_build(project, site, input_fingerprint(project, site))
    monkeypatch.setenv("WIKI_REBUILD", "1")
    assert is_up_to_date(project, site), "asking for a rebuild is not an input"
    monkeypatch.setenv("WIKI_LINKS", "false")
    assert not is_up_to_date(project, site)
    monkeypatch.delenv("WIKI_LINKS")
    assert is_up_to_date(project, site)

    import study_wiki.core.up_to_date as up_to_date

    class Tomorrow(up_to_date.dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return super().now(tz) + up_to_date.dt.timedelta(days=1)

    monkeypatch.setattr(up_to_date.dt, "datetime", Tomorrow)
    assert not is_up_to_date(project, site)


@pytest.mark.builds
def test_a_file_changed_during_the_build_is_not_recorded(tmp_path: Path) -> None:
    project = make_mini_project(tmp_path / "project")
    write(project / "site/index.html", "<p>built</p>\n")
    site = project / "site"
    before = input_fingerprint(project, site)
    write(project / "docs/index.md", "# 빌드 도중 바뀐 글\n")
    assert not record_build(project, site, before)
    assert not is_up_to_date(project, site)


@pytest.mark.builds
def test_wiki_rebuild_builds_anyway(built: Path) -> None:
    forced = build_site(built, WIKI_SEARCH_KO="false", WIKI_REBUILD="1")
    assert forced.returncode == 0, forced.stderr[-3000:]
    assert SKIPPED not in forced.stdout
    assert "Documentation built" in forced.stderr
