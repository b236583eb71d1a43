"""Build benchmark at team scale: N synthetic daily notes and M figure snippets.

Copies the real site into a temporary folder, adds generated notes and figures,
times `mkdocs build --strict` in several situations (cold, warm, one edit, the
stock notebook way, `mkdocs serve`), prints a table and writes
benchmarks/results.json and benchmarks/results.md (N=200) or
benchmarks/results-n<N>.json/.md (other N; the scaling chart reads N=500 and 1000).

    .venv/bin/python scripts/bench_build.py               # N=200, M=30, 3 reps
    .venv/bin/python scripts/bench_build.py --notes 1000  # N=1000, M=30, 1 rep, no notebooks
    .venv/bin/python scripts/bench_build.py --quick       # N=20, M=6, 1 rep, to .wiki-cache/bench/
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks import ROOT
from benchmarks.content import make_notes
from benchmarks.measure import (
    Row,
    measure,
    progress,
    run_build,
    run_make_build,
    serve_latency,
)
from benchmarks.project import write_project
from benchmarks.report import markdown_table, report, row_dict, targets_held
from benchmarks.weight import page_weight, search_weight
from study_wiki.core.config_file import read_config
from study_wiki.core.paths import CACHE_DIR_NAME, Project

DEFAULT_NOTES = 200
# From this many notes on, one repetition and no notebook scenario by default, so
# `--notes 1000` stays one command under ten minutes on two cores.
LARGE_NOTES = 500
SCRATCH = Project.at(ROOT).cache / "bench"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--notes", "-n", type=int, default=None, help=f"notes (default {DEFAULT_NOTES})"
    )
    parser.add_argument("--snippets", "-m", type=int, default=None, help="figures (default 30)")
    parser.add_argument(
        "--reps",
        type=int,
        default=None,
        help=f"repetitions (default 3; 1 from {LARGE_NOTES} notes on)",
    )
    parser.add_argument(
        "--cold-reps",
        type=int,
        default=1,
        help="repetitions of the cold builds (default 1: each costs a minute at N=200; "
        "three of each would not fit the 10-minute budget on two cores)",
    )
    parser.add_argument("--quick", action="store_true", help="N=20, M=6, 1 repetition")
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="parallel snippet jobs"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="results file (default benchmarks/results.json at N=200, "
        "benchmarks/results-n<N>.json at other N, .wiki-cache/bench/ with --quick)",
    )
    parser.add_argument("--skip-serve", action="store_true")
    parser.add_argument(
        "--skip-search", action="store_true", help="skip the search latency in Chromium"
    )
    parser.add_argument(
        "--skip-notebooks",
        action="store_true",
        help=f"skip the notebook scenario (skipped anyway from {LARGE_NOTES} notes on)",
    )
    parser.add_argument("--keep", type=Path, default=None, help="keep the projects here")
    args = parser.parse_args(argv)
    quick = (20, 6, 1) if args.quick else (DEFAULT_NOTES, 30, 3)
    args.notes = quick[0] if args.notes is None else args.notes
    args.snippets = quick[1] if args.snippets is None else args.snippets
    # From LARGE_NOTES on: one repetition, and N-independent scenarios skipped (run()).
    args.large = args.notes >= LARGE_NOTES
    args.reps = (1 if args.large else quick[2]) if args.reps is None else args.reps
    args.skip_notebooks = args.skip_notebooks or args.large
    args.out = default_out(args) if args.out is None else args.out
    if args.snippets < 1 or args.notes < args.snippets:
        parser.error("need 1 <= snippets <= notes")
    return args


def measure_search(site: Path) -> dict | None:
    """Last keystroke -> results drawn with 4x CPU throttling (first search and a second)."""
    progress("search latency in Chromium (4x CPU throttling)")
    try:
        from benchmarks.search_latency import measure as measure_latency

        result = measure_latency([site], runs=1, throttle=4.0)[str(site)]
    except Exception as error:
        progress(f"search latency not measured: {error}")
        return None
    progress(f"search: first {result['first_ms']} ms, warm {result['warm_ms']} ms")
    return {
        "first_ms": result["first_ms"],
        "warm_ms": result["warm_ms"],
        "throttle": 4.0,
        "first_search_steps": result["first_search_steps"],
    }


def default_out(args: argparse.Namespace) -> Path:
    """Where results go: a quick run never overwrites the committed results."""
    if args.quick:
        return SCRATCH / "results-quick.json"
    if args.notes == DEFAULT_NOTES:
        return ROOT / "benchmarks" / "results.json"
    return ROOT / "benchmarks" / f"results-n{args.notes}.json"


def run(args: argparse.Namespace, work: Path) -> dict:
    started = time.perf_counter()
    reps, jobs = args.reps, str(args.jobs)
    cold_reps = max(1, min(args.cold_reps, reps))
    notes = make_notes(args.notes, args.snippets, args.seed)
    progress(f"generating {len(notes)} notes and {args.snippets} snippets in {work}")
    full = write_project(
        work / "full", notes, args.snippets, figures=True, notebooks=False, seed=args.seed
    )
    plain = write_project(
        work / "plain", notes, args.snippets, figures=False, notebooks=False, seed=args.seed
    )
    # Written before any build, so a project the generator cannot make fails at once.
    nb = None
    if not args.skip_notebooks:
        nb = write_project(
            work / "notebooks", notes, args.snippets, figures=False, notebooks=True, seed=args.seed
        )
    site = work / "site"

    def nothing(rep: int) -> None:
        pass

    def clear(project: Path, *parts: str):
        def before(rep: int) -> None:
            shutil.rmtree(project.joinpath(CACHE_DIR_NAME, *parts), ignore_errors=True)

        return before

    rows: list[Row] = []
    progress("plain: warming caches")
    run_build(plain, site)
    rows.append(
        measure(
            "plain", "plain (그림 줄 없음, 바닥)", reps, nothing, lambda: run_build(plain, site)
        )
    )
    rows.append(
        measure(
            "plain_stock_blog",
            "plain, Material 블로그 그대로 (WIKI_BLOG_SPEED=false)",
            reps,
            nothing,
            lambda: run_build(plain, site, WIKI_BLOG_SPEED="false"),
        )
    )
    rows.append(
        measure(
            "cold",
            "cold (.wiki-cache 전부 삭제, 병렬)",
            cold_reps,
            clear(full),
            lambda: run_build(full, site, WIKI_SNIPPET_JOBS=jobs),
        )
    )
    # The figure phase runs the same M snippets whatever N is: its serial/parallel
    # comparison is measured at smaller N, which keeps N=1000 within ten minutes.
    if not args.large:
        rows.append(
            measure(
                "cold_figures_serial",
                "cold 그림만 (.wiki-cache/figures 삭제, 직렬)",
                cold_reps,
                clear(full, "figures"),
                lambda: run_build(full, site, WIKI_SNIPPET_JOBS="1"),
            )
        )
        rows.append(
            measure(
                "cold_figures_parallel",
                f"cold 그림만 (.wiki-cache/figures 삭제, 병렬 {jobs})",
                cold_reps,
                clear(full, "figures"),
                lambda: run_build(full, site, WIKI_SNIPPET_JOBS=jobs),
            )
        )
    rows.append(
        measure("warm", "warm (바뀐 것 없음)", reps, nothing, lambda: run_build(full, site))
    )
    progress("make build: a first build to record what site/ is built from")
    run_make_build(full, site)
    rows.append(
        measure(
            "make_build_unchanged",
            "make build, 바뀐 것 없음 (건너뜀)",
            reps,
            nothing,
            lambda: run_make_build(full, site),
        )
    )

    edited = notes[1]

    def edit_page(rep: int) -> None:
        with (full / "docs" / edited.path).open("a", encoding="utf-8") as handle:
            handle.write(f"\n{rep + 1}번째 수정에서 덧붙인 문장입니다.\n")

    rows.append(
        measure("page_edit", "페이지 하나 수정", reps, edit_page, lambda: run_build(full, site))
    )

    def edit_snippet(rep: int) -> None:
        with (full / "snippets" / "bench" / "fig_00.py").open("a", encoding="utf-8") as handle:
            handle.write(f"# edit {rep + 1}\n")

    rows.append(
        measure(
            "snippet_edit", "스니펫 하나 수정", reps, edit_snippet, lambda: run_build(full, site)
        )
    )
    weight = page_weight(site)
    search_bytes, search_gzip = search_weight(site)
    search_latency = None if args.skip_search else measure_search(site)

    if nb is not None:
        rows.append(
            measure(
                "notebooks_cold",
                "노트북 방식 cold (mkdocs-jupyter execute)",
                cold_reps,
                clear(nb),
                lambda: run_build(nb, work / "site-nb"),
            )
        )
        rows.append(
            measure(
                "notebooks_warm",
                "노트북 방식 warm",
                reps,
                nothing,
                lambda: run_build(nb, work / "site-nb"),
            )
        )
    if not args.skip_serve:
        progress("mkdocs serve: starting")
        base = (
            "/" + (read_config(full).get("site_url") or "/").split("://", 1)[-1].split("/", 1)[-1]
        )
        base = base if base.endswith("/") else base + "/"
        # A full rebuild on save costs about a plain build: measured at smaller N only.
        modes = [("serve", "make serve (--dirty): 저장 → 새 페이지 제공", True)]
        if not args.large:
            modes.append(
                ("serve_full", "mkdocs serve (전체 다시 빌드): 저장 → 새 페이지 제공", False)
            )
        for key, label, dirty in modes:
            progress(f"{label}")
            times = serve_latency(full, notes[2], reps, base, dirty=dirty)
            rows.append(Row(key, label, statistics.median(times), [round(t, 3) for t in times]))

    plain_s = rows[0].seconds
    by_key = {row.key: row for row in rows}

    def phase(key: str) -> float | None:
        if key not in by_key:
            return None
        cold, warm = by_key[key].figures_at, by_key["warm"].figures_at
        return None if cold is None or warm is None else round(cold - warm, 3)

    serial, parallel = phase("cold_figures_serial"), phase("cold_figures_parallel")
    results = {
        "date": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "machine": {
            "cpu_count": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "notes": args.notes,
        "snippets": args.snippets,
        "reps": reps,
        "cold_reps": cold_reps,
        "jobs": args.jobs,
        "rows": [row_dict(row, plain_s) for row in rows],
        "snippet_phase": {
            "serial": serial,
            "parallel": parallel,
            "speedup": round(serial / parallel, 2) if serial and parallel else None,
        },
        "lstm_page": weight,
        "search_index_bytes": search_bytes,
        "search_index_gzip_bytes": search_gzip,
        "search_latency": search_latency,
        "total_seconds": None,
    }
    results["targets"] = targets_held(results)
    results["total_seconds"] = round(time.perf_counter() - started, 1)
    return results


def write_results(results: dict, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    out.with_suffix(".md").write_text(markdown_table(results), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.keep:
        shutil.rmtree(args.keep, ignore_errors=True)
        results = run(args, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="bench-build-") as work:
            results = run(args, Path(work))
    write_results(results, args.out)
    print(report(results))
    progress(f"done in {results['total_seconds']} s; wrote {args.out}")
    return 0
