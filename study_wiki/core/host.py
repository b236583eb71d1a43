"""What differs between Linux, macOS and Windows: holding a process that runs
contributors' code to its limits, ending everything it started, and where a virtual
environment keeps its Python. Each function takes the system as an argument (default
`sys.platform`) so that tests can check the choices made for the others.

| system  | every descendant ends with it                     | memory cap    | file-size cap |
| ------- | ------------------------------------------------- | ------------- | ------------- |
| Linux   | a supervisor, child subreaper, outlives it         | RLIMIT_AS     | RLIMIT_FSIZE  |
| macOS   | psutil tree while it lives, then its process group | none (a note) | RLIMIT_FSIZE  |
| Windows | a Job object that kills its processes on close     | Job object    | none          |
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

LINUX, MACOS, WINDOWS = "linux", "darwin", "win32"
# prctl(2) options: orphaned descendants re-parent to this process instead of init;
# the kernel sends this process SIGKILL when its parent (the build) dies.
PR_SET_PDEATHSIG, PR_SET_CHILD_SUBREAPER = 1, 36
FILE_BYTES = 256 * 1024 * 1024  # largest file contributors' code may write (an SVG, a log)
# A Job object handle must outlive the process's own use of it: kept here.
_job = None


def popen_options(system: str = sys.platform) -> dict:
    """Popen arguments for a contained process: a session (process group) of its own
    on POSIX, a process group of its own on Windows (Ctrl-C in the console stays the
    build's to handle)."""
    if system == WINDOWS:
        return {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0x200)}
    return {"start_new_session": True}


def supervised(command: list[str], system: str = sys.platform) -> list[str]:
    """`command` under a supervisor on Linux: a process that waits for it and, however
    it ended (`os._exit` in contributors' code included), ends what it left behind,
    its orphans being the supervisor's own (a child subreaper). Elsewhere `command`."""
    if system != LINUX:
        return command
    return [sys.executable, "-m", __name__, *command]


def _hold_descendants() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def _supervise(command: list[str]) -> int:
    _hold_descendants()
    # A kernel's interrupt is sent to its process group: the command's to handle.
    # (A handler, unlike SIG_IGN, is not inherited by the command.)
    signal.signal(signal.SIGINT, lambda signum, frame: None)
    process = subprocess.Popen(command)
    signal.signal(signal.SIGTERM, lambda signum, frame: process.send_signal(signum))
    returncode = process.wait()
    end_descendants()
    return returncode if returncode >= 0 else 128 - returncode


def memory_cap_note(system: str = sys.platform) -> str | None:
    """Why a snippet's memory is not capped on this system (None when it is)."""
    if system == MACOS:
        return (
            "macOS does not enforce a process's memory limit: a snippet or notebook cell "
            "that allocates too much slows this computer instead of failing with "
            "MemoryError (the Linux build in CI enforces WIKI_SNIPPET_MEMORY)"
        )
    return None


def contain_this_process(
    memory_mb: int, file_bytes: int = FILE_BYTES, system: str = sys.platform
) -> None:
    """Called first in a process that runs contributors' code: cap its memory and the
    files it writes where the system can, and make sure nothing it starts can outlive
    it (see `end_descendants`, and the build's `end_process_tree`)."""
    if system == WINDOWS:
        _join_job(memory_mb)
        return
    if system == LINUX:
        _hold_descendants()
    import resource

    limits = [(resource.RLIMIT_FSIZE, file_bytes)]
    if memory_cap_note(system) is None:
        limits.append((resource.RLIMIT_AS, memory_mb * 1024 * 1024))
    for which, value in limits:
        _, hard = resource.getrlimit(which)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        resource.setrlimit(which, (value, hard))


def _join_job(memory_mb: int) -> None:
    """Put this process in a Job object of its own: when the process ends, however it
    ends, Windows closes the job's last handle and ends every process in it."""
    global _job
    import win32api
    import win32job

    job = win32job.CreateJobObject(None, "")
    info = win32job.QueryInformationJobObject(job, win32job.JobObjectExtendedLimitInformation)
    info["BasicLimitInformation"]["LimitFlags"] = (
        win32job.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE | win32job.JOB_OBJECT_LIMIT_PROCESS_MEMORY
    )
    info["ProcessMemoryLimit"] = memory_mb * 1024 * 1024
    win32job.SetInformationJobObject(job, win32job.JobObjectExtendedLimitInformation, info)
    win32job.AssignProcessToJobObject(job, win32api.GetCurrentProcess())
    _job = job


def end_descendants() -> None:
    """End every process this one started (and they started), from inside: called when
    a snippet or notebook has finished, while this process still holds them all."""
    end_process_tree(os.getpid(), include_root=False)


def end_process_tree(pid: int, *, include_root: bool = True, system: str = sys.platform) -> None:
    """End `pid`'s descendants, then `pid` itself.

    The root is paused first so that it starts nothing new; each round kills the
    descendants psutil finds, whose own children then re-parent to the root where it
    is a child subreaper (Linux), until none is left. On POSIX the root's process
    group is killed too: on macOS that catches children whose parent already died.
    """
    import psutil  # not imported above: this module also serves the set-up, before it

    def alive(process: psutil.Process) -> bool:
        try:
            return process.status() != psutil.STATUS_ZOMBIE
        except psutil.Error:
            return False

    try:
        root = psutil.Process(pid)
        if include_root:
            root.suspend()
        for _ in range(100):
            descendants = [p for p in root.children(recursive=True) if alive(p)]
            if not descendants:
                break
            for process in descendants:
                with contextlib.suppress(psutil.Error):
                    process.kill()
            # Killed, each is a zombie until its parent reaps it, and the paused root
            # reaps none: waiting for them to be gone would always take the whole second.
            deadline = time.monotonic() + 1
            while any(alive(p) for p in descendants) and time.monotonic() < deadline:
                time.sleep(0.01)
        if include_root:
            root.kill()
    except psutil.Error:
        pass
    if include_root and system != WINDOWS:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGKILL)


def run_instead(command: list[str], system: str = sys.platform) -> int:
    """Run `command` in place of this process: exec on POSIX (Ctrl-C then reaches
    it alone); on Windows, where exec would leave it running detached from the
    console, as a child that is waited for (the console sends it Ctrl-C itself)."""
    sys.stdout.flush()
    sys.stderr.flush()
    if system != WINDOWS:
        os.execv(command[0], command)
    process = subprocess.Popen(command)
    while True:
        try:
            return process.wait()
        except KeyboardInterrupt:
            continue


def venv_python(venv: Path, system: str = sys.platform) -> Path:
    """The Python of a virtual environment made by `python -m venv`."""
    if system == WINDOWS:
        return venv / "Scripts" / "python.exe"
    return venv / "bin" / "python"


if __name__ == "__main__":
    sys.exit(_supervise(sys.argv[1:]))
