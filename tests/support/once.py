"""Folders made once per test run and shared by every pytest-xdist worker, and the
check that a test which builds says so.

A build that many tests start from (the mini project, the real site) is made by the
first worker that asks for it, under a file lock; the others wait and reuse it. It
is kept in the checkout's .cache/tests/ for the next runs while nothing a build reads
has changed.
"""

from __future__ import annotations

import fcntl
import hashlib
import inspect
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from study_wiki.core.paths import CHECKOUT
from study_wiki.core.up_to_date import input_fingerprint, site_fingerprint

# Builds kept between runs, by what they were built from; .cache is no build's input.
KEPT = CHECKOUT / ".cache" / "tests"
TESTS = CHECKOUT / "tests"
KEPT_FOR = 24 * 3600  # seconds a kept build no run has used stays

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


def kept(name: str, make: Callable[[Path], None]) -> Path:
    """`once(name, make)`, made once per state of the checkout: a later run finds the
    folder `make` filled when everything a build reads was as it is now, and uses it
    unless a test changed it since. What it reads: study_wiki.core.up_to_date's
    fingerprint of the checkout (files, packages, settings, the pages' history, day),
    of tests/ only tests/support/ and the file that defines `make`, so that editing a
    test does not build again."""
    return once(name, lambda folder: folder.symlink_to(_kept(name, make)))


def build_inputs(make: Callable[[Path], None]) -> str:
    digest = hashlib.sha256(
        input_fingerprint(CHECKOUT, CHECKOUT / "site", leave_out=[TESTS]).encode()
    )
    maker = Path(inspect.getfile(make))
    support = {path for path in (TESTS / "support").iterdir() if path.is_file()}
    for path in sorted({*support, maker}):
        digest.update(path.relative_to(CHECKOUT).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _kept(name: str, make: Callable[[Path], None]) -> Path:
    builds = KEPT / name
    builds.mkdir(parents=True, exist_ok=True)
    inputs = build_inputs(make)
    folder, made = builds / inputs, builds / f"{inputs}.made"
    with open(builds / f"{inputs}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (made.is_file() and made.read_text() == site_fingerprint(folder)):
            made.unlink(missing_ok=True)
            shutil.rmtree(folder, ignore_errors=True)
            make(folder)
            made.write_text(site_fingerprint(folder))
        os.utime(made)
    for other in builds.glob("*.made"):
        if time.time() - other.stat().st_mtime > KEPT_FOR:
            stem = other.name.removesuffix(".made")
            other.unlink()
            shutil.rmtree(builds / stem, ignore_errors=True)
    return folder
