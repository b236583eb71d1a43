"""Runs figure snippets in separate processes, in parallel, with a timeout each."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from study_wiki.core import host
from study_wiki.core.artifact_cache import ArtifactCache
from study_wiki.core.paths import Project
from study_wiki.core.snippet_graph import cache_key
from study_wiki.figures.child import ERROR_MARKER
from study_wiki.messages import Problem
from study_wiki.svg_policy import check_svg

# The snippet's process runs this module; its code is part of every figure's cache key.
CHILD_MODULE = "study_wiki.figures.child"
CHILD = Path(__file__).with_name("child.py")
# Snippets run in parallel processes, one per core: a BLAS thread pool in each
# would oversubscribe the cores (OpenBLAS threads spin while they wait).
ONE_THREAD_EACH = {
    name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
}
STDERR_TAIL = 64 * 1024

# Snippet processes still running, so an interrupted build can stop them all.
_running: set[subprocess.Popen] = set()
_running_lock = threading.Lock()


@dataclass(frozen=True)
class SnippetResult:
    snippet: Path
    seconds: float
    cached: bool
    output: Path | None = None
    error: Problem | None = None


def run_limited(command: list[str], cwd: Path, env: dict[str, str], timeout: float):
    """Run `command` on its own; it and every process it started (in a new session
    too) are ended when it finishes or runs out of time, so nothing it started can
    keep the build waiting or outlive it. Output goes to a file (never a pipe a child
    could hold open) and only its tail is read back: (exit status, None when it was
    stopped at the time limit; the tail)."""
    log_path = cwd / ".output.log"
    with open(log_path, "wb") as log_file:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=log_file,
            **host.popen_options(),
        )
    with _running_lock:
        _running.add(process)
    returncode: int | None
    try:
        returncode = process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        returncode = None
    finally:
        # Interrupted, timed out or finished: nothing it started may stay behind.
        host.end_process_tree(process.pid)
        process.wait()
        with _running_lock:
            _running.discard(process)
    with open(log_path, "rb") as log_file:
        log_file.seek(max(0, log_path.stat().st_size - STDERR_TAIL))
        return returncode, log_file.read().decode("utf-8", "replace")


def _failure(root: Path, snippet: Path, returncode: int | None, stderr: str) -> Problem:
    shown = Project.at(root).shown
    for line in reversed(stderr.splitlines()):
        if line.startswith(ERROR_MARKER):
            report = json.loads(line[len(ERROR_MARKER) :])
            return Problem(shown(report["file"]), report["line"], report["error"])
    tail = " | ".join(stderr.strip().splitlines()[-3:]) or "no output"
    return Problem(shown(snippet), 1, f"the snippet process exited with {returncode}: {tail}")


def child_command(root: Path, snippet: Path, output: Path) -> tuple[list[str], dict[str, str]]:
    """The snippet process's command and environment: `snippets` is the project's own."""
    env = ONE_THREAD_EACH | Project.at(root).python_env()
    command = [sys.executable, "-m", CHILD_MODULE, str(root), str(snippet), str(output)]
    return host.supervised(command), env


def execute(root: Path, snippet: Path, timeout: float, memory_mb: int) -> bytes | Problem:
    """Run one snippet in a fresh process and temporary working directory."""
    with tempfile.TemporaryDirectory(prefix="snippet-") as workdir:
        output = Path(workdir) / "figure.svg"
        command, env = child_command(root, snippet, output)
        env["WIKI_SNIPPET_MEMORY"] = str(memory_mb)  # the child caps itself
        returncode, stderr = run_limited(command, Path(workdir), env, timeout)
        if returncode is None:
            return Problem(
                Project.at(root).shown(snippet),
                1,
                f"timed out after {timeout:g} s and was stopped (with any process it "
                "started). Make it faster, or raise the limit with "
                "WIKI_SNIPPET_TIMEOUT=<seconds>.",
            )
        if returncode != 0:
            return _failure(root, snippet, returncode, stderr)
        if not output.is_file():
            return Problem(Project.at(root).shown(snippet), 1, "figure() saved no figure")
        return output.read_bytes()


def build_all(
    root: Path,
    snippets: Iterable[Path],
    cache: ArtifactCache,
    timeout: float,
    jobs: int,
    report: Callable[[SnippetResult], None],
    memory_mb: int,
) -> dict[Path, SnippetResult]:
    """Each snippet's figure from the cache, or run (in parallel) when it changed."""

    def build(snippet: Path) -> SnippetResult:
        start = time.perf_counter()
        key = keys[snippet]
        cached = cache.get(key)
        if cached is not None:
            result = SnippetResult(snippet, time.perf_counter() - start, True, cached)
        else:
            outcome = execute(root, snippet, timeout, memory_mb)
            seconds = time.perf_counter() - start
            if isinstance(outcome, Problem):
                result = SnippetResult(snippet, seconds, False, error=outcome)
            else:
                result = SnippetResult(snippet, seconds, False, cache.put(key, outcome))
        result = _inert(root, result)
        report(result)
        return result

    unique = sorted(set(snippets))
    # Keys before the threads: CPython 3.11's ast.parse in two threads at once can fail
    # ("AST constructor recursion depth mismatch").
    child = CHILD.read_bytes()
    keys = {snippet: cache_key(root, snippet, child) for snippet in unique}
    pool = ThreadPoolExecutor(max_workers=max(1, jobs))
    try:
        results = dict(zip(unique, pool.map(build, unique), strict=True))
    except BaseException:
        # Ctrl-C lands here while workers wait on their snippets: stop them now
        # rather than waiting for every snippet to finish.
        pool.shutdown(wait=False, cancel_futures=True)
        stop_running_snippets()
        raise
    pool.shutdown()
    return results


def _inert(root: Path, result: SnippetResult) -> SnippetResult:
    """The result, or an error when its SVG could run script or load a thing: checked on
    every use, so a figure cached before the check is held to it too."""
    if result.output is None:
        return result
    found = check_svg(result.output.read_bytes())
    if not found:
        return result
    error = Problem(
        Project.at(root).shown(result.snippet),
        1,
        f"its figure holds {found[0].what} ({found[0].why}): a figure is the SVG matplotlib "
        "draws from what figure() returns; do not write or change the SVG itself",
    )
    return SnippetResult(result.snippet, result.seconds, result.cached, error=error)


def stop_running_snippets() -> None:
    with _running_lock:
        for process in _running:
            host.end_process_tree(process.pid)
