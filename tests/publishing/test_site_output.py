"""What gets published: identical from identical sources, never half-written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.mini_project import build_site, built_mini_project, write
from tests.support.project import copy_project, git_env, mkdocs_build, snapshot

pytestmark = pytest.mark.builds

# Files allowed to differ between two builds of the same sources, and why.
BUILD_TIME_FILES = {
    # <lastmod> is the build date for pages without git history (as here, a copy).
    "sitemap.xml": "lastmod dates",
    "sitemap.xml.gz": "lastmod dates",
}


@pytest.mark.slow
def test_a_warm_build_gives_the_cold_builds_site_byte_for_byte(site: Path, tmp_path: Path) -> None:
    """The cold build of the real site (made by this run or kept from an earlier one of
    the same inputs) against a build of another copy that reuses its caches: the caches
    change nothing that is published."""
    project = copy_project(tmp_path / "project")
    result = mkdocs_build(project, project / "site", **git_env(project))
    assert result.returncode == 0, result.stderr[-4000:]
    assert "figures: 0 run" in result.stderr, "the second build was not warm"
    first, second = snapshot(site), snapshot(project / "site")
    assert sorted(first) == sorted(second)
    differing = sorted(name for name in first if first[name] != second[name])
    assert set(differing) <= set(BUILD_TIME_FILES), f"builds differ in: {differing}"
    assert any(name.startswith("figures/") for name in first)


def test_a_failed_build_leaves_the_published_site_untouched(tmp_path: Path) -> None:
    project = built_mini_project(tmp_path / "project")
    published = snapshot(project / "site")
    write(
        project / "docs" / "index.md",
        (project / "docs/index.md").read_text() + "\n[x](nowhere.md)\n",
    )
    failed = build_site(project)
    assert failed.returncode != 0
    assert "nowhere.md" in failed.stderr
    assert snapshot(project / "site") == published
    assert not (project / ".cache" / "site.next").exists()
