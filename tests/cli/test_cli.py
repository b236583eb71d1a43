"""`python -m study_wiki`: one entry point; scripts/ only calls it."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from study_wiki.cli import COMMANDS
from tests.support.project import ROOT, build_env

WRAPPERS = {
    "new_note.py": "new-note",
    "check_external_links.py": "check-links",
}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, env=build_env(), timeout=60
    )


def test_help_lists_every_command() -> None:
    result = run("-m", "study_wiki", "--help")
    assert result.returncode == 0, result.stderr
    for name in COMMANDS:
        assert name in result.stdout


def test_an_unknown_command_is_refused_with_the_list() -> None:
    result = run("-m", "study_wiki", "new-notes")
    assert result.returncode == 2
    assert "unknown command 'new-notes'" in result.stderr
    assert "new-note" in result.stderr


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_command_has_help(name: str) -> None:
    result = run("-m", "study_wiki", name, "--help")
    assert result.returncode == 0, result.stderr
    assert "usage:" in result.stdout


@pytest.mark.parametrize("script", sorted(WRAPPERS))
def test_scripts_are_thin_wrappers_of_the_entry_point(script: str) -> None:
    tree = ast.parse((ROOT / "scripts" / script).read_text(encoding="utf-8"))
    statements = [node for node in tree.body if not isinstance(node, ast.Expr)]
    assert len(statements) <= 4
    assert repr(WRAPPERS[script]) in ast.unparse(tree)
    result = run(str(ROOT / "scripts" / script), "--help")
    assert result.returncode == 0, result.stderr
