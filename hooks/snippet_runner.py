"""Runs figure snippets in separate processes, in parallel, with a timeout each."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from study_wiki.limits import run_limited

from artifact_cache import ArtifactCache
from snippet_graph import cache_key

RUNNER = Path(__file__).with_name("run_snippet.py")
# Snippets run in parallel processes, one per core: a BLAS thread pool in each
# would oversubscribe the cores (OpenBLAS threads spin while they wait).
ONE_THREAD_EACH = {
    name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
}
ERROR_MARKER = "SNIPPET-ERROR "

# Snippet processes still running, so an interrupted build can stop them all.
_running: set[subprocess.Popen] = set()
_running_lock = threading.Lock()


@dataclass(frozen=True)
class SnippetError:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass(frozen=True)
class SnippetResult:
    snippet: Path
    seconds: float
    cached: bool
    output: Path | None = None
    error: SnippetError | None = None


def _relative(root: Path, path: str | Path) -> str:
    path = Path(path).resolve()
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def _failure(root: Path, snippet: Path, returncode: int, stderr: str) -> SnippetError:
    for line in reversed(stderr.splitlines()):
        if line.startswith(ERROR_MARKER):
            report = json.loads(line[len(ERROR_MARKER) :])
            return SnippetError(_relative(root, report["file"]), report["line"], report["error"])
    tail = " | ".join(stderr.strip().splitlines()[-3:]) or "no output"
    return SnippetError(
        _relative(root, snippet), 1, f"the snippet process exited with {returncode}: {tail}"
    )


def execute(root: Path, snippet: Path, timeout: float) -> bytes | SnippetError:
    """Run one snippet in a fresh process and temporary working directory."""
    with tempfile.TemporaryDirectory(prefix="snippet-") as workdir:
        output = Path(workdir) / "figure.svg"
        command = [sys.executable, str(RUNNER), str(root), str(snippet), str(output)]
        finished = run_limited(
            command,
            cwd=Path(workdir),
            env=ONE_THREAD_EACH | dict(os.environ),
            timeout=timeout,
            running=_running,
            lock=_running_lock,
        )
        if finished.timed_out:
            return SnippetError(
                _relative(root, snippet),
                1,
                f"timed out after {timeout:g} s and was stopped (with any process it "
                "started). Make it faster, or raise the limit with "
                "WIKI_SNIPPET_TIMEOUT=<seconds>.",
            )
        process, stderr = finished, finished.stderr
        if process.returncode != 0:
            return _failure(root, snippet, process.returncode, stderr)
        if not output.is_file():
            return SnippetError(_relative(root, snippet), 1, "figure() saved no figure")
        return output.read_bytes()


def build_all(
    root: Path,
    snippets: Iterable[Path],
    cache: ArtifactCache,
    timeout: float,
    jobs: int,
    report: Callable[[SnippetResult], None],
) -> dict[Path, SnippetResult]:
    """Each snippet's figure from the cache, or run (in parallel) when it changed."""

    def build(snippet: Path) -> SnippetResult:
        start = time.perf_counter()
        key = cache_key(root, snippet, RUNNER.read_bytes())
        cached = cache.get(key)
        if cached is not None:
            result = SnippetResult(snippet, time.perf_counter() - start, True, cached)
        else:
            outcome = execute(root, snippet, timeout)
            seconds = time.perf_counter() - start
            if isinstance(outcome, SnippetError):
                result = SnippetResult(snippet, seconds, False, error=outcome)
            else:
                result = SnippetResult(snippet, seconds, False, cache.put(key, outcome))
        report(result)
        return result

    unique = sorted(set(snippets))
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


def stop_running_snippets() -> None:
    with _running_lock:
        for process in _running:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
