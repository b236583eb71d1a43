"""The workers' answer caches stay bounded, and importing the package touches no cache."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from study_wiki.core.json_cache import JsonCache
from study_wiki.core.worker import LineWorker, WorkerError
from tests.support.once import KEPT
from tests.support.project import ROOT, build_env


def test_unused_entries_are_dropped_oldest_first_beyond_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    cache = JsonCache(path, limit=3)
    for key in "abcd":
        cache.put(key, key.upper())
    cache.save()
    again = JsonCache(path, limit=3)
    assert again.get("d") == "D"  # used by this build: always kept
    again.put("e", "E")
    again.save()
    # Limit 3: the two used (d, e) and the most recent unused one (c).
    assert list(json.loads(path.read_text())) == ["c", "d", "e"]


def test_without_a_limit_only_this_builds_entries_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "stems.json"
    cache = JsonCache(path)
    cache.put("old", "x")
    cache.save()
    cache = JsonCache(path)
    cache.put("new", "")  # an empty answer is an answer
    cache.save()
    assert json.loads(path.read_text()) == {"new": ""}
    assert JsonCache(path).get("new") == ""


def test_a_serve_session_reads_a_cache_again_only_when_its_file_changed(tmp_path: Path) -> None:
    path, store = tmp_path / "answers.json", {}
    cache = JsonCache.kept(store, path)
    cache.put("a", "A")
    cache.save()
    assert JsonCache.kept(store, path) is cache  # saved, file as it left it: kept
    cache.get("a")
    cache.save()  # nothing new: the file is not written, the cache still kept
    assert JsonCache.kept(store, path) is cache
    cache.get("a")  # used by a build that did not save (it failed): read again
    assert JsonCache.kept(store, path) is not cache
    cache = JsonCache.kept(store, path)
    other = JsonCache(path)  # another build writes the file
    other.put("b", "B")
    other.save()
    again = JsonCache.kept(store, path)
    assert again is not cache and again.get("b") == "B" and again.get("a") is None
    path.unlink()  # the cache folder removed
    assert JsonCache.kept(store, path) is not again
    assert JsonCache.kept(store, path).get("b") is None


def test_a_worker_answers_in_order_and_reports_its_death(tmp_path: Path) -> None:
    echo = "import sys\nfor line in sys.stdin:\n    print(line.strip(), flush=True)\n"
    worker = LineWorker([sys.executable, "-c", echo], name="echo")
    assert worker.ask_many([{"n": n} for n in range(300)]) == [{"n": n} for n in range(300)]
    worker.close()
    dead = LineWorker([sys.executable, "-c", "pass"], name="test: the quiet worker")
    try:
        dead.ask("hello")
    except WorkerError as error:
        assert str(error) == "test: the quiet worker exited unexpectedly"
    else:
        raise AssertionError("a dead worker must raise")


def test_importing_the_package_creates_and_sweeps_no_cache(tmp_path: Path) -> None:
    caches = [ROOT / ".wiki-cache", ROOT / ".cache"]

    def state() -> set[tuple[str, int]]:
        # Not the run's kept builds (.cache/tests), which other workers make meanwhile.
        return {
            (str(p), p.stat().st_mtime_ns)
            for cache in caches
            if cache.is_dir()
            for p in [cache, *cache.rglob("*")]
            if p != KEPT and KEPT not in p.parents
        }

    before = state()
    modules = [
        f"study_wiki.{name}.plugin"
        for name in ("figures", "math", "search", "notes", "notebooks", "serve")
    ]
    code = "import importlib, sys\nfor m in sys.argv[1:]:\n    importlib.import_module(m)\n"
    subprocess.run(
        [sys.executable, "-c", code, *modules],
        cwd=tmp_path,
        env=build_env(),
        check=True,
        timeout=120,
    )
    assert state() == before
    assert list(tmp_path.iterdir()) == []
