"""Files that cannot be written or removed: a message, never a traceback or a stuck build.

The build runs as root here, so permissions do not stop it: the immutable flag
(`chattr +i`) does, where the file system supports it.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.support.mini_project import build, build_site, built_mini_project, make_mini_project
from tests.support.project import snapshot

pytestmark = pytest.mark.builds


def chattr(flag: str, path: Path) -> bool:
    if shutil.which("chattr") is None:
        return False
    return subprocess.run(["chattr", flag, str(path)], capture_output=True).returncode == 0


@contextmanager
def immutable(path: Path) -> Iterator[None]:
    if not chattr("+i", path):
        pytest.skip("chattr +i is not available here")
    try:
        yield
    finally:
        chattr("-i", path)


def test_a_site_file_that_cannot_be_removed_does_not_block_later_builds(
    tmp_path: Path,
) -> None:
    project = built_mini_project(tmp_path / "project")
    stuck = project / "site" / "sitemap.xml"
    with immutable(stuck):
        second = build_site(project, WIKI_SEARCH_KO="false", WIKI_REBUILD="1")
        third = build_site(project, WIKI_SEARCH_KO="false", WIKI_REBUILD="1")
        leftovers = [p for p in project.iterdir() if p.name.startswith("site.old")]
        for leftover in leftovers:
            chattr("-i", leftover / "sitemap.xml")
    for result in (second, third):
        assert result.returncode == 0, result.stderr[-3000:]
    assert "the previous site could not be fully removed: site.old." in second.stderr
    assert "(check its permissions)" in second.stderr
    assert (project / "site" / "index.html").is_file()
    assert (project / "site" / "sitemap.xml").is_file()


def test_a_cache_that_cannot_be_written_is_one_warning_and_the_same_site(tmp_path: Path) -> None:
    project = make_mini_project(tmp_path / "project")
    first = build(project, WIKI_SEARCH_KO="false")
    assert first.returncode == 0, first.stderr[-3000:]
    wave = project / "snippets" / "demo" / "wave.py"
    wave.write_text(wave.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    cache = project / ".wiki-cache" / "figures"
    cached = sorted(p.name for p in cache.iterdir())
    with immutable(cache):
        result = build(project, WIKI_SEARCH_KO="false")
    # The site is the same without a cache: strict mode does not fail on it.
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.stderr.count("until then the build goes on without caching") == 1
    assert ".wiki-cache/figures/" in result.stderr
    assert ": cannot write (Operation not permitted): make the folder writable" in result.stderr
    assert sorted(p.name for p in cache.iterdir()) == cached, "nothing half-written is left"
    uncached = snapshot(project / "site")
    cached_build = build(project, WIKI_SEARCH_KO="false")
    assert cached_build.returncode == 0, cached_build.stderr[-3000:]
    assert snapshot(project / "site") == uncached
