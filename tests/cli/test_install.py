"""`python -m study_wiki <command>` from any Python runs in the project's environment,
installed from the locks only when they changed (study_wiki/cli/install.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from study_wiki.cli.install import _satisfied, _stamp
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
