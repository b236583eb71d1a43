"""`python -m study_wiki <command>` from any Python runs in the project's environment,
installed from the locks only when they changed (study_wiki/cli/install.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from study_wiki.cli import install
from study_wiki.cli.install import _satisfied, _stamp, not_locked
from tests.support.project import ROOT


def test_a_command_run_by_another_python_runs_in_the_projects_environment() -> None:
    """The base Python has none of the site's packages: `build --help` imports them."""
    python = Path(sys.base_prefix) / "bin" / "python3"
    assert subprocess.run([str(python), "-c", "import mkdocs"], capture_output=True).returncode
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    result = subprocess.run(
        [str(python), "-m", "study_wiki", "build", "--help"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: study-wiki build [SITE]")
    assert "creating .venv/" not in result.stdout  # already there: nothing installed


def test_a_test_install_serves_the_site_and_a_changed_lock_installs_again(
    tmp_path: Path,
) -> None:
    site_lock, test_lock = tmp_path / "requirements.lock", tmp_path / "requirements-test.lock"
    site_lock.write_text("mkdocs==1.6.1\n")
    test_lock.write_text("mkdocs==1.6.1\npytest==9.2.0\n")
    inputs = {"site": [site_lock], "test": [test_lock]}
    stamp = tmp_path / ".installed"
    assert not _satisfied(stamp, "site", inputs)
    stamp.write_text(_stamp("site", inputs["site"]))
    assert _satisfied(stamp, "site", inputs)
    assert not _satisfied(stamp, "test", inputs)
    stamp.write_text(_stamp("test", inputs["test"]))
    assert _satisfied(stamp, "site", inputs) and _satisfied(stamp, "test", inputs)
    test_lock.write_text("mkdocs==1.6.1\npytest==9.3.0\n")
    assert not _satisfied(stamp, "test", inputs)


def test_what_the_lock_does_not_pin_is_removed_but_pip_and_the_project() -> None:
    lock = (
        "mkdocs==1.6.1 \\\n    --hash=sha256:00\n"
        "PyYAML==6.0.2\n"
        "appnope==1.0.0 ; sys_platform == 'darwin'\n"
        "    # via ipykernel\n"
    )
    installed = ["mkdocs", "pyyaml", "pip", "study_wiki", "setuptools", "jedi", "Jinja2"]
    assert not_locked(installed, lock) == ["pip", "setuptools", "jedi", "Jinja2"]


@pytest.mark.parametrize(
    ("had", "asked", "installed"),
    [
        ("test", "site", "test"),
        ("site", "site", "site"),
        (None, "site", "site"),
        ("site", "test", "test"),
    ],
)
def test_a_new_lock_is_installed_for_what_the_environment_was_made_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, had: str | None, asked: str, installed: str
) -> None:
    """A `serve` after a pull that changed the locks keeps a test environment's test
    tools; whatever the new lock does not pin is removed."""
    stamp = tmp_path / ".installed"
    if had:
        stamp.write_text(f"{had} an-older-lock\n")
    pip_calls: list[tuple[str, ...]] = []
    monkeypatch.setattr(install, "PY_STAMP", stamp)
    monkeypatch.setattr(install, "_runs", lambda python, *args: True)
    monkeypatch.setattr(install, "_pip", lambda python, *args: pip_calls.append(args))
    monkeypatch.setattr(install, "_installed", lambda python: ["pytest", "jedi", "mkdocs", "pip"])
    monkeypatch.setattr(install, "_ensure_node_packages", lambda profile: None)
    install.ensure(asked)
    assert str(ROOT / install.LOCKS[installed]) in pip_calls[0]
    # Bytecode only for the tests, whose builds would compile every import each time.
    assert ("--no-compile" in pip_calls[0]) == (installed == "site")
    removed = ["jedi", "pip"] if installed == "test" else ["pytest", "jedi", "pip"]
    assert pip_calls[-1] == ("uninstall", "--yes", *removed)
    assert stamp.read_text().startswith(f"{installed} ")


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX virtual environment")
def test_pip_comes_from_python_itself_for_an_install_and_goes_after_it(tmp_path: Path) -> None:
    """The environment keeps no pip between installs; the next install puts it back
    from the wheel Python carries, with no download."""
    import venv

    venv.create(tmp_path / "venv", with_pip=False, symlinks=True)
    python = tmp_path / "venv" / "bin" / "python"
    assert not install._runs(python, "-m", "pip", "--version")
    install._ensure_pip(python)
    assert install._runs(python, "-m", "pip", "--version")
    install._pip(python, "uninstall", "--yes", *not_locked(install._installed(python), ""))
    assert not install._runs(python, "-m", "pip", "--version")
    assert "pip" not in install._installed(python)
