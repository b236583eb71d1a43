"""Limits for what contributors' code may take: time, memory and output.

Snippet and notebook processes get a wall-time limit (everything they started is
ended with them), a memory cap where the system has one (study_wiki/core/host.py),
and their output is bounded before it reaches a page or the search index.
"""

from __future__ import annotations

import os
import queue
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from study_wiki.core import host
from study_wiki.core.switches import duration_problem, duration_seconds

# Text a notebook cell may print before the rest is cut (per cell, all outputs).
CELL_OUTPUT_BYTES = 100_000


def parse_duration(value: Any, setting: str) -> float:
    """Seconds from 120, "120", "90s", "2m" or "1h"; a clear error for anything else."""
    seconds = duration_seconds(value)
    if seconds is None:
        raise PluginError(duration_problem(value, setting))
    return seconds


def cap_cell_outputs(notebook: Any, limit: int = CELL_OUTPUT_BYTES) -> list[int]:
    """Merge each code cell's consecutive prints, then cut its text to `limit` bytes;
    the indexes of cut cells.

    The kernel sends printed text in chunks split by timing; merged, the same
    notebook always gives the same page. A cell printing 50 MB would otherwise
    make a 50 MB page and search index. Rich outputs (images, HTML) past the limit
    are dropped with a note.
    """
    import nbformat  # only the notebook hook calls this

    cut = []
    for index, cell in enumerate(notebook.cells):
        if cell.get("cell_type") != "code":
            continue
        cell["outputs"] = _merged_streams(cell.get("outputs", []))
        used, kept, was_cut = 0, [], False
        for output in cell.get("outputs", []):
            size = len(str(output).encode("utf-8"))
            if used + size <= limit:
                used += size
                kept.append(output)
                continue
            was_cut = True
            if output.get("output_type") == "stream" and used < limit:
                text = output.get("text", "")
                if isinstance(text, list):
                    text = "".join(text)
                room = limit - used
                output["text"] = text.encode("utf-8")[:room].decode("utf-8", "ignore")
                kept.append(output)
                used = limit
        if was_cut:
            note = f"\n[출력이 {limit // 1000} KB를 넘어 잘렸습니다: 셀이 출력하는 양을 줄이세요]\n"
            kept.append(nbformat.v4.new_output("stream", name="stderr", text=note))
            cell["outputs"] = kept
            cut.append(index)
    return cut


def _merged_streams(outputs: list) -> list:
    """Consecutive stream outputs of one name joined into one (in linear time)."""
    merged: list = []
    pieces: list[str] = []
    for output in outputs:
        same = (
            output.get("output_type") == "stream"
            and merged
            and merged[-1].get("output_type") == "stream"
            and merged[-1].get("name") == output.get("name")
        )
        if same:
            pieces.append(_text(output))
            continue
        if pieces:
            merged[-1]["text"] = "".join(pieces)
        merged.append(output)
        pieces = [_text(output)] if output.get("output_type") == "stream" else []
    if pieces:
        merged[-1]["text"] = "".join(pieces)
    return merged


def _text(output: Any) -> str:
    text = output.get("text", "")
    return "".join(text) if isinstance(text, list) else text


# Child processes of the build (figure snippets) ------------------------------

MEMORY_MB_DEFAULT = 3072
FILE_BYTES = 256 * 1024 * 1024  # largest file a snippet may write (its SVG, its log)
STDERR_TAIL = 64 * 1024


def memory_limit_mb() -> int:
    """The address-space cap for one snippet, from WIKI_SNIPPET_MEMORY (MB)."""
    value = os.environ.get("WIKI_SNIPPET_MEMORY", "").strip().lower().removesuffix("mb")
    if not value:
        return MEMORY_MB_DEFAULT
    if not value.isdigit() or int(value) <= 0:
        raise PluginError(
            f"WIKI_SNIPPET_MEMORY={value!r} is not a size in MB: write a whole number, "
            f"e.g. WIKI_SNIPPET_MEMORY={MEMORY_MB_DEFAULT}"
        )
    return int(value)


def limit_this_process(memory_mb: int, file_bytes: int = FILE_BYTES) -> None:
    """Cap this process's memory and file sizes where the system can, and hold on to
    everything it starts (called first in a snippet's process and a notebook kernel)."""
    host.contain_this_process(memory_mb, file_bytes)


@dataclass(frozen=True)
class Finished:
    returncode: int | None  # None when it was stopped at the time limit
    stderr: str  # the last STDERR_TAIL bytes of what it printed

    @property
    def timed_out(self) -> bool:
        return self.returncode is None


def run_limited(
    command: list[str],
    *,
    cwd: Path,
    env: dict[str, str],
    timeout: float,
    running: set[subprocess.Popen],
    lock: threading.Lock,
) -> Finished:
    """Run `command` on its own; it and every process it started (in a new session
    too) are ended when it finishes or runs out of time, so nothing it started can
    keep the build waiting or outlive it. Output goes to a file (never a pipe a child
    could hold open) and only its tail is read back."""
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
    with lock:
        running.add(process)
    returncode: int | None
    try:
        returncode = process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        returncode = None
    finally:
        # Interrupted, timed out or finished: nothing it started may stay behind.
        host.end_process_tree(process.pid)
        process.wait()
        with lock:
            running.discard(process)
    with open(log_path, "rb") as log_file:
        log_file.seek(max(0, log_path.stat().st_size - STDERR_TAIL))
        tail = log_file.read().decode("utf-8", "replace")
    return Finished(returncode, tail)


# Long-lived workers (KaTeX, the Korean analyser) ------------------------------

WORKER_TIMEOUT = 120.0


class WorkerTimeout(PluginError):
    """A worker process did not answer in time; it has been killed."""


def _line_queue(process: subprocess.Popen) -> queue.Queue:
    """Lines of the worker's stdout, read by a thread of its own ("" at the end)."""
    lines = vars(process).get("_study_wiki_lines")
    if lines is None:
        lines = queue.Queue()
        stdout = process.stdout
        assert stdout is not None, "workers are started with stdout=PIPE"

        def pump() -> None:
            for line in stdout:
                lines.put(line)
            lines.put("")

        threading.Thread(target=pump, daemon=True).start()
        vars(process)["_study_wiki_lines"] = lines
    return lines


def read_reply(process: subprocess.Popen, timeout: float, what: str) -> str:
    """One line from a worker's stdout ("" when it exited), or kill it and raise
    WorkerTimeout. A worker that is stopped or stuck would otherwise hang the
    build (or `mkdocs serve`) forever on a blocking read."""
    try:
        return _line_queue(process).get(timeout=timeout)
    except queue.Empty:
        process.kill()
        process.wait()
        raise WorkerTimeout(
            f"{what} did not answer within {timeout:g} s and was stopped; build again "
            "(if the machine is very busy, raise WIKI_WORKER_TIMEOUT=<seconds>)"
        ) from None


def worker_timeout() -> float:
    value = os.environ.get("WIKI_WORKER_TIMEOUT")
    return parse_duration(value, "WIKI_WORKER_TIMEOUT") if value else WORKER_TIMEOUT
