"""Contributor code (figure snippets, notebooks) may not change the repository: its files
are listed before the code runs and after; what changed is an error naming the code, and a
created file is moved aside into the cache, never deleted (the author may have saved it).
The code gets only the environment variables it needs to run, no secrets."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

# Build outputs, caches and tools: written by the build and by other programs, read
# by no build (core/up_to_date.py walks the same files).
NOT_WATCHED = {
    ".git", ".venv", "venv", "node_modules", ".wiki-cache", ".cache", "site",
    "test-artifacts", "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache",
    ".hypothesis", ".ipynb_checkpoints",
}  # fmt: skip
# What a Python process needs to run on Linux, macOS and Windows, and nothing else.
PASSED_ON = {
    "PATH", "HOME", "USERPROFILE", "LANG", "LANGUAGE", "TZ", "TMPDIR", "TEMP", "TMP",
    "SYSTEMROOT", "SYSTEMDRIVE", "WINDIR", "COMSPEC", "PATHEXT", "APPDATA",
    "LOCALAPPDATA", "PROGRAMDATA", "VIRTUAL_ENV", "PYTHONHASHSEED", "SOURCE_DATE_EPOCH",
    "MPLCONFIGDIR", "MPLBACKEND", "XDG_CACHE_HOME", "XDG_CONFIG_HOME",
}  # fmt: skip
PASSED_ON_PREFIXES = ("LC_", "WIKI_", "JUPYTER_")


def child_environment(**extra: str) -> dict[str, str]:
    """The variables contributor code runs with: this environment's harmless ones."""
    kept = {
        name: value
        for name, value in os.environ.items()
        if name.upper() in PASSED_ON or name.upper().startswith(PASSED_ON_PREFIXES)
    }
    return kept | {"PYTHONDONTWRITEBYTECODE": "1"} | extra


Listing = dict[str, tuple[int, int]]
ASIDE = "moved-aside"  # the cache folder for files contributor code created


def project_files(root: Path, also_skipped: Iterable[Path] = ()) -> Iterator[Path]:
    """Every file under `root` that the build does not write itself, in a stable order."""
    skipped = {path.resolve() for path in also_skipped}
    for folder, subdirectories, names in os.walk(root):
        here = Path(folder)
        subdirectories[:] = sorted(
            name
            for name in subdirectories
            if name not in NOT_WATCHED
            and not name.endswith(".egg-info")
            and (here / name).resolve() not in skipped
        )
        yield from (here / name for name in sorted(names) if not name.endswith(".pyc"))


def listing(root: Path, also_skipped: Iterable[Path] = ()) -> Listing:
    """Size and modification time of each file of `project_files`."""
    files: Listing = {}
    for path in project_files(root, also_skipped):
        try:
            stat = path.lstat()
        except OSError:
            continue
        files[path.relative_to(root).as_posix()] = (stat.st_size, stat.st_mtime_ns)
    return files


@dataclass(frozen=True)
class Trespass:
    path: str
    how: str  # "created" (and moved aside), "changed", "removed"
    moved_to: str = ""  # where a created file went, relative to the root


def trespasses(root: Path, before: Listing, after: Listing, aside: Path) -> list[Trespass]:
    """What changed between two listings; files created are moved into `aside`."""
    created = sorted(after.keys() - before.keys())
    found = [Trespass(p, "created", _move_aside(root, p, aside)) for p in created]
    kept = sorted(before.keys() & after.keys())
    found += [Trespass(p, "changed") for p in kept if before[p] != after[p]]
    found += [Trespass(p, "removed") for p in sorted(before.keys() - after.keys())]
    return found


def _move_aside(root: Path, path: str, aside: Path) -> str:
    target = aside / path
    for number in range(1, 1000):
        if not target.exists() and not target.is_symlink():
            break
        target = aside / f"{path}.{number}"
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        shutil.move(root / path, target)
    except OSError:
        return ""  # gone already, or not movable: the message still names it
    return target.relative_to(root).as_posix() if target.is_relative_to(root) else str(target)


def message(code: str, trespass: Trespass) -> str:
    """`file: what: how to fix` for one file changed while `code` ran."""
    if trespass.how == "created":
        fix = f"it was moved to {trespass.moved_to or '(nowhere: it is gone)'}; "
        fix += "if you made it yourself while the build ran, move it back"
    else:  # changed or removed
        fix = f"restore it (`git checkout -- {trespass.path}`), or, if you saved it "
        fix += "yourself while the build ran, build again"
    return (
        f"{code}: {trespass.how} {trespass.path} while it ran: contributor code may "
        f"write only in its own working folder (a figure is what figure() returns); {fix}"
    )
