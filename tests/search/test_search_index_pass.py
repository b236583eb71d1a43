"""search/search_index.json is read once, passed through the stages' on_search_index
in their order and written once, only if one of them changed it."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

from study_wiki.plugin import StudyWikiPlugin
from study_wiki.search.prebuilt import INDEX_URI

MATERIAL = '{"config": {"lang": ["ko"]}, "docs": [{"location": "", "text": "셀"}]}'


class Adds:
    def __init__(self, name: str, seen: list) -> None:
        self.name, self.seen = name, seen

    def on_search_index(self, index: dict, *, config) -> dict:
        self.seen.append((self.name, [d.get("by") for d in index["docs"]]))
        index["docs"][0]["by"] = self.name
        return index


class Reads:
    def on_search_index(self, index: dict, *, config) -> None:
        return None


def run(site: Path, stages: list) -> str:
    plugin = StudyWikiPlugin()
    plugin.stages = stages
    plugin.on_post_build(config=SimpleNamespace(site_dir=str(site)))
    return (site / INDEX_URI).read_text(encoding="utf-8")


def test_the_stages_change_one_index_in_their_order_and_it_is_written_once(tmp_path: Path):
    (tmp_path / INDEX_URI).parent.mkdir(parents=True)
    (tmp_path / INDEX_URI).write_text(MATERIAL, encoding="utf-8")
    seen: list = []
    written = run(tmp_path, [Adds("glossary", seen), Reads(), Adds("search_ko", seen)])
    assert seen == [("glossary", [None]), ("search_ko", ["glossary"])]
    assert json.loads(written)["docs"][0]["by"] == "search_ko"
    assert written == json.dumps(json.loads(written), ensure_ascii=False, separators=(",", ":"))


def test_an_index_no_stage_changes_keeps_materials_bytes(tmp_path: Path):
    (tmp_path / INDEX_URI).parent.mkdir(parents=True)
    (tmp_path / INDEX_URI).write_text(MATERIAL, encoding="utf-8")
    assert run(tmp_path, [Reads()]) == MATERIAL
