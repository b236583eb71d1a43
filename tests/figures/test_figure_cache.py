"""The figure cache heals itself and is never left half-written, even when builds die."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.mini_project import (
    BUILD_COMMAND,
    build,
    build_site,
    build_site_env,
    built_mini_project,
    interruptible,
    make_mini_project,
    ran,
    write,
)
from tests.support.project import build_env, snapshot

pytestmark = pytest.mark.builds

# Snippets get none of the build's environment: the marker's path is in the code.
SLOW = '''\
"""Announces that it runs, then takes its time."""
import os
import time
from pathlib import Path

from matplotlib.figure import Figure


def figure() -> Figure:
    # Renamed into place, so that the test never reads it half-written.
    Path({marker!r} + ".part").write_text(str(os.getpid()))
    Path({marker!r} + ".part").replace({marker!r})
    time.sleep(60)
    return Figure()
'''

SLOW_PAGE = """\
---
description: 오래 걸리는 그림 코드를 시험하는 페이지입니다. 빌드를 중간에 멈춥니다.
---
# 느린 그림

![느린 그림](snippet:demo/slow.py)
"""


def cache_problems(cache: Path) -> list[str]:
    """Entries whose blob is missing or wrong, and temp files left behind."""
    problems = [str(p) for p in cache.rglob("*.tmp")]
    for manifest in cache.glob("*.json"):
        digest = json.loads(manifest.read_text())["sha256"]
        blob = cache / "blobs" / f"{digest}.svg"
        if hashlib.sha256(blob.read_bytes()).hexdigest() != digest:
            problems.append(f"{manifest.name}: blob does not match")
    return problems


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead but not yet reaped by its (re)parent.
    status = Path(f"/proc/{pid}/status")
    return not (status.is_file() and "State:\tZ" in status.read_text())


def wait_until(predicate, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.2)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_mini_project(tmp_path_factory.mktemp("cache"))
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project


def test_a_corrupt_cache_entry_is_detected_and_recomputed(built: Path) -> None:
    svg = built / "site/figures/demo/normal.svg"
    good = svg.read_bytes()
    blob = built / ".wiki-cache/figures/blobs" / f"{hashlib.sha256(good).hexdigest()}.svg"
    blob.write_bytes(good[: len(good) // 2])
    result = build(built)
    assert result.returncode == 0, "a corrupt cache entry must not fail a strict build"
    assert "is corrupt: its content does not match its checksum; recomputing it" in (result.stderr)
    assert ran(result.stderr) == {"snippets/demo/normal.py"}
    assert svg.read_bytes() == good
    assert cache_problems(built / ".wiki-cache/figures") == []


def test_an_unreadable_manifest_is_recomputed(built: Path) -> None:
    manifests = sorted((built / ".wiki-cache/figures").glob("*.json"))
    manifests[0].write_text("{not json")
    result = build(built)
    assert result.returncode == 0, result.stderr
    assert "it cannot be read" in result.stderr
    assert len(ran(result.stderr)) == 1
    assert cache_problems(built / ".wiki-cache/figures") == []


def start_slow_build(project: Path, marker: Path) -> subprocess.Popen:
    write(project / "snippets/demo/slow.py", SLOW.format(marker=str(marker)))
    write(project / "docs/slow.md", SLOW_PAGE)
    process = subprocess.Popen(
        BUILD_COMMAND,
        cwd=project,
        env=build_site_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
        preexec_fn=interruptible,
    )
    wait_until(marker.exists)
    return process


@pytest.mark.parametrize("signal_name", ["SIGINT", "SIGKILL"])
def test_an_interrupted_build_leaves_no_partial_file(tmp_path: Path, signal_name: str) -> None:
    project = built_mini_project(tmp_path / "project")
    marker = tmp_path / "slow-started"
    published = snapshot(project / "site")

    process = start_slow_build(project, marker)
    snippet_pid = int(marker.read_text())
    started = time.monotonic()
    os.killpg(process.pid, getattr(signal, signal_name))
    process.communicate(timeout=30)
    assert time.monotonic() - started < 20, "the build did not stop promptly"
    assert process.returncode != 0

    wait_until(lambda: not process_alive(snippet_pid), timeout=10)
    assert snapshot(project / "site") == published, "the published site was touched"
    scratch = list((project / ".wiki-cache").glob("site.next*"))
    # Interrupted, the build removes its scratch folder; killed, it cannot.
    assert not scratch if signal_name == "SIGINT" else scratch
    assert cache_problems(project / ".wiki-cache/figures") == []
    # Whatever a killed build left is swept before the next one reads the cache.
    quick = SLOW.format(marker=str(marker)).replace("time.sleep(60)", "pass")
    (project / "snippets/demo/slow.py").write_text(quick)
    again = build_site(project, WIKI_SEARCH_KO="false")  # as built_mini_project's site
    assert again.returncode == 0, again.stderr
    assert cache_problems(project / ".wiki-cache/figures") == []
    assert (project / "site/figures/demo/slow.svg").is_file()
    assert not list((project / ".wiki-cache").glob("site.next*"))


def test_two_builds_at_once_share_the_cache_safely(tmp_path: Path) -> None:
    project = make_mini_project(tmp_path / "project", warm=False)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir"]
    env = build_env(WIKI_GIT_DATES="false")
    builds = [
        subprocess.Popen(
            command + [str(tmp_path / f"site-{n}")],
            cwd=project,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in (1, 2)
    ]
    for process in builds:
        _, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr
    first, second = (snapshot(tmp_path / f"site-{n}" / "figures") for n in (1, 2))
    assert first == second and len(first) == 2
    assert cache_problems(project / ".wiki-cache/figures") == []
