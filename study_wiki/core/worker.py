"""A long-lived helper process (KaTeX, the Korean analyser: slow to start) that
answers one JSON line per JSON line, in order. Requests are written from a thread
while the replies are read, so a long batch never deadlocks on full pipes."""

from __future__ import annotations

import atexit
import json
import queue
import subprocess
import threading
from collections.abc import Sequence
from dataclasses import KW_ONLY, dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from study_wiki.core.switches import Seconds, from_environment

# The answer's time limit of a worker made without one (by an extension).
TIMEOUT = Seconds(120.0, "WIKI_WORKER_TIMEOUT")


class WorkerError(RuntimeError):
    """The worker could not be started or stopped answering."""


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
    WorkerTimeout: a stopped or stuck worker would otherwise hang the build (or
    `mkdocs serve`) forever on a blocking read."""
    try:
        return _line_queue(process).get(timeout=timeout)
    except queue.Empty:
        process.kill()
        process.wait()
        raise WorkerTimeout(
            f"{what} did not answer within {timeout:g} s and was stopped; build again "
            "(if the machine is very busy, raise WIKI_WORKER_TIMEOUT=<seconds>)"
        ) from None


@dataclass(eq=False)
class LineWorker:
    command: Sequence[str]
    _: KW_ONLY
    name: str
    cwd: Path | None = None
    timeout: float | None = None
    process: subprocess.Popen[str] | None = field(default=None, init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False)

    def start(self) -> None:
        """Start the process now (it may load while the build does other work)."""
        with self._lock:
            if self.process is None or self.process.poll() is not None:
                try:
                    self.process = subprocess.Popen(
                        self.command,
                        cwd=self.cwd,
                        stdin=subprocess.PIPE,
                        stdout=subprocess.PIPE,
                        text=True,
                        encoding="utf-8",
                    )
                except OSError as error:
                    raise WorkerError(f"{self.name}: cannot start ({error})") from error
                atexit.register(self.process.kill)

    def ask_many(self, requests: Sequence[Any]) -> list[Any]:
        self.start()
        process = self.process
        assert process is not None and process.stdin and process.stdout
        writer = threading.Thread(target=_write_all, args=(process, list(requests)))
        writer.start()
        replies = []
        for _ in requests:
            try:
                line = read_reply(process, self.timeout or from_environment(TIMEOUT), self.name)
            except WorkerTimeout:
                with self._lock:
                    if self.process is process:
                        self.process = None
                writer.join(timeout=1)
                raise
            if not line:
                writer.join()
                raise WorkerError(f"{self.name} exited unexpectedly")
            replies.append(json.loads(line))
        writer.join()
        return replies

    def ask(self, request: Any) -> Any:
        return self.ask_many([request])[0]

    def close(self, timeout: float = 10) -> None:
        with self._lock:
            process, self.process = self.process, None
        if process is not None:
            if process.stdin:
                process.stdin.close()
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _write_all(process: subprocess.Popen[str], requests: list[Any]) -> None:
    assert process.stdin
    try:
        for request in requests:
            process.stdin.write(json.dumps(request, ensure_ascii=False) + "\n")
        process.stdin.flush()
    except (BrokenPipeError, ValueError):
        pass  # the reader reports the worker's exit
