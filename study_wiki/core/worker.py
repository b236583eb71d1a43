"""A long-lived helper process that answers one JSON line per JSON line, in order.

Starting KaTeX (Node.js) or Kiwi (a Korean analyser) costs far more than one
request, so each is started once and fed every request of a build. The client
writes all requests from a thread while it reads the replies, so a long batch
never deadlocks on full pipes.
"""

from __future__ import annotations

import atexit
import json
import subprocess
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from study_wiki.limits import WorkerTimeout, read_reply, worker_timeout


class WorkerError(RuntimeError):
    """The worker could not be started or stopped answering."""


class LineWorker:
    def __init__(
        self,
        command: Sequence[str],
        *,
        name: str,
        cwd: Path | None = None,
        env: dict[str, str] | None = None,
        timeout: float | None = None,
    ) -> None:
        self.command = list(command)
        # Seconds to wait for each reply (None: WIKI_WORKER_TIMEOUT, else 120).
        self.timeout = timeout
        self.name = name
        self.cwd = cwd
        self.env = env
        self._process: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()

    @property
    def process(self) -> subprocess.Popen[str] | None:
        return self._process

    def start(self) -> None:
        """Start the process now (it may load while the build does other work)."""
        with self._lock:
            if self._process is None or self._process.poll() is not None:
                try:
                    self._process = subprocess.Popen(
                        self.command,
                        cwd=self.cwd,
                        env=self.env,
                        stdin=subprocess.PIPE,
                        stdout=subprocess.PIPE,
                        text=True,
                        encoding="utf-8",
                    )
                except OSError as error:
                    raise WorkerError(f"{self.name}: cannot start ({error})") from error
                atexit.register(self._process.kill)

    def ask_many(self, requests: Sequence[Any]) -> list[Any]:
        """The reply to each request, in order."""
        self.start()
        process = self._process
        assert process is not None and process.stdin and process.stdout
        writer = threading.Thread(target=_write_all, args=(process, list(requests)))
        writer.start()
        replies = []
        for _ in requests:
            try:
                # A stopped or stuck worker would hang the build (or serve) forever.
                line = read_reply(process, self.timeout or worker_timeout(), self.name)
            except WorkerTimeout:
                with self._lock:
                    if self._process is process:
                        self._process = None
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
            process, self._process = self._process, None
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
