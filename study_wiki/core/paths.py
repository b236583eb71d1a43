"""Paths as an author sees them: relative to the repository root (docs/..., snippets/...)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parents[2]


def source_path(file: File) -> str:
    path = Path(file.abs_src_path or file.src_path)
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
