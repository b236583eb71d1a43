"""A stopped KaTeX or Korean-analyser worker ends the build with a message, not a hang."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from study_wiki.core.worker import LineWorker, read_reply
from study_wiki.math.katex import KatexRenderer
from study_wiki.search import stems
from tests.support.project import ROOT


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


def test_katex_renderer_gives_up_on_a_stopped_worker(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("WIKI_WORKER_TIMEOUT", "2")
    renderer = KatexRenderer(ROOT, tmp_path / "katex-cache.json")
    assert "katex" in renderer.render("x^2", False)
    assert renderer.worker is not None and renderer.worker.process is not None
    worker = renderer.worker.process
    os.kill(worker.pid, signal.SIGSTOP)
    with pytest.raises(PluginError, match="KaTeX worker did not answer within 2 s"):
        renderer.render("y^3", False)
    assert worker.poll() is not None


def test_korean_analyser_gives_up_on_a_stopped_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIKI_WORKER_TIMEOUT", "2")
    worker = LineWorker([sys.executable, "-c", "pass"], name=stems.worker.name)
    worker.process = stopped_worker()
    monkeypatch.setattr(stems, "worker", worker)
    with pytest.raises(PluginError, match=r"Korean analyser .*did not answer within 2 s"):
        stems.tokenize(["기울기 소실"])
