"""Whatever contributors' code starts ends with the build, even a process that left for
a session of its own (study_wiki/core/host.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import psutil
import pytest

from study_wiki.core import host
from tests.support.mini_project import build, make_mini_project, write

# Starts `sleep` in a new session from a process that exits at once (a daemon's
# double fork): the sleeper is nobody's child by the time the snippet returns.
DAEMON = """\
import subprocess, sys
sleeper = subprocess.Popen(
    [sys.executable, "-c", "import time; time.sleep(300)"], start_new_session=True
)
open(sys.argv[1], "w").write(str(sleeper.pid))
"""

SNIPPET = """\
import subprocess
import sys
import time

from matplotlib.figure import Figure

DAEMON = {daemon!r}


def figure() -> Figure:
    subprocess.run([sys.executable, "-c", DAEMON, {pid_file!r}], check=True)
    {then}
    fig = Figure(figsize=(2, 2))
    fig.add_subplot().plot([0, 1])
    return fig
"""

NOTEBOOK = """\
# %% [markdown]
# # 새 세션의 프로세스를 남기는 셀

# %%
import subprocess, sys
subprocess.run([sys.executable, "-c", {daemon!r}, {pid_file!r}], check=True)
"""


def is_running(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def sleeper_pid(pid_file: Path) -> int:
    return int(pid_file.read_text())


def assert_gone(pid: int) -> None:
    """Gone when the build returns: ended by it, not by chance a moment later."""
    try:
        assert not is_running(pid), "a process started by contributors' code outlived the build"
    finally:
        if is_running(pid):
            os.kill(pid, signal.SIGKILL)


def build_notebook_with_daemon(tmp_path: Path, tail: str = ""):
    """A build of a notebook whose cell starts a new-session daemon, then runs `tail`."""
    project = make_mini_project(tmp_path / "project")
    pid_file = tmp_path / "sleeper.pid"
    notebook = NOTEBOOK.format(daemon=DAEMON, pid_file=str(pid_file)) + tail
    write(project / "docs" / "notebooks" / "demo.py", notebook)
    return build(project, WIKI_SEARCH_KO="false"), pid_file


def snippet_page(project: Path, code: str) -> None:
    write(project / "snippets" / "demo" / "daemon.py", code)
    write(
        project / "docs" / "daemon.md",
        "---\ndescription: 새 세션으로 떠나는 프로세스를 시험하는 페이지입니다.\n---\n"
        '# 시험\n\n![시험 그림](snippet:demo/daemon.py "시험")\n',
    )


@pytest.mark.builds
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX sessions")
def test_a_new_session_grandchild_of_a_snippet_is_gone_after_the_build(tmp_path: Path) -> None:
    project = make_mini_project(tmp_path / "project")
    pid_file = tmp_path / "sleeper.pid"
    snippet_page(project, SNIPPET.format(daemon=DAEMON, pid_file=str(pid_file), then="pass"))
    result = build(project, WIKI_SEARCH_KO="false")
    assert result.returncode == 0, result.stderr[-3000:]
    assert_gone(sleeper_pid(pid_file))


@pytest.mark.builds
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX sessions")
def test_a_new_session_grandchild_of_a_snippet_that_times_out_is_gone(tmp_path: Path) -> None:
    project = make_mini_project(tmp_path / "project")
    pid_file = tmp_path / "sleeper.pid"
    hang = "time.sleep(300)"  # after the daemon started: the time-out leaves room for that
    snippet_page(project, SNIPPET.format(daemon=DAEMON, pid_file=str(pid_file), then=hang))
    # A fresh interpreter and matplotlib start in about a second: the short limit, and
    # the long one only when a busy machine stopped the snippet before its daemon began.
    for limit in ("4", "15"):
        result = build(project, WIKI_SEARCH_KO="false", WIKI_SNIPPET_TIMEOUT=limit)
        if pid_file.is_file() and pid_file.read_text():
            break
    assert result.returncode != 0
    assert f"timed out after {limit} s and was stopped" in result.stderr, result.stderr[-3000:]
    assert_gone(sleeper_pid(pid_file))


@pytest.mark.builds
@pytest.mark.skipif(sys.platform != "linux", reason="the supervisor is Linux's")
def test_a_new_session_grandchild_of_a_snippet_that_exits_at_once_is_gone(tmp_path: Path) -> None:
    """os._exit ends the snippet's process before it can end what it started."""
    project = make_mini_project(tmp_path / "project")
    pid_file = tmp_path / "sleeper.pid"
    exit_now = "import os; os._exit(0)"
    snippet_page(project, SNIPPET.format(daemon=DAEMON, pid_file=str(pid_file), then=exit_now))
    result = build(project, WIKI_SEARCH_KO="false")
    assert result.returncode != 0
    assert "snippets/demo/daemon.py:1: figure() saved no figure" in result.stderr
    assert_gone(sleeper_pid(pid_file))


