"""`study-wiki build`: what killed builds leave behind is removed, what running ones use
is not. (Whole builds through it: tests/build/test_hardening_concurrency.py,
test_cache_integrity.py, test_up_to_date.py.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from filelock import FileLock

from study_wiki.cli.build import remove_stale_scratch, swap


def scratch(cache: Path, name: str) -> Path:
    folder = cache / name
    (folder / "assets").mkdir(parents=True)
    (folder / "index.html").write_text("<p>half a site</p>")
    return folder


def test_scratch_of_a_dead_build_is_removed_and_of_a_running_one_kept(tmp_path: Path) -> None:
    cache = tmp_path / ".wiki-cache"
    killed = scratch(cache, "site.next.4242")
    (cache / "site.next.4242.lock").touch()  # left by `kill -9`: nobody holds it
    older = scratch(cache, "site.next.77")  # left by a build from before the locks
    running = scratch(cache, "site.next.1234")
    other = scratch(cache, "site.next.notes")  # not a build's
    # The running build is another process holding its lock.
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, filelock; lock = filelock.FileLock(sys.argv[1]); lock.acquire();"
            "print('held', flush=True); sys.stdin.read()",
            str(cache / "site.next.1234.lock"),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline() == "held\n"
        remove_stale_scratch(cache)
    finally:
        holder.communicate("")
    assert not killed.exists() and not older.exists()
    assert not (cache / "site.next.4242.lock").exists()
    assert (running / "index.html").is_file()
    assert (other / "index.html").is_file()


def test_a_previous_site_left_by_a_killed_swap_is_removed(tmp_path: Path) -> None:
    cache = tmp_path / ".wiki-cache"
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>old</p>")
    left = tmp_path / "site.old.999"
    left.mkdir()
    (left / "index.html").write_text("<p>older</p>")
    new = scratch(cache, "site.next.1")
    assert swap(cache, new, site, record=lambda: True) == 0
    assert (site / "index.html").read_text() == "<p>half a site</p>"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".wiki-cache", "site"]
    # The swap took and let go of the build lock.
    lock = FileLock(cache / "build.lock")
    lock.acquire(timeout=0)
    lock.release()
