"""scripts/bench_recall.py: recall per kind of query, from which expected pages were found."""

from __future__ import annotations

from benchmarks.search_recall import recall

QUERIES = [
    {"query": "기울기", "kind": "stem", "pages": ["topics/lstm/", "glossary/"]},
    {"query": "hadamard", "kind": "english", "pages": ["topics/lstm/"]},
]
RESULTS = {"기울기": [True, False], "hadamard": [True]}


def test_recall_counts_the_expected_pages_found_per_kind_and_in_all() -> None:
    assert recall(RESULTS, QUERIES, "stem") == "1/2 (50%)"
    assert recall(RESULTS, QUERIES, "english") == "1/1 (100%)"
    assert recall(RESULTS, QUERIES, None) == "2/3 (67%)"
    assert recall(RESULTS, QUERIES, "typo") == "-"
