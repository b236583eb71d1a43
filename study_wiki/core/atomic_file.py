"""Writes files so that readers never see a partial one: temp file, then rename.

Temp files carry the writer's process id, so files left by a killed build can be
told apart from those of a build still running, and removed.
"""

import os
import tempfile
from pathlib import Path

from study_wiki.messages import not_writable

TEMP_SUFFIX = ".tmp"
_UMASK = os.umask(0)
os.umask(_UMASK)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=TEMP_SUFFIX
        )
    except OSError as error:
        raise not_writable(path, error) from None
    try:
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        # mkstemp makes files private (0600); published files must be readable.
        os.chmod(tmp_name, 0o666 & ~_UMASK)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def create_new_file(path: Path, text: str) -> None:
    """Write atomically and never replace an existing file (FileExistsError if it exists)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=TEMP_SUFFIX
    )
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as tmp:
            tmp.write(text)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.link(tmp_name, path)  # unlike a rename, fails when the target exists
    finally:
        Path(tmp_name).unlink(missing_ok=True)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_orphaned_temp_files(directory: Path) -> list[Path]:
    """Delete temp files whose writing process no longer exists."""
    removed = []
    for temp in directory.rglob(f".*{TEMP_SUFFIX}"):
        # Named .<target>.<pid>.<random>.tmp by write_bytes_atomic.
        pid = temp.name.split(".")[-3]
        if pid.isdigit() and not _process_alive(int(pid)):
            temp.unlink(missing_ok=True)
            removed.append(temp)
    return removed
