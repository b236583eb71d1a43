"""Files written whole, and left alone when they already hold what would be written."""

from __future__ import annotations

from pathlib import Path

from study_wiki.core.atomic_file import holds, write_text_atomic
from study_wiki.serve.dirty import save_record


def test_holds_compares_the_exact_bytes(tmp_path: Path) -> None:
    path = tmp_path / "site" / "notebook.css"
    assert not holds(path, "a {}")  # not there yet
    write_text_atomic(path, "a {}")
    assert holds(path, "a {}") and holds(path, b"a {}")
    assert not holds(path, "a {}\n") and not holds(path, "")
    assert not holds(tmp_path / "site", "")  # a folder holds no data


def test_a_record_that_did_not_change_is_not_written_again(tmp_path: Path) -> None:
    record = tmp_path / ".wiki-cache" / "serve.json"
    save_record(record, {"shown": {"index.md": {"a": "1"}}})
    inode = record.stat().st_ino
    save_record(record, {"shown": {"index.md": {"a": "1"}}})
    assert record.stat().st_ino == inode  # left in place, not replaced by a new file
    save_record(record, {"shown": {"index.md": {"a": "2"}}})
    assert record.stat().st_ino != inode
    assert '"2"' in record.read_text(encoding="utf-8")
