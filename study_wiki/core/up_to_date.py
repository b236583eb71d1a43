"""Whether a built site is already the build of the project as it is now (`study-wiki build`
then skips it): every file the build reads, the installed packages and npm lock, the
`WIKI_*` settings, the pages' git history (their dates and authors) and today's date (pages
without history carry it). The record is written once the new site is in place, if the
inputs did not change meanwhile."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import json
import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from study_wiki.confinement import project_files
from study_wiki.core.atomic_file import write_text_atomic
from study_wiki.core.json_cache import read_json_object

RECORD = Path(".wiki-cache/up-to-date.json")


def environment_lines(root: Path) -> list[str]:
    """What a build depends on besides the project's files."""
    settings = sorted(
        f"{key}={value}"
        for key, value in os.environ.items()
        # WIKI_REBUILD asks for a build; it changes nothing in one.
        if (key.startswith("WIKI_") or key == "SOURCE_DATE_EPOCH") and key != "WIKI_REBUILD"
    )
    packages = sorted(
        f"{dist.metadata['Name']}=={dist.version}" for dist in importlib.metadata.distributions()
    )
    npm_lock = root / "node_modules/.package-lock.json"
    npm = hashlib.sha256(npm_lock.read_bytes()).hexdigest() if npm_lock.is_file() else "-"
    return [
        f"python {sys.version}",
        f"date {dt.datetime.now(dt.UTC).date().isoformat()}",
        f"git {docs_history(root)}",
        f"npm {npm}",
        *settings,
        *packages,
    ]


def docs_history(root: Path) -> str:
    """The newest commit of docs/ (a commit elsewhere changes no page's dates), and
    whether the clone is shallow (older commits may be missing)."""
    commands = (
        ["log", "-1", "--format=%H", "--", "docs"],
        ["rev-parse", "--is-shallow-repository"],
    )
    try:
        return " ".join(
            subprocess.run(
                ["git", *command], cwd=root, capture_output=True, text=True, check=True
            ).stdout.strip()
            for command in commands
        )
    except (OSError, subprocess.CalledProcessError):
        return "-"


def input_fingerprint(root: Path, site_dir: Path, leave_out: Iterable[Path] = ()) -> str:
    digest = hashlib.sha256()
    for line in environment_lines(root):
        digest.update(line.encode() + b"\n")
    site_dir = site_dir.resolve()
    old_sites = site_dir.parent.glob(f"{site_dir.name}.old.*")  # left by cli/build.py
    for path in project_files(root, [site_dir, *old_sites, *leave_out]):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            digest.update(b"unreadable")
    return digest.hexdigest()


def site_fingerprint(site_dir: Path) -> str:
    """The site folder's files as they stand: names, sizes and modification times."""
    digest = hashlib.sha256()
    for folder, dirs, files in os.walk(site_dir):
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            stat = path.stat()
            entry = f"{path.relative_to(site_dir).as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}\n"
            digest.update(entry.encode())
    return digest.hexdigest()


def is_up_to_date(root: Path, site_dir: Path, inputs: str | None = None) -> bool:
    """Whether site_dir is the last recorded build and was built from `inputs` (the
    project's fingerprint, computed when not given)."""
    record = read_json_object(root / RECORD).get(str(site_dir.resolve()))
    if not isinstance(record, dict) or not (site_dir / "index.html").is_file():
        return False
    if record.get("site") != site_fingerprint(site_dir):
        return False
    return record.get("inputs") == (inputs or input_fingerprint(root, site_dir))


def record_build(root: Path, site_dir: Path, inputs_before: str) -> bool:
    """Remember this build, unless its inputs changed while it ran."""
    if input_fingerprint(root, site_dir) != inputs_before:
        return False
    records = read_json_object(root / RECORD)
    records[str(site_dir.resolve())] = {
        "inputs": inputs_before,
        "site": site_fingerprint(site_dir),
    }
    write_text_atomic(root / RECORD, json.dumps(records, indent=1, sort_keys=True))
    return True
