"""The repository under test, builds of it in a separate process, and disposable copies."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from study_wiki.bench.project import copy_project as copy_sources
from study_wiki.bench.project import mkdocs_env

ROOT = Path(__file__).resolve().parents[2]


def build_env(**extra: str) -> dict[str, str]:
    return mkdocs_env(PYTHONDONTWRITEBYTECODE="1", **extra)


def mkdocs_build(
    project: Path, site_dir: Path, *, strict: bool = True, **env: str
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir)]
    if strict:
        command.append("--strict")
    return subprocess.run(
        command,
        cwd=project,
        env=build_env(**env),
        capture_output=True,
        text=True,
        timeout=600,
    )


def copy_project(destination: Path) -> Path:
    """A disposable copy of the site's sources, sharing node_modules."""
    return copy_sources(destination, ROOT)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder, by relative path, with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }
