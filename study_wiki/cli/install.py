"""`study-wiki install [site|test]`: the project's environment, made from its lock files.

- `.venv/`: a virtual environment with the pinned packages, checked against their
  hashes: `requirements.lock` to preview and build, `requirements-test.lock` (the
  same pins and the test tools) to run the tests; the project itself is the only
  other package it keeps (a package a lock no longer names is removed). pip comes
  from Python itself (`ensurepip`, no download) for an install and goes after it:
  nothing runs it between installs;
- `node_modules/`: KaTeX and lunr (`npm ci --omit=dev`), and for the tests the
  browser-test packages too (`npm ci`). The figures' font is in the repository.

Each part is skipped while its stamp matches the lock it was installed from, so a
second run costs nothing and a `git pull` that changes a lock installs again.
`python -m study_wiki <command>` run by any Python 3.11+ sets this up first and then
runs the command with the environment's Python. This module runs before any
dependency is installed: the standard library only.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from study_wiki.core import host
from study_wiki.core.paths import CHECKOUT

OLDEST_PYTHON = (3, 11)
VENV = CHECKOUT / ".venv"
LOCKS = {"site": "requirements.lock", "test": "requirements-test.lock"}
NPM = {"site": ["--omit=dev"], "test": []}
PY_STAMP = VENV / ".installed"
JS_STAMP = CHECKOUT / "node_modules" / ".installed"


def in_project_venv() -> bool:
    return Path(sys.prefix).resolve() == VENV.resolve()


def run_in_venv(argv: list[str]) -> int:
    """Set up the environment with this Python, then run the command with its Python."""
    if sys.version_info < OLDEST_PYTHON:
        from study_wiki.cli.doctor import python_problem

        print(python_problem(), file=sys.stderr)
        return 1
    profile = "test" if argv[:2] == ["install", "test"] else "site"
    python = ensure(profile)
    return host.run_instead([str(python), "-m", "study_wiki", *argv])


def ensure(profile: str) -> Path:
    """The environment's Python, after installing whatever `profile` lacks."""
    python = host.venv_python(VENV)
    if not _runs(python):
        print(f"creating {VENV.name}/ with Python {sys.version.split()[0]}")
        shutil.rmtree(VENV, ignore_errors=True)
        if subprocess.run([sys.executable, "-m", "venv", str(VENV)]).returncode != 0:
            from study_wiki.cli.doctor import install_command, this_system

            raise SystemExit(
                f"Python's venv module cannot make .venv/: {install_command('venv', this_system())}"
            )
    if not venv_current(profile):
        # An environment made for the tests stays one: a new lock is installed
        # with the test tools rather than without them.
        profile = "test" if _installed_profile() == "test" else profile
        # The preview installs no bytecode: Python compiles what a build imports when it
        # first does (a sixth of .venv/ would be bytecode the site never imports). The
        # tests' builds run without writing bytecode, so each would compile every import.
        lock = CHECKOUT / LOCKS[profile]
        compiled = ["--no-compile"] if profile == "site" else []
        _ensure_pip(python)
        _pip(python, "install", "--require-hashes", "--no-deps", *compiled, "-r", str(lock))
        _pip(python, "install", "--no-deps", "--editable", str(CHECKOUT))
        # What the lock does not pin goes, pip last of all (it removes itself).
        unlocked = not_locked(_installed(python), lock.read_text(encoding="utf-8"))
        _pip(python, "uninstall", "--yes", *sorted(unlocked, key=lambda name: name == "pip"))
        PY_STAMP.write_text(_stamp(profile, _python_inputs()[profile]), encoding="utf-8")
    _ensure_node_packages(profile)
    return python


def _python_inputs() -> dict[str, list[Path]]:
    return {name: [CHECKOUT / lock, CHECKOUT / "pyproject.toml"] for name, lock in LOCKS.items()}


def venv_current(profile: str) -> bool:
    """Whether `.venv/` was installed for `profile` from today's locks."""
    return _satisfied(PY_STAMP, profile, _python_inputs())


def _ensure_node_packages(profile: str) -> None:
    inputs = {name: [CHECKOUT / "package-lock.json"] for name in NPM}
    if _satisfied(JS_STAMP, profile, inputs):
        return
    npm = shutil.which("npm")
    if npm is None:
        from study_wiki.cli.doctor import node_problem

        if profile == "test":
            raise SystemExit(node_problem())
        print(f"{node_problem()}\n(the preview goes on without them)", file=sys.stderr)
        return
    command = [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error", *NPM[profile]]
    subprocess.run(command, cwd=CHECKOUT, check=True)
    JS_STAMP.write_text(_stamp(profile, inputs[profile]), encoding="utf-8")


def _stamp(profile: str, files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.read_bytes())
    return f"{profile} {digest.hexdigest()}\n"


def _satisfied(stamp: Path, profile: str, inputs: dict[str, list[Path]]) -> bool:
    """Whether the stamp is that of an install from today's locks; a test install
    holds everything the site needs."""
    try:
        have = stamp.read_text(encoding="utf-8")
    except OSError:
        return False
    enough = ("site", "test") if profile == "site" else ("test",)
    return any(have == _stamp(name, inputs[name]) for name in enough)


def _installed_profile() -> str | None:
    try:
        return PY_STAMP.read_text(encoding="utf-8").split()[0]
    except (OSError, IndexError):
        return None


def not_locked(installed: list[str], lock: str) -> list[str]:
    """The installed packages the lock does not pin, other than the project (pip,
    setuptools, which Python 3.11's venv adds; what an older lock pinned)."""
    pinned = {_name(name) for name in re.findall(r"^([A-Za-z0-9][\w.-]*)==", lock, re.M)}
    return [name for name in installed if _name(name) not in {*pinned, "study-wiki"}]


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _installed(python: Path) -> list[str]:
    names = "import importlib.metadata as m; print(*(d.name for d in m.distributions()))"
    return subprocess.run(
        [str(python), "-c", names], capture_output=True, text=True, check=True
    ).stdout.split()


def _ensure_pip(python: Path) -> None:
    """pip in the environment, from the wheel Python carries (what `venv` puts in)."""
    if not _runs(python, "-m", "pip", "--version"):
        subprocess.run([str(python), "-m", "ensurepip"], capture_output=True, check=True)


def _pip(python: Path, *args: str) -> None:
    # A machine-wide pip configuration may add indexes and constraints: the lock
    # file is the only source of truth here.
    env = dict(os.environ, PIP_CONFIG_FILE=os.devnull, PIP_DISABLE_PIP_VERSION_CHECK="1")
    subprocess.run([str(python), "-m", "pip", *args, "--quiet"], env=env, check=True)


def _runs(python: Path, *args: str) -> bool:
    try:
        command = [str(python), *(args or ("-c", ""))]
        return subprocess.run(command, capture_output=True).returncode == 0
    except OSError:
        return False


def main(argv: list[str]) -> int:
    if argv in (["-h"], ["--help"]):
        print(f"usage: study-wiki install [site|test]\n\n{__doc__}")
        return 0
    if argv not in ([], ["site"], ["test"]):
        print("usage: study-wiki install [site|test]", file=sys.stderr)
        return 2
    ensure(argv[0] if argv else "site")
    return 0
