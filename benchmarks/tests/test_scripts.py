"""scripts/bench_*.py run the benchmarks from any folder (they are not in the package)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import ROOT

SCRIPTS = sorted(p.name for p in (ROOT / "scripts").glob("bench_*.py"))


def test_every_benchmark_has_a_script() -> None:
    assert SCRIPTS == [
        "bench_build.py",
        "bench_lighthouse.py",
        "bench_links.py",
        "bench_math.py",
        "bench_recall.py",
        "bench_search.py",
    ]


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_script_shows_its_help_from_another_folder(script: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / script), "--help"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "usage:" in result.stdout


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_neither_the_package_nor_its_tests_import_a_benchmark() -> None:
    assert not (ROOT / "study_wiki" / "bench").exists()
    for folder in ("study_wiki", "tests"):
        for path in (ROOT / folder).rglob("*.py"):
            assert "benchmarks" not in imported(path), path
