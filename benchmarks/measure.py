"""Timing `mkdocs build` and `mkdocs serve` in a separate process."""

from __future__ import annotations

import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.content import Note
from benchmarks.project import mkdocs_env

FIGURES_DONE = re.compile(r"figures: (\d+) run, (\d+) cached")


def progress(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


@dataclass
class Build:
    seconds: float
    figures_at: float | None  # seconds until the figures plugin reported
    ran: int | None
    log: str = field(repr=False, default="")
    cpu_seconds: float | None = None  # user + system of the build process and its children
    peak_mb: float | None = None  # largest resident set of the build process tree


def build_env(**extra: str) -> dict[str, str]:
    env = mkdocs_env(WIKI_GIT_DATES="false")
    env.pop("WIKI_SNIPPET_JOBS", None)
    return env | extra


def run_build(project: Path, site: Path, **env: str) -> Build:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    return run_timed(project, command, **env)


def run_make_build(project: Path, site: Path, **env: str) -> Build:
    """`make build`: skipped when nothing changed since its last build of site."""
    return run_timed(project, [sys.executable, "-m", "study_wiki", "build", str(site)], **env)


def run_timed(project: Path, command: list[str], **env: str) -> Build:
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=project,
        env=build_env(**env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines, figures_at, ran = [], None, None
    assert process.stderr is not None
    for line in process.stderr:
        lines.append(line)
        match = FIGURES_DONE.search(line)
        if match:
            figures_at, ran = time.perf_counter() - start, int(match.group(1))
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    log = "".join(lines)
    if process.returncode != 0:
        problems = [line for line in lines if not line.startswith("INFO")]
        raise RuntimeError(f"build failed in {project}:\n{''.join(problems)[-4000:]}")
    # ru_maxrss is in KiB on Linux; wait4 reports this child's own usage.
    cpu = usage.ru_utime + usage.ru_stime
    return Build(seconds, figures_at, ran, log, round(cpu, 3), round(usage.ru_maxrss / 1024, 1))


@dataclass
class Row:
    key: str
    label: str
    seconds: float
    runs: list[float]
    figures_at: float | None = None
    ran: list[int | None] = field(default_factory=list)
    cpu_seconds: float | None = None
    peak_mb: float | None = None


def measure(key: str, label: str, reps: int, before, build) -> Row:
    builds = []
    for rep in range(reps):
        before(rep)
        result = build()
        progress(
            f"{label}: {result.seconds:.2f} s, cpu {result.cpu_seconds} s, "
            f"peak {result.peak_mb} MB (figures run: {result.ran})"
        )
        builds.append(result)
    at = [b.figures_at for b in builds if b.figures_at is not None]
    return Row(
        key,
        label,
        statistics.median(b.seconds for b in builds),
        [round(b.seconds, 3) for b in builds],
        statistics.median(at) if at else None,
        [b.ran for b in builds],
        statistics.median(b.cpu_seconds for b in builds if b.cpu_seconds is not None),
        max(b.peak_mb for b in builds if b.peak_mb is not None),
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def serve_latency(
    project: Path, note: Note, reps: int, base_path: str, *, dirty: bool
) -> list[float]:
    """Seconds from saving a page to `mkdocs serve` serving it with the new text."""
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    if dirty:
        command.append("--dirty")
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(
        command,
        cwd=project,
        env=build_env(),
        stdout=log,
        stderr=log,
        start_new_session=True,
        # Run from a background job, the child would inherit SIGINT ignored.
        preexec_fn=(lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        if os.name == "posix"
        else None,
    )
    url = f"http://127.0.0.1:{port}{base_path}daily/{note.date:%Y/%m/%d}/{note.slug}/"
    times = []
    try:
        deadline = time.monotonic() + 300
        while fetch(url) is None:
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise RuntimeError(f"mkdocs serve did not start:\n{log.read()[-3000:]!r}")
            time.sleep(0.2)
        time.sleep(1.0)  # let the file watcher settle after the first build
        source = project / "docs" / note.path
        for rep in range(reps):
            marker = f"SERVEMARK{rep}X{time.time_ns()}"
            with source.open("a", encoding="utf-8") as handle:
                handle.write(f"\n저장 후 반영 시간을 재는 문장 {marker} 입니다.\n")
            start = time.perf_counter()
            while True:
                page = fetch(url)
                if page is not None and marker in page:
                    break
                if time.perf_counter() - start > 180:
                    raise RuntimeError("mkdocs serve never served the edited page")
                time.sleep(0.05)
            times.append(time.perf_counter() - start)
            progress(f"serve save-to-served: {times[-1]:.2f} s")
            time.sleep(1.0)
    finally:
        # Stopped as a person stops it (Ctrl-C), mkdocs serve deletes its temporary site,
        # about 200 MB at 1,000 notes; terminate() would leave it in the temp folder.
        process.send_signal(signal.SIGINT if os.name == "posix" else signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return times
