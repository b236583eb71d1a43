"""`study-wiki build [SITE]`: the strict build, swapped into site/ only when it succeeds.

The build writes into a scratch folder of its own, so a failed build never leaves a
half-written site that could be deployed. Two builds at once each get their own
scratch folder; the swap is done under a lock, so site/ is always one whole build.
When nothing the build reads has changed since the last build of site/, and site/
is untouched, the build is skipped (study_wiki/core/up_to_date.py); WIKI_REBUILD=1
builds anyway. Scratch folders of builds that were killed (`kill -9`, a closed
laptop lid that never came back) are removed by the next build.

`--engine zensical` builds site/ with Zensical instead (study_wiki/cli/build_zensical.py).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from filelock import FileLock, Timeout
from mkdocs.exceptions import PluginError

NAME = "study-wiki build"
SCRATCH = "site.next."  # .wiki-cache/site.next.<pid>, with its .lock while it builds
LOCK_WAIT = 600
USAGE = f"usage: {NAME} [SITE] | {NAME} --engine zensical"


def main(argv: list[str]) -> int:
    if argv and argv[0] in ("-h", "--help"):
        print(f"{USAGE}\n\n{__doc__}")
        return 0
    if argv == ["--engine", "zensical"]:
        from study_wiki.cli import build_zensical

        return build_zensical.build(Path.cwd())
    if len(argv) > 1 or (argv and argv[0].startswith("-")):
        print(USAGE, file=sys.stderr)
        return 2
    return build(Path.cwd(), Path(argv[0] if argv else "site"))


def build(root: Path, site: Path) -> int:
    from study_wiki.core.up_to_date import input_fingerprint, is_up_to_date, record_build

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    site = site if site.is_absolute() else root / site
    inputs = input_fingerprint(root, site)
    if is_up_to_date(root, site, inputs) and not os.environ.get("WIKI_REBUILD"):
        print(
            f"{site.name}/ is up to date: nothing it is built from changed since its "
            "last build (WIKI_REBUILD=1 builds anyway)"
        )
        return 0
    cache = root / ".wiki-cache"
    cache.mkdir(exist_ok=True)
    remove_stale_scratch(cache)
    scratch = cache / f"{SCRATCH}{os.getpid()}"
    mine = FileLock(scratch.with_name(scratch.name + ".lock"))
    try:
        with mine:
            scratch.mkdir()
            status = run_mkdocs(root, scratch)
            if status != 0:
                return status
            return swap(cache, scratch, site, lambda: record_build(root, site, inputs))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        Path(mine.lock_file).unlink(missing_ok=True)


def run_mkdocs(root: Path, scratch: Path) -> int:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(scratch)]
    process = subprocess.Popen(command, cwd=root)
    try:
        return process.wait()
    except KeyboardInterrupt:
        # Ctrl-C reached MkDocs too: it stops its snippets and leaves nothing half
        # written. Wait for it rather than killing it in the middle of that.
        process.wait()
        return 130


def swap(cache: Path, scratch: Path, site: Path, record: Callable[[], bool]) -> int:
    """Move the new site into place under the build lock, then remove the old one."""
    try:
        lock = FileLock(cache / "build.lock").acquire(timeout=LOCK_WAIT)
    except Timeout:
        print(
            f"{NAME}: another build is still swapping its result into {site.name}/ (lock "
            ".wiki-cache/build.lock held for 10 minutes); stop it or try again",
            file=sys.stderr,
        )
        return 1
    with lock:
        # Under the lock no other build is between its two moves: any old site left
        # beside site/ is from a build that was killed there.
        for stale in sorted(site.parent.glob(f"{site.name}.old.*")):
            remove(stale, "a killed build's previous site")
        old = site.with_name(f"{site.name}.old.{os.getpid()}")
        if site.exists():
            try:
                site.rename(old)
            except OSError:
                print(
                    f"{NAME}: cannot move the old {site.name}/ aside: check its permissions "
                    f"(e.g. `chmod -R u+w {site.name}`) or remove it, then build again",
                    file=sys.stderr,
                )
                return 1
        scratch.rename(site)
        try:
            recorded = record()
        except PluginError as error:  # the site is built; only the shortcut is lost
            print(f"{NAME}: warning: {error}", file=sys.stderr)
            recorded = True
        if not recorded:
            print(
                f"{NAME}: files changed while the site was built; the next build will "
                "not be skipped",
                file=sys.stderr,
            )
        if old.exists():
            remove(old, "the previous site")
    print(f"site written to {site.name}/")
    return 0


def remove(folder: Path, what: str) -> None:
    try:
        shutil.rmtree(folder)
    except OSError:
        print(
            f"{NAME}: warning: {what} could not be fully removed: {folder.name} "
            "(check its permissions)",
            file=sys.stderr,
        )


def remove_stale_scratch(cache: Path) -> None:
    """Remove scratch folders whose build is gone: a running build holds its lock."""
    for scratch in sorted(cache.glob(f"{SCRATCH}*")):
        if scratch.suffix == ".lock" or not scratch.name[len(SCRATCH) :].isdigit():
            continue
        lock = FileLock(scratch.with_name(scratch.name + ".lock"))
        try:
            lock.acquire(timeout=0)
        except Timeout:
            continue  # a build still running
        with lock:
            shutil.rmtree(scratch, ignore_errors=True)
        Path(lock.lock_file).unlink(missing_ok=True)
