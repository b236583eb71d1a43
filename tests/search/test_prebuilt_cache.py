"""The index built ahead is kept in the project's one cache type: a build of the same
documents does not run Node, and an entry that no longer matches its checksum is built
again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from study_wiki.core.artifact_cache import ArtifactCache
from study_wiki.search import prebuilt
from tests.support.project import ROOT

INDEX = {
    "config": {"lang": ["en"], "separator": r"[\s\-]+", "fields": {"title": {"boost": 1000}}},
    "docs": [{"location": "a/", "title": "gradient clipping", "text": ""}],
}


def test_the_same_documents_are_indexed_once(tmp_path: Path, monkeypatch) -> None:
    cache = ArtifactCache(tmp_path, ".json")
    built = prebuilt.build_index(INDEX, ROOT, cache, 60)
    assert json.loads(built)["terms"] == ["clipping", "gradient"]
    monkeypatch.setattr(prebuilt.shutil, "which", lambda name: None)
    assert prebuilt.build_index(INDEX, ROOT, cache, 60) == built
    other = {**INDEX, "docs": [{"location": "b/", "title": "exploding", "text": ""}]}
    with pytest.raises(prebuilt.SearchIndexError, match="Node.js is required"):
        prebuilt.build_index(other, ROOT, cache, 60)


def test_a_corrupt_entry_is_built_again(tmp_path: Path) -> None:
    cache = ArtifactCache(tmp_path, ".json")
    built = prebuilt.build_index(INDEX, ROOT, cache, 60)
    (blob,) = (tmp_path / "blobs").iterdir()
    blob.write_text('{"terms":["forged"],"postings":[[[0]]],"boosts":null}', encoding="utf-8")
    assert prebuilt.build_index(INDEX, ROOT, cache, 60) == built
