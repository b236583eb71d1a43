"""The Korean analyser process: started early when it will be needed, kept for serve.

A plain module rather than a hook: MkDocs reloads hooks on every `mkdocs serve`
rebuild, while this module (and the process it started) stays.
"""

from __future__ import annotations

import atexit
import json
import subprocess
import sys
import threading
from pathlib import Path

from mkdocs.exceptions import PluginError

from study_wiki.limits import read_reply, worker_timeout

WORKER = Path(__file__).with_name("kiwi_worker.py")

_lock = threading.Lock()
_process: subprocess.Popen[str] | None = None


def preload() -> None:
    """Start the analyser now; it loads on the core the build leaves idle."""
    global _process
    with _lock:
        if _process is None or _process.poll() is not None:
            _process = subprocess.Popen(
                [sys.executable, str(WORKER)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            )
            atexit.register(_process.kill)


def tokenize(texts: list[str]) -> list[list[tuple[str, str]]]:
    """[(form, tag), ...] for each text, in order."""
    preload()
    assert _process is not None and _process.stdin and _process.stdout
    # Write everything first: the replies are read in the same order.
    writer = threading.Thread(target=_write_all, args=(_process, texts))
    writer.start()
    results = []
    for _ in texts:
        line = read_reply(_process, worker_timeout(), "search_ko: the Korean analyser")
        if not line:
            raise PluginError("search_ko: the Korean analyser (kiwipiepy) exited unexpectedly")
        results.append([(form, tag) for form, tag in json.loads(line)])
    writer.join()
    return results


def _write_all(process: subprocess.Popen[str], texts: list[str]) -> None:
    assert process.stdin
    for text in texts:
        process.stdin.write(json.dumps(text, ensure_ascii=False) + "\n")
    process.stdin.flush()
