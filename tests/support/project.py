"""The repository under test, builds of it, and disposable copies."""

from __future__ import annotations

import io
import logging
import os
import shutil
import subprocess
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path

import click

from study_wiki.core.paths import CACHE_DIR_NAME
from tests.support.once import expect_builds, kept

ROOT = Path(__file__).resolve().parents[2]
# What a build reads: a copy of these is a whole project (the plugins are installed).
PROJECT_SOURCES = (
    "mkdocs.yml",
    "CONTRIBUTING.md",
    "docs",
    "snippets",
    "overrides",
    "includes",
    "benchmarks",
    "references.bib",
)
# A build's own state, never copied with its caches (which are content-addressed).
BUILD_STATE = ("dirty-serve", "build.lock", "up-to-date.json")
# Read when a process starts (by Python, matplotlib, fontconfig): a build given one
# of these runs in a process of its own.
PROCESS_VARIABLES = ("HOME", "MPLCONFIGDIR", "XDG_", "PYTHON")


def build_env(**extra: str) -> dict[str, str]:
    """The environment a build runs in: this one, quiet about MkDocs 2, plus `extra`."""
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1") | extra


def mkdocs_build(
    project: Path, site_dir: Path, *, strict: bool = True, dirty: bool = False, **env: str
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` (`--dirty`: what `make serve` runs after a save), in this process
    unless `env` sets what a process reads at start."""
    expect_builds()
    arguments = ["build", "--site-dir", str(site_dir)] + (["--strict"] if strict else [])
    arguments += ["--dirty"] if dirty else []
    if any(name.startswith(PROCESS_VARIABLES) for name in env):
        return subprocess.run(
            [sys.executable, "-m", "mkdocs", *arguments],
            cwd=project,
            env=build_env(**env),
            capture_output=True,
            text=True,
            timeout=600,
        )
    return mkdocs_here(arguments, project, build_env(**env))


def mkdocs_here(
    arguments: list[str], project: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    """`python -m mkdocs ARGUMENTS` run in this process, its output and exit status as a
    separate process would give them. Saves an interpreter start and the imports on each
    build, and the Korean analyser, kept by its module as for `mkdocs serve`'s rebuilds,
    loads once per test process."""
    from mkdocs.__main__ import cli

    status = 0
    with as_a_process(project, env) as (stdout, stderr):
        try:
            cli.main(arguments, prog_name="mkdocs", standalone_mode=False)
        except click.ClickException as error:  # mkdocs' Abort: strict mode, BuildError
            error.show()
            status = error.exit_code
        except Exception:
            traceback.print_exc()
            status = 1
    command = ["mkdocs", *arguments]
    return subprocess.CompletedProcess(command, status, stdout.getvalue(), stderr.getvalue())


@contextmanager
def as_a_process(project: Path, env: dict[str, str]) -> Iterator[tuple[io.StringIO, io.StringIO]]:
    """The block runs in `project` with the environment `env`, its output kept in the
    two streams yielded (stdout, stderr), and leaves this process's MkDocs plugins,
    logging, folder and environment as they were, as if it had been a process of its own."""
    from mkdocs.commands.build import log as build_log
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.utils import DuplicateFilter

    # MkDocs keeps plugins that have on_startup for the whole process (serve's rebuilds).
    plugin_cache = dict(MkDocsConfig._schema)["plugins"].plugin_cache
    plugin_cache.clear()
    stdout, stderr = io.StringIO(), io.StringIO()
    # Loggers that print on their own (not through MkDocs') print into this build's output.
    printing = [(handler, handler.stream) for handler in _printing_handlers()]
    for handler, _ in printing:
        handler.setStream(stderr)
    logger = logging.getLogger("mkdocs")
    saved_env, saved_cwd = dict(os.environ), Path.cwd()
    os.environ.clear()
    os.environ.update(env)
    os.chdir(project)
    try:
        with redirect_stdout(stdout), redirect_stderr(stderr):
            yield stdout, stderr
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        plugin_cache.clear()
        for handler, stream in printing:
            handler.setStream(stream)
        for handler in _printing_handlers():  # made during the build
            if handler.stream is stderr:
                handler.setStream(sys.stderr)
        # What each `mkdocs` command adds to the process's logging for its own run.
        for handler in [h for h in logger.handlers if h.name == "MkDocsStreamHandler"]:
            logger.removeHandler(handler)
        for duplicates in [f for f in build_log.filters if isinstance(f, DuplicateFilter)]:
            build_log.removeFilter(duplicates)


def copy_sources(destination: Path, root: Path = ROOT) -> Path:
    """A copy of what a build reads from `root`, sharing node_modules; no cache."""
    destination.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints")
    for name in PROJECT_SOURCES:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=ignore)
        elif source.exists():
            shutil.copy2(source, destination / name)
    (destination / "node_modules").symlink_to(ROOT / "node_modules")
    return destination


def copy_caches(source: Path, destination: Path) -> None:
    """The caches of the project `source` into the project `destination`."""
    for name in (CACHE_DIR_NAME, ".cache"):
        if (source / name).is_dir():
            shutil.copytree(
                source / name,
                destination / name,
                ignore=shutil.ignore_patterns(*BUILD_STATE, "site.next*"),
                dirs_exist_ok=True,
            )


def copy_project(destination: Path, *, warm: bool = True) -> Path:
    """A disposable copy of the site's sources. Warm: with the caches of this run's
    build of the real site (`built_site`), so a build computes only what a test changed."""
    expect_builds()
    copy_sources(destination)
    if warm:
        copy_caches(built_site().parent / "project", destination)
    return destination


def _printing_handlers() -> list[logging.StreamHandler]:
    loggers = [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]
    return [
        handler
        for logger in loggers
        if isinstance(logger, logging.Logger)
        for handler in logger.handlers
        if type(handler) is logging.StreamHandler
    ]


def git_env(project: Path) -> dict[str, str]:
    """Lets the copy `project` read the repository's history (the pages' dates)."""
    found = subprocess.run(
        ["git", "rev-parse", "--absolute-git-dir"], cwd=ROOT, capture_output=True, text=True
    )
    if found.returncode != 0:
        return {}
    return {"GIT_DIR": found.stdout.strip(), "GIT_WORK_TREE": str(project)}


def built_site() -> Path:
    """The real site, built strictly from a cold copy (the one cold build of the whole
    site for the checkout as it is), with the dates of the repository's history."""

    def build(folder: Path) -> None:
        project = copy_sources(folder / "project")
        result = mkdocs_build(project, folder / "site", **git_env(project))
        assert result.returncode == 0, f"strict build failed:\n{result.stderr[-6000:]}"
        (folder / "build.log").write_text(result.stderr, encoding="utf-8")

    return kept("real-site", build) / "site"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder, by relative path, with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }
