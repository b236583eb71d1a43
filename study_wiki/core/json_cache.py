"""Small results of the long-lived workers (typeset equations, search stems) kept on disk as
one JSON object: `save` keeps the entries used since loading and, up to `limit`, the most
recently used others (a `--dirty` rebuild that renders a few pages does not drop the rest)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from study_wiki.core.atomic_file import write_cache


class JsonCache:
    def __init__(self, path: Path, *, limit: int = 0) -> None:
        """limit=0 keeps only the entries used since loading."""
        self.path = path
        self.limit = limit
        self.stamp = file_stamp(path)
        self.entries: dict[str, Any] = read_json_object(path)
        self.used: set[str] = set()
        self.dirty = False

    def get(self, key: str) -> Any | None:
        value = self.entries.get(key)
        if value is not None:
            self.used.add(key)
        return value

    def put(self, key: str, value: Any) -> None:
        self.entries[key] = value
        self.used.add(key)
        self.dirty = True

    def save(self) -> None:
        unused = [key for key in self.entries if key not in self.used]
        room = max(0, self.limit - len(self.used))
        dropped = set(unused[: max(0, len(unused) - room)])
        if not self.dirty and not dropped:
            self.used = set()
            return
        kept = {key: self.entries[key] for key in unused if key not in dropped}
        kept.update((key, self.entries[key]) for key in self.entries if key in self.used)
        write_cache(self.path, json.dumps(kept, ensure_ascii=False))
        self.entries, self.used, self.dirty = kept, set(), False
        self.stamp = file_stamp(self.path)

    @classmethod
    def kept(cls, store: dict[Path, JsonCache] | None, path: Path, *, limit: int = 0) -> JsonCache:
        """The cache of `path` from `store` (what a stage keeps between the builds of one
        `mkdocs serve`) when it was saved and the file is as it left it; else read again."""
        cache = store.get(path) if store is not None else None
        if cache is None or cache.dirty or cache.used or cache.stamp != file_stamp(path):
            cache = cls(path, limit=limit)
            if store is not None:
                store[path] = cache
        return cache


def read_json_object(path: Path) -> dict:
    """The JSON object a file of the build holds; {} when it is missing, unreadable or not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def file_stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_ino, stat.st_mtime_ns, stat.st_size
