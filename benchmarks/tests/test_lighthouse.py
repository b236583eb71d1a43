"""scripts/bench_lighthouse.py: what a page transfers on its first load, from the report."""

from __future__ import annotations

from benchmarks.lighthouse import first_load_kb, markdown, median_of


def request(kind: str, url: str, size: int) -> dict:
    return {"resourceType": kind, "url": url, "transferSize": size}


REPORT = {
    "audits": {
        "network-requests": {
            "details": {
                "items": [
                    request("Document", "http://127.0.0.1:1/topics/lstm/", 51200),
                    request("Image", "http://127.0.0.1:1/figures/lstm/cell_diagram.svg", 10240),
                    request("Image", "http://127.0.0.1:1/assets/favicon.svg", 1024),
                    request("Script", "http://127.0.0.1:1/assets/javascripts/bundle.js", 40960),
                    request("Stylesheet", "http://127.0.0.1:1/assets/stylesheets/main.css", 20480),
                ]
            }
        }
    }
}


def test_first_load_counts_the_page_and_its_own_images_apart_from_the_theme() -> None:
    assert first_load_kb(REPORT) == {"own KB": 60.0, "total KB": 121.0}


def test_the_table_shows_the_transfer_columns() -> None:
    run = {
        "performance": 90,
        "accessibility": 100,
        "best-practices": 100,
        "seo": 100,
        "DOM": 16039,
        **first_load_kb(REPORT),
        "failing": [],
    }
    results = {
        "lighthouse": "12",
        "runs": 1,
        "date": "2026-11-26",
        "pages": {"lstm": median_of([run])},
    }
    table = markdown(results)
    assert "| 첫 로드 KB | 전체 KB |" in table
    assert table.rstrip().endswith("| 60 | 121 |")


def test_every_page_type_is_found_in_the_built_site(site) -> None:
    from benchmarks.lighthouse import LABELS, page_types

    types = page_types(site)
    assert set(types) == set(LABELS)
    assert types["member"].startswith("members/") and types["member"] != "members/team/"
    assert types["level"].startswith("programme/level-")
