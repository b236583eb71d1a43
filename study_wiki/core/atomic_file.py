"""Writes files so that readers never see a partial one (temp file, then rename; temp files
carry the writer's pid, so those a killed build left can be removed). A cache file that
cannot be written is a warning, and the build goes on without it."""

import atexit
import functools
import os
import shutil
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError

from study_wiki.core.paths import CACHE_DIR_NAME
from study_wiki.messages import not_writable, uncounted_logger

TEMP_SUFFIX = ".tmp"
_UMASK = os.umask(0)
os.umask(_UMASK)


# Shown to the user, not counted by strict mode: the site is the same without a cache.
log = uncounted_logger("study_wiki.cache")


class NotWritable(PluginError):
    """A file of the build cannot be written; the message says what to do."""


def write_bytes_atomic(path: Path, data: bytes, *, replace: bool = True) -> None:
    """`replace=False` never replaces an existing file: FileExistsError if there is one."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=TEMP_SUFFIX
        )
    except OSError as error:
        raise NotWritable(not_writable(path, error)) from None
    try:
        # No fsync (a second per few hundred files): a cache entry is verified when
        # read, and a build writes its site again.
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(data)
        # mkstemp makes files private (0600); published files must be readable.
        os.chmod(tmp_name, 0o666 & ~_UMASK)
        (os.replace if replace else os.link)(tmp_name, path)  # a link fails if it exists
    except FileExistsError:
        raise
    except OSError as error:
        raise NotWritable(not_writable(path, error)) from None
    finally:
        Path(tmp_name).unlink(missing_ok=True)


def holds(path: Path, data: bytes | str) -> bool:
    """Whether the file is there with exactly `data`: writing it again is then skipped, so
    that a reader (a server, a build starting beside this one) never sees it replaced."""
    try:
        return path.read_bytes() == (data.encode("utf-8") if isinstance(data, str) else data)
    except OSError:
        return False


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def write_cache(path: Path, data: bytes | str) -> bool:
    """Write a file of the build cache; when it cannot be, warn and go on (False)."""
    try:
        write_bytes_atomic(path, data.encode("utf-8") if isinstance(data, str) else data)
    except NotWritable as error:
        warn_no_cache(path, error)
        return False
    return True


def forget_cache(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError as error:
        warn_no_cache(path, NotWritable(not_writable(path, error)))


def cached_file(path: Path, data: bytes | str) -> Path:
    """Write a cache file the build reads back; when the cache cannot be written, the
    same file in a scratch folder that is removed when the build ends. Its path."""
    if write_cache(path, data):
        return path
    target = _scratch() / path.resolve().relative_to(path.resolve().anchor)
    write_bytes_atomic(target, data.encode("utf-8") if isinstance(data, str) else data)
    return target


@functools.cache
def _scratch() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="study-wiki-uncached-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


# Caches already warned about in this process (a preview's rebuilds warn once).
_warned: set[Path] = set()


def warn_no_cache(path: Path, error: NotWritable) -> None:
    """One warning for a cache that cannot be written (the first file that failed)."""
    cache = next((p for p in path.parents if p.name == CACHE_DIR_NAME), path.parent)
    if cache not in _warned:
        _warned.add(cache)
        log.warning("%s; until then the build goes on without caching", error)


def remove_orphaned_temp_files(directory: Path) -> list[Path]:
    removed = []
    for temp in directory.rglob(f".*{TEMP_SUFFIX}"):
        import psutil  # only once a temp file is found: importing it takes 20 ms a build

        # Named .<target>.<pid>.<random>.tmp by write_bytes_atomic.
        pid = temp.name.split(".")[-3]
        if pid.isdigit() and not psutil.pid_exists(int(pid)):
            forget_cache(temp)
            if not temp.exists():
                removed.append(temp)
    return removed
