"""A stopped KaTeX or Korean-analyser worker ends the build with a message, not a hang."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
from mkdocs.exceptions import PluginError

from study_wiki.limits import read_reply


def stopped_worker() -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-c", "import sys\nfor line in sys.stdin: print(line, end='')"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    os.kill(process.pid, signal.SIGSTOP)
    return process


def test_a_stopped_worker_times_out_and_is_killed() -> None:
    process = stopped_worker()
    process.stdin.write("hello\n")
    process.stdin.flush()
    with pytest.raises(PluginError, match="did not answer within 1 s and was stopped"):
        read_reply(process, 1, "the test worker")
    assert process.poll() is not None


def test_replies_already_read_ahead_are_not_lost() -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", "print('a'); print('b'); print('c')"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert [read_reply(process, 30, "w") for _ in range(4)] == ["a\n", "b\n", "c\n", ""]
    process.wait()


def test_katex_renderer_gives_up_on_a_stopped_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    import typeset_math

    monkeypatch.setenv("WIKI_WORKER_TIMEOUT", "2")
    renderer = typeset_math.KatexRenderer("test")
    renderer.cache = {}
    assert "katex" in renderer.render("x^2", False)
    worker = renderer.process
    os.kill(worker.pid, signal.SIGSTOP)
    with pytest.raises(PluginError, match="KaTeX worker did not answer within 2 s"):
        renderer.render("y^3", False)
    assert worker.poll() is not None


def test_korean_analyser_gives_up_on_a_stopped_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    import kiwi_loader

    monkeypatch.setenv("WIKI_WORKER_TIMEOUT", "2")
    monkeypatch.setattr(kiwi_loader, "WORKER", kiwi_loader.WORKER.with_name("no-such.py"))
    monkeypatch.setattr(kiwi_loader, "_process", stopped_worker())
    with pytest.raises(PluginError, match="Korean analyser did not answer within 2 s"):
        kiwi_loader.tokenize(["기울기 소실"])
