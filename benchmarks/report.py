"""The benchmark's table, targets and result files."""

from __future__ import annotations

from benchmarks.measure import Row

TARGETS = {
    "warm_vs_plain": 1.2,
    "page_edit_vs_plain": 1.2,
    "parallel_speedup": 1.6,
    "serve_seconds": 2.0,
    "unchanged_build_seconds": 5.0,
    "lstm_page_kb": 300.0,
    "search_index_mb": 2.0,
}


def ratio(seconds: float | None, plain: float) -> float | None:
    return None if seconds is None or plain <= 0 else round(seconds / plain, 2)


def format_seconds(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def format_ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}×"


def format_number(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def table_lines(rows: list[dict]) -> list[str]:
    lines = [
        "| 상황 | 초 | plain 대비 | CPU 초 | 최대 메모리 MB |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        lines.append(
            f"| {row['label']} | {format_seconds(row['seconds'])} | {format_ratio(row['ratio'])} "
            f"| {format_number(row.get('cpu_seconds'))} | {format_number(row.get('peak_mb'), 0)} |"
        )
    return lines


def kb(value: int) -> str:
    return f"{value / 1024:.1f} KB"


def targets_held(results: dict) -> dict[str, dict]:
    rows = {row["key"]: row for row in results["rows"]}
    plain = rows["plain"]["seconds"]
    checks: dict[str, dict] = {}

    def check(name: str, value: float | None, limit: float, at_least: bool = False) -> None:
        """`held` is None when the value was not measured in this run."""
        held = None if value is None else (value >= limit if at_least else value <= limit)
        checks[name] = {"value": value, "limit": limit, "held": held}

    check("warm_vs_plain", ratio(rows["warm"]["seconds"], plain), TARGETS["warm_vs_plain"])
    edit = rows["page_edit"]
    edit_ratio = ratio(edit["seconds"], plain)
    check("page_edit_vs_plain", edit_ratio, TARGETS["page_edit_vs_plain"])
    checks["page_edit_runs_no_snippet"] = {
        "value": edit["figures_run"],
        "limit": 0,
        "held": all(r == 0 for r in edit["figures_run"]),
    }
    checks["snippet_edit_runs_one"] = {
        "value": rows["snippet_edit"]["figures_run"],
        "limit": 1,
        "held": all(r == 1 for r in rows["snippet_edit"]["figures_run"]),
    }
    check(
        "parallel_speedup",
        results["snippet_phase"]["speedup"],
        TARGETS["parallel_speedup"],
        at_least=True,
    )
    for name, scenario in (
        ("unchanged_build_seconds", "make_build_unchanged"),
        ("serve_seconds", "serve"),
    ):
        row = rows.get(scenario)
        check(name, row["seconds"] if row else None, TARGETS[name])
    check(
        "lstm_page_kb",
        round(results["lstm_page"]["total"] / 1024, 1),
        TARGETS["lstm_page_kb"],
    )
    check(
        "search_index_mb",
        round(results["search_index_bytes"] / 2**20, 3),
        TARGETS["search_index_mb"],
    )
    return checks


def report(results: dict) -> str:
    lines = [
        f"N={results['notes']} notes, M={results['snippets']} snippets, "
        f"reps={results['reps']} (cold: {results.get('cold_reps', results['reps'])}), "
        f"jobs={results['jobs']}, "
        f"cpus={results['machine']['cpu_count']}, python {results['machine']['python']}",
        "",
        f"{'scenario':<44}{'seconds':>9}{'× plain':>9}",
    ]
    for row in results["rows"]:
        lines.append(
            f"{row['label']:<44}{format_seconds(row['seconds']):>9}{format_ratio(row['ratio']):>9}"
        )
    phase = results["snippet_phase"]
    lines += [
        "",
        f"snippet phase (cold − warm, to the 'figures:' log line): serial "
        f"{format_seconds(phase['serial'])} s, parallel {format_seconds(phase['parallel'])} s, "
        f"speed-up {format_ratio(phase['speedup'])}",
    ]
    weight = results["lstm_page"]
    lines.append(
        f"LSTM page: html {kb(weight['html'])}, figures {kb(weight['figures'])} "
        f"({weight['figure_count']} SVG), math assets {kb(weight['math_assets'])}; "
        f"total {kb(weight['total'])} (gzip {kb(weight['total_gzip'])})"
    )
    lines.append(
        f"search index: {kb(results['search_index_bytes'])} "
        f"(gzip {kb(results.get('search_index_gzip_bytes') or 0)})"
    )
    latency = results.get("search_latency")
    if latency:
        lines.append(
            f"search keystroke -> results, CPU x{latency['throttle']:g}: "
            f"first {latency['first_ms']:.0f} ms, warm {latency['warm_ms']:.0f} ms"
        )
    lines.append("")
    for name, check in results["targets"].items():
        mark = {True: "HOLDS", False: "FAILS", None: "skipped"}[check["held"]]
        lines.append(f"  {mark:<8}{name}: {check['value']} (limit {check['limit']})")
    return "\n".join(lines)


def search_lines(latency: dict | None) -> list[str]:
    if not latency:
        return []
    lines = [
        f"- 검색 입력 → 결과 표시 (Chromium, CPU {latency['throttle']:g}배 느리게): "
        f"첫 검색 {latency['first_ms']:.0f} ms, 두 번째 검색 {latency['warm_ms']:.0f} ms"
    ]
    steps = latency.get("first_search_steps")
    if steps:
        lines.append(
            f"- 첫 검색 전에 하는 일(같은 조건에서 따로): 페이지가 search_index.json 받기 "
            f"{steps['page_fetch_ms']:.0f} ms, 검색 작업자(Web Worker)가 시작해서 검색할 수 "
            f"있을 때까지 {steps['ready_ms']:.0f} ms"
        )
    return lines


def figure_phase_line(phase: dict) -> str:
    if phase["speedup"] is None:
        return "- 그림 단계의 직렬·병렬 비교는 노트 수와 상관없어 N=200에서만 잽니다."
    return (
        f"- 그림 단계(차가운 빌드 − 따뜻한 빌드): 직렬 {format_seconds(phase['serial'])}초, "
        f"병렬 {format_seconds(phase['parallel'])}초, {format_ratio(phase['speedup'])} 빠름"
    )


def markdown_table(results: dict) -> str:
    weight = results["lstm_page"]
    phase = results["snippet_phase"]
    lines = [
        "<!-- `scripts/bench_build.py`가 만든 파일입니다: 손으로 고치지 마세요. -->",
        "",
        f"노트 {results['notes']}개, 그림 {results['snippets']}개, 반복 {results['reps']}회"
        f"(cold 빌드는 {results.get('cold_reps', results['reps'])}회)의 중앙값 "
        f"({results['date']}, CPU {results['machine']['cpu_count']}개, "
        f"Python {results['machine']['python']}).",
        "",
        *table_lines(results["rows"]),
        "",
        figure_phase_line(phase),
        f"- LSTM 페이지 무게: HTML {kb(weight['html'])}, 그림 {kb(weight['figures'])}, "
        f"수식 CSS·글꼴 {kb(weight['math_assets'])}, 합계 {kb(weight['total'])} "
        f"(gzip {kb(weight['total_gzip'])})",
        f"- 검색 색인: {kb(results['search_index_bytes'])} "
        f"(gzip {kb(results.get('search_index_gzip_bytes') or 0)})",
        *search_lines(results.get("search_latency")),
        "",
        "| 목표 | 값 | 기준 | 결과 |",
        "| --- | ---: | ---: | --- |",
    ]
    for name, check in results["targets"].items():
        mark = {True: "통과", False: "미달", None: "측정 안 함"}[check["held"]]
        lines.append(f"| `{name}` | {check['value']} | {check['limit']} | {mark} |")
    return "\n".join(lines) + "\n"


def row_dict(row: Row, plain: float) -> dict:
    return {
        "key": row.key,
        "label": row.label,
        "seconds": round(row.seconds, 3),
        "ratio": ratio(row.seconds, plain),
        "runs": row.runs,
        "figures_at": None if row.figures_at is None else round(row.figures_at, 3),
        "figures_run": row.ran,
        "cpu_seconds": None if row.cpu_seconds is None else round(row.cpu_seconds, 3),
        "peak_mb": row.peak_mb,
    }
