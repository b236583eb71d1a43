"""A content-addressed cache on disk that never hands out a partial or corrupt file:
each entry is a manifest `<key>.json` naming a blob `blobs/<sha256><suffix>`, both
written by atomic rename, blob first, and a blob that no longer matches its hash is
dropped."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from study_wiki.core.atomic_file import (
    cached_file,
    forget_cache,
    log,
    remove_orphaned_temp_files,
    write_cache,
)


@functools.cache
def code_digest(*files: Path) -> str:
    """A short hash of the code that makes a cache's entries, part of their key (read
    once per process: the code that runs is the code that was loaded)."""
    return hashlib.sha256(b"".join(file.read_bytes() for file in files)).hexdigest()[:12]


class ArtifactCache:
    def __init__(self, directory: Path, suffix: str) -> None:
        self.directory = directory
        self.suffix = suffix
        if directory.is_dir():
            for orphan in remove_orphaned_temp_files(directory):
                log.info("removed %s, left by an interrupted build", orphan.name)

    def _manifest(self, key: str) -> Path:
        return self.directory / f"{key}.json"

    def _blob(self, digest: str) -> Path:
        return self.directory / "blobs" / f"{digest}{self.suffix}"

    def get(self, key: str) -> Path | None:
        """Path of the verified blob for `key`, or None (a bad entry is removed)."""
        manifest = self._manifest(key)
        if not manifest.is_file():
            return None
        try:
            digest = json.loads(manifest.read_text(encoding="utf-8"))["sha256"]
            blob = self._blob(digest)
            if hashlib.sha256(blob.read_bytes()).hexdigest() == digest:
                return blob
            problem = "its content does not match its checksum"
        except (OSError, ValueError, KeyError, TypeError) as error:
            problem = f"it cannot be read ({error})"
            blob = None
        log.warning("cache entry %s is corrupt: %s; recomputing it", manifest, problem)
        forget_cache(manifest)
        if blob is not None:
            forget_cache(blob)
        return None

    def made(self, key: str, make: Callable[[], bytes]) -> Path:
        """The verified blob for `key`, made and stored first when there is none."""
        return self.get(key) or self.put(key, make())

    def put(self, key: str, data: bytes) -> Path:
        """Where the data now is: its blob, or a scratch file when the cache cannot be
        written (atomic_file.cached_file)."""
        digest = hashlib.sha256(data).hexdigest()
        blob = cached_file(self._blob(digest), data)
        if blob == self._blob(digest):
            write_cache(self._manifest(key), json.dumps({"sha256": digest}))
        return blob