@pytest.mark.builds
@pytest.mark.skipif(sys.platform != "linux", reason="the supervisor is Linux's")
def test_a_new_session_grandchild_of_a_notebook_cell_that_ends_the_kernel_is_gone(
    tmp_path: Path,
) -> None:
    result, pid_file = build_notebook_with_daemon(tmp_path, "import os\nos._exit(0)\n")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert "docs/notebooks/demo.py:5: notebook cell failed: the notebook's Python stopped" in (
        result.stderr
    )
    assert_gone(sleeper_pid(pid_file))


def test_the_supervisor_is_linuxs_and_other_systems_run_the_command_itself() -> None:
    command = ["python", "-m", "study_wiki.figures.child"]
    assert host.supervised(command, system="linux")[-3:] == command
    assert host.supervised(command, system="linux")[1:3] == ["-m", "study_wiki.core.host"]
    assert host.supervised(command, system="darwin") == command
    assert host.supervised(command, system="win32") == command


@pytest.mark.builds
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX sessions")
def test_a_new_session_grandchild_of_a_notebook_cell_is_gone_after_the_build(
    tmp_path: Path,
) -> None:
    result, pid_file = build_notebook_with_daemon(tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert_gone(sleeper_pid(pid_file))


ROOT_PROCESS = textwrap.dedent("""\
    import subprocess, sys, time
    from study_wiki.core import host
    host.contain_this_process(2048, 1 << 20)
    subprocess.run([sys.executable, "-c", sys.argv[1], sys.argv[2]], check=True)
    print("ready", flush=True)
    time.sleep(300)
""")


@pytest.mark.skipif(sys.platform != "linux", reason="child subreaper is Linux's")
def test_the_tree_is_ended_from_outside_while_its_root_lives(tmp_path: Path) -> None:
    """What the build does at a time-out: the orphan is the root's (a subreaper) to end."""
    pid_file = tmp_path / "sleeper.pid"
    root = subprocess.Popen(
        [sys.executable, "-c", ROOT_PROCESS, DAEMON, str(pid_file)],
        stdout=subprocess.PIPE,
        text=True,
        **host.popen_options(),
    )
    assert root.stdout.readline() == "ready\n"
    sleeper = sleeper_pid(pid_file)
    assert psutil.Process(sleeper).ppid() == root.pid
    host.end_process_tree(root.pid)
    assert root.wait(timeout=10) == -signal.SIGKILL
    assert_gone(sleeper)


def test_each_system_gets_its_own_way_of_holding_a_process() -> None:
    assert host.popen_options("linux") == {"start_new_session": True}
    assert host.popen_options("darwin") == {"start_new_session": True}
    assert host.popen_options("win32") == {"creationflags": 0x200}  # new process group
    assert host.memory_cap_note("linux") is None
    assert host.memory_cap_note("win32") is None
    assert "macOS does not enforce" in host.memory_cap_note("darwin")
    assert host.venv_python(Path(".venv"), "win32") == Path(".venv/Scripts/python.exe")
    assert host.venv_python(Path(".venv"), "darwin") == Path(".venv/bin/python")


def test_windows_puts_the_process_in_a_job_that_ends_it_all_and_caps_memory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """pywin32 is not installed here: a recording stand-in checks the calls Windows gets."""
    calls: list[tuple] = []

    class Win32Job:  # pywin32's names
        JobObjectExtendedLimitInformation = 9
        JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE = 0x2000
        JOB_OBJECT_LIMIT_PROCESS_MEMORY = 0x100

        def CreateJobObject(self, attributes, name):
            calls.append(("create", attributes, name))
            return "job"

        def QueryInformationJobObject(self, job, kind):
            return {"BasicLimitInformation": {"LimitFlags": 0}, "ProcessMemoryLimit": 0}

        def SetInformationJobObject(self, job, kind, info):
            calls.append(("set", job, kind, info))

        def AssignProcessToJobObject(self, job, process):
            calls.append(("assign", job, process))

    class Win32Api:
        def GetCurrentProcess(self):
            return "this process"

    monkeypatch.setitem(sys.modules, "win32job", Win32Job())
    monkeypatch.setitem(sys.modules, "win32api", Win32Api())
    monkeypatch.setattr(host, "_job", None)
    host.contain_this_process(1500, 1 << 20, system="win32")
    info = {"BasicLimitInformation": {"LimitFlags": 0x2100}, "ProcessMemoryLimit": 1500 << 20}
    assert calls == [
        ("create", None, ""),
        ("set", "job", 9, info),
        ("assign", "job", "this process"),
    ]
    assert host._job == "job", "the job's handle must live as long as the process"
