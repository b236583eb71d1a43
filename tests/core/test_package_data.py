"""Every file of the package that is not Python is declared, so an installed wheel has it."""

from __future__ import annotations

import glob
import subprocess
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def declared_files() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["study_wiki"]
    package = ROOT / "study_wiki"
    return {
        f"study_wiki/{Path(match).as_posix()}"
        for pattern in patterns
        for match in glob.glob(pattern, root_dir=package, recursive=True)
    }


def test_every_tracked_file_that_is_not_python_is_package_data() -> None:
    tracked = subprocess.run(
        ["git", "ls-files", "study_wiki"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assets = [path for path in tracked if not path.endswith(".py")]
    assert assets
    missing = sorted(set(assets) - declared_files())
    assert not missing, f"add a pattern under [tool.setuptools.package-data]: {missing}"
