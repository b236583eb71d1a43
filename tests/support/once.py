"""Folders made once per test run and shared by every pytest-xdist worker, and the
check that a test which builds says so.

A build that many tests start from (the mini project, the real site) is made by the
first worker that asks for it, under a file lock; the others wait and reuse it.
"""

from __future__ import annotations

import fcntl
import shutil
from collections.abc import Callable
from pathlib import Path

_run_folder: list[Path] = []
_test_builds: list[bool] = [True]


def set_run_folder(folder: Path) -> None:
    """Called once per worker by the session fixture in tests/conftest.py."""
    folder.mkdir(parents=True, exist_ok=True)
    _run_folder[:] = [folder]


def set_test_builds(marked: bool) -> None:
    """Whether the running test is marked `builds` (tests/conftest.py, before each test)."""
    _test_builds[:] = [marked]


def expect_builds() -> None:
    """Called by every helper that makes or builds a project: `make check` leaves out
    the tests marked `builds`, so a test that builds unmarked would slow it down."""
    if not _test_builds[0]:
        raise RuntimeError(
            "this test builds a site: mark it @pytest.mark.builds (or its module with "
            "pytestmark), so that `make check` leaves it out"
        )


def once(name: str, make: Callable[[Path], None]) -> Path:
    """The run's folder `name`, filled by `make(folder)` for whoever asks first."""
    if not _run_folder:
        raise RuntimeError("tests/conftest.py sets the run folder before any test")
    root = _run_folder[0]
    folder, done, failed = root / name, root / f"{name}.done", root / f"{name}.failed"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if failed.exists():
            raise AssertionError(f"{name} failed earlier in this run:\n{failed.read_text()}")
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            try:
                make(folder)
            except Exception as error:
                failed.write_text(str(error)[-6000:], encoding="utf-8")
                raise
            done.touch()
    return folder
