"""Disposable copies of the site to build: the real one, or with synthetic content."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from benchmarks import ROOT
from benchmarks.content import Note, notebook_code, snippet_code, strip_figures
from study_wiki.core.config_file import ConfigEditError, plugin_entry
from tests.support.config_edit import edit_yaml
from tests.support.project import PROJECT_SOURCES


def mkdocs_env(**extra: str) -> dict[str, str]:
    """The environment a build runs in: this one, quiet about MkDocs 2, plus `extra`."""
    return dict(os.environ, NO_MKDOCS_2_WARNING="1") | extra


def copy_project(destination: Path, root: Path = ROOT) -> Path:
    """A disposable copy of the site's sources, sharing node_modules."""
    destination.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints")
    for name in PROJECT_SOURCES:
        source = root / name
        if not source.exists():
            continue
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=ignore)
        else:
            shutil.copy2(source, destination / name)
    (destination / "node_modules").symlink_to(root / "node_modules")
    return destination


def write_project(
    destination: Path, notes: list[Note], m: int, *, figures: bool, notebooks: bool, seed: int
) -> Path:
    copy_project(destination)
    for note in notes:
        (destination / "docs" / note.path).write_text(note.text, encoding="utf-8")
    if not figures:
        for page in (destination / "docs").rglob("*.md"):
            text = page.read_text(encoding="utf-8")
            if "](snippet:" in text:
                page.write_text(strip_figures(text), encoding="utf-8")
    bench = destination / "snippets" / "bench"
    bench.mkdir()
    (bench / "__init__.py").write_text('"""Generated benchmark figures."""\n', encoding="utf-8")
    for i in range(m):
        (bench / f"fig_{i:02d}.py").write_text(snippet_code(i, seed), encoding="utf-8")
    if notebooks:
        folder = destination / "docs" / "bench-notebooks"
        folder.mkdir()
        for i in range(m):
            (folder / f"fig-{i:02d}.py").write_text(notebook_code(i, seed), encoding="utf-8")
        edit_yaml(destination / "mkdocs.yml", stock_notebooks)
        edit_yaml(destination / "docs" / ".nav.yml", list_bench_notebooks)
    return destination


def stock_notebooks(config: dict) -> None:
    """The stock way: mkdocs-jupyter executes the bench notebooks, no figures stage."""
    _, wiki = plugin_entry(config, "study-wiki")
    figures = (wiki or {}).get("figures")
    if figures is None or figures.get("enabled") is False:
        raise ConfigEditError("mkdocs.yml: study-wiki has no `figures:` options, or they are off")
    figures["enabled"] = False
    _, jupyter = plugin_entry(config, "mkdocs-jupyter")
    if jupyter is None or "include" not in jupyter:
        raise ConfigEditError("mkdocs.yml: mkdocs-jupyter has no `include:` list")
    jupyter["include"].insert(-1, "bench-notebooks/*.py")
    jupyter["execute"] = True
    jupyter["execute_ignore"] = ["*.ipynb"]


def list_bench_notebooks(nav_file: dict) -> None:
    """Put the bench notebooks' folder in the page tree, next to the site's notebooks."""
    nav = nav_file.get("nav") or []
    if "notebooks" not in nav:
        raise ConfigEditError("docs/.nav.yml: `nav:` has no top-level `notebooks` entry")
    nav.insert(nav.index("notebooks") + 1, "bench-notebooks")
