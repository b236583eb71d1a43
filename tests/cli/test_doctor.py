"""`study-wiki doctor` names what is missing with the command that installs it on that
system; it runs with any Python, before anything is installed."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from study_wiki.cli.doctor import Facts, findings
from tests.support.project import ROOT

EVERYTHING = Facts(
    system="debian",
    python=(3, 13),
    has_venv=True,
    node=(20, 11, 1),
    git=True,
    env_current=True,
    katex=True,
    font=True,
    missing_packages=(),
)
NOTHING = replace(
    EVERYTHING,
    python=(3, 9),
    has_venv=False,
    node=None,
    git=False,
    env_current=False,
    katex=False,
    font=False,
)


def missing(facts: Facts) -> dict[str, str]:
    return {f.what: f.fix for f in findings(facts) if not f.ok}


def test_nothing_is_missing_on_a_ready_computer() -> None:
    assert missing(EVERYTHING) == {}


@pytest.mark.parametrize(
    ("system", "python", "node", "git", "setup"),
    [
        (
            "darwin",
            "brew install python@3.13",
            "brew install node",
            "xcode-select --install",
            "python3 -m study_wiki install",
        ),
        (
            "win32",
            "winget install Python.Python.3.13",
            "winget install OpenJS.NodeJS.LTS",
            "winget install Git.Git",
            "py -m study_wiki install",
        ),
        (
            "debian",
            "sudo apt-get install python3 python3-venv",
            "sudo apt-get install nodejs npm",
            "sudo apt-get install git",
            "python3 -m study_wiki install",
        ),
    ],
)
def test_each_missing_thing_comes_with_this_systems_install_command(
    system: str, python: str, node: str, git: str, setup: str
) -> None:
    found = missing(replace(NOTHING, system=system))
    assert python in found["Python 3.9"] and "Python 3.11 to 3.14" in found["Python 3.9"]
    assert node in found["Node.js"]
    assert git in found["Git"]
    assert setup in found[".venv/ from requirements.lock"]
    assert "git checkout -- study_wiki/fonts" in found["the figures' font (study_wiki/fonts)"]
    assert "npm ci --omit=dev" in found["KaTeX (node_modules/katex)"]


def test_an_old_node_and_missing_test_packages_are_named() -> None:
    found = missing(replace(EVERYTHING, node=(16, 20, 0), missing_packages=("chromium",)))
    assert "Node.js 18 or newer" in found["Node.js 16.20.0"]
    assert (
        found["Debian packages chromium"] == "for the tests, install: sudo apt-get install chromium"
    )
    assert missing(replace(EVERYTHING, system="linux", git=False))["Git"].endswith(
        "install git with this system's package manager"
    )


def doctor(path: str) -> subprocess.CompletedProcess[str]:
    """The command as a newcomer runs it: the system's Python, from the checkout."""
    python = Path(sys.base_prefix) / "bin" / "python3"
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"} | {"PATH": path}
    return subprocess.run(
        [str(python), "-m", "study_wiki", "doctor"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.skipif(sys.platform != "linux", reason="reads this Debian machine")
def test_the_command_runs_outside_the_environment_and_names_missing_node(tmp_path: Path) -> None:
    tools = tmp_path / "bin"
    tools.mkdir()
    for name in ("git", "apt-get", "dpkg-query"):
        found = subprocess.run(["which", name], capture_output=True, text=True).stdout.strip()
        if found:
            (tools / name).symlink_to(found)
    result = doctor(str(tools))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "MISS  Node.js\n" in result.stdout
    assert "install it: sudo apt-get install nodejs npm" in result.stdout
    assert "ok    the figures' font (study_wiki/fonts)\n" in result.stdout, "it needs no Node"
    assert f"ok    Python {sys.version_info[0]}.{sys.version_info[1]}" in result.stdout
    with_node = doctor(os.environ["PATH"])
    assert "ok    Node.js " in with_node.stdout, with_node.stdout
    assert "ok    Git\n" in with_node.stdout
