"""The search index built at build time (study_wiki/search/prebuilt.py) answers every
query as lunr's own index, built the way Material's worker builds it, would."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from study_wiki.search.prebuilt import DATA_URI, INDEX_URI, WORKER_URI
from tests.support.project import ROOT
from tests.support.search_index import Prebuilt
from tests.support.site_pages import soup

REFERENCE = ROOT / "tests" / "support" / "search_reference.cjs"
# lunr query syntax as Material's query transform writes it: trailing wildcards,
# required and excluded terms (alone and together, in one field or all), fields,
# boosts, fuzzy and leading wildcards.
QUERIES = [
    "기울기*",
    "기울기* 소실*",
    "lstm*",
    "lstm",
    "+lstm* +게이트*",
    "lstm* -게이트*",
    "-게이트*",
    "hadamard*",
    "gradient* clipping*",
    "lstm~1",
    "*ing",
    "title:lstm*",
    "lstm^10 게이트*",
    "트랜스포머*",
    "기*",
    "clipping",
    "+zzzz lstm*",
    "+lstm* +게이트* -기울기*",
    "+title:lstm* +게이트*",
    "+text:게이트* -title:lstm*",
    "-lstm* -기울기*",
    "stems:기울기",
    "glossary:hadamard",
]


def test_the_prebuilt_index_answers_as_lunr_does(site: Path, tmp_path: Path) -> None:
    node = shutil.which("node")
    assert node, "Node.js is needed (it typesets the maths too)"
    queries = tmp_path / "queries.json"
    queries.write_text(json.dumps(QUERIES, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run(
        [node, str(REFERENCE), str(site / DATA_URI), str(queries)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    answers = json.loads(result.stdout)
    assert [a["query"] for a in answers] == QUERIES
    assert all(a["results"] for a in answers if "zzzz" not in a["query"]), answers
    wrong = [a for a in answers if a["differences"]]
    assert not wrong, json.dumps(wrong, ensure_ascii=False, indent=1)


def test_pages_fetch_a_small_config_and_name_the_sites_worker(site: Path) -> None:
    stub = json.loads((site / INDEX_URI).read_text(encoding="utf-8"))
    assert stub["docs"] == [] and {"stems", "glossary"} <= set(stub["config"]["fields"])
    config = json.loads(soup(site, "topics/lstm/").select_one("#__config").string)
    assert config["search"] == "../../" + WORKER_URI
    worker = (site / WORKER_URI).read_text(encoding="utf-8")
    assert '"../../../search/prebuilt.json"' in worker


def test_results_show_no_hidden_field(site: Path) -> None:
    index = Prebuilt.read(site)
    shown = {"location", "title", "text", "tags"}
    assert index.docs and all(set(doc) <= shown for doc in index.docs)
    stems = index.field_terms("stems")
    lstm = set().union(*(v for k, v in stems.items() if k.startswith("topics/lstm/")))
    assert {"기울기", "소실", "게이트"} <= lstm


def test_the_index_file_is_one_json_object_as_python_writes_it(site: Path) -> None:
    """Node's text of the index is joined to the documents' without parsing it."""
    text = (site / DATA_URI).read_text(encoding="utf-8")
    data = json.loads(text)
    assert list(data) == ["config", "docs", "terms", "postings", "boosts"]
    assert json.dumps(data, ensure_ascii=False, separators=(",", ":")) == text
