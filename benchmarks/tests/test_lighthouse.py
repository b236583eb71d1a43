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


def recalc(pid: int, tid: int, elements: int | None) -> dict:
    args = {} if elements is None else {"elementCount": elements}
    return {"name": "UpdateLayoutTree", "ph": "X", "pid": pid, "tid": tid, "args": args}


def task(pid: int, tid: int, cpu_us: int, wall_us: int) -> dict:
    return {"name": "RunTask", "ph": "X", "pid": pid, "tid": tid, "dur": wall_us, "tdur": cpu_us}


def test_main_thread_work_counts_cpu_time_and_styled_elements_of_the_page_only() -> None:
    from benchmarks.lighthouse import main_thread_work

    trace = {
        "traceEvents": [
            recalc(1, 1, 700),
            recalc(1, 1, 300),
            recalc(1, 1, None),  # a recalculation that styled nothing
            recalc(2, 5, 9999),  # another frame's thread, fewer recalculations
            task(1, 1, 30_000, 90_000),  # 30 ms of CPU, the rest waiting for a core
            task(1, 1, 5_000, 5_000),
            task(2, 5, 80_000, 80_000),
            {"name": "Layout", "ph": "X", "pid": 1, "tid": 1, "args": {}},
        ]
    }
    # 4 x 30 ms is 120 ms, 70 past 50; 4 x 5 ms blocks nothing.
    assert main_thread_work(trace) == {"CPU ms": 35, "blocking CPU ms": 70, "restyled": 1000}
    assert main_thread_work({"traceEvents": []}) == {
        "CPU ms": 0,
        "blocking CPU ms": 0,
        "restyled": 0,
    }


def test_the_comparison_shows_each_site_side_by_side(tmp_path) -> None:
    from benchmarks.lighthouse import COMPARED, comparison_markdown

    before, after = tmp_path / "a", tmp_path / "b"
    row = dict.fromkeys(COMPARED, 1)
    results = {
        "lstm": {
            str(before): {**row, "TBT ms": 343, "restyled": 7210},
            str(after): {**row, "TBT ms": 255, "restyled": 4255},
        }
    }
    table = comparison_markdown(results, [before, after])
    line = next(line for line in table.splitlines() if line.startswith("| lstm |"))
    cells = [cell.strip() for cell in line.strip("|").split("|")]
    assert cells[1 + COMPARED.index("TBT ms")] == "343 → 255"
    assert cells[1 + COMPARED.index("restyled")] == "7210 → 4255"
