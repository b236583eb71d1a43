"""Lighthouse (mobile, simulated throttling) on each page type of a built site, and
axe-core on every page (tests/support/accessibility.py).

Serves the site with gzip on 127.0.0.1, runs the pinned `lighthouse` from
node_modules against Debian's Chromium three times a page, and writes the
median of each category and of the main metrics to benchmarks/lighthouse.json
and benchmarks/lighthouse.md; then runs axe over every HTML page at 390 and
1280 px in both colour schemes and writes benchmarks/accessibility.json and .md.
The performance page includes both tables.

With several sites (a build before and after a change), their runs take turns page
by page and it prints the medians side by side instead, with where the main thread's
time went and, from Lighthouse's trace, what a loaded machine barely changes: the
main thread's CPU time while the page loads (its wall time also counts the waits for
a CPU), what that CPU time would block at Lighthouse's 4x slowdown (each task's
time past 50 ms, as TBT counts it, but from load to the end of the trace), and how
many elements the browser styled (summed over every style recalculation). Nothing
is written unless --out is given.

    .venv/bin/mkdocs build --strict -d /tmp/site
    .venv/bin/python scripts/bench_lighthouse.py /tmp/site
    .venv/bin/python scripts/bench_lighthouse.py /tmp/site-a /tmp/site-b --runs 5 --pages lstm
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks import ROOT
from benchmarks.gzip_server import serve_gzip

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {
    "first-contentful-paint": "FCP ms",
    "largest-contentful-paint": "LCP ms",
    "total-blocking-time": "TBT ms",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI ms",
    "dom-size": "DOM",
}
# Lighthouse's main-thread groups (mainthread-work-breakdown) shown side by side.
WORK = {"styleLayout": "style+layout ms", "scriptEvaluation": "script ms"}
TRACED = ("CPU ms", "blocking CPU ms", "restyled")
COMPARED = ("performance", "FCP ms", "LCP ms", "TBT ms", "SI ms", *WORK.values(), *TRACED)
SLOWDOWN = 4  # Lighthouse's simulated mobile CPU
LABELS = {
    "home": "홈",
    "daily_note": "데일리 노트",
    "daily_index": "데일리 목록",
    "lstm": "LSTM 노트",
    "notebook": "노트북",
    "tags": "태그",
    "glossary": "용어집",
    "contributing": "기여 안내",
    "performance": "빌드 성능",
    "member": "팀원 페이지",
    "level": "레벨 페이지",
}


def page_types(site: Path) -> dict[str, str]:
    """Page type -> path of one page of that type in the built site."""
    posts = sorted(
        p.parent.relative_to(site).as_posix()
        for p in (site / "daily").glob("[0-9][0-9][0-9][0-9]/*/*/*/index.html")
    )
    members = sorted(
        p.parent.relative_to(site).as_posix() + "/"
        for p in (site / "members").glob("*/index.html")
        if p.parent.name != "team"
    )
    levels = sorted(
        p.parent.relative_to(site).as_posix() + "/"
        for p in (site / "programme").glob("level-*/index.html")
    )
    candidates = {
        "home": "",
        "daily_note": (posts[-1] + "/") if posts else None,
        "daily_index": "daily/",
        "lstm": "topics/lstm/",
        "notebook": "notebooks/lstm-gradient-lab/",
        "tags": "tags/",
        "glossary": "glossary/",
        "contributing": "contributing/",
        "performance": "performance/",
        "member": members[0] if members else None,
        "level": levels[0] if levels else None,
    }
    return {
        key: path
        for key, path in candidates.items()
        if path is not None and (site / path / "index.html").is_file()
    }


def run_once(url: str, out: Path, *, trace: bool = False) -> dict:
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={out}",
        f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--quiet",
        *(["--save-assets"] if trace else []),
    ]
    subprocess.run(command, env=env, check=True, timeout=300, capture_output=True)
    report = json.loads(out.read_text(encoding="utf-8"))
    result = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    for audit, label in METRICS.items():
        value = report["audits"].get(audit, {}).get("numericValue")
        result[label] = None if value is None else round(value, 3 if label == "CLS" else 0)
    result.update(first_load_kb(report))
    groups = report["audits"]["mainthread-work-breakdown"]["details"]["items"]
    for group, label in WORK.items():
        result[label] = round(sum(i["duration"] for i in groups if i["group"] == group))
    if trace:
        assets = sorted(out.parent.glob(out.stem + "-0.*.json"))
        trace_file = next(path for path in assets if path.name.endswith(".trace.json"))
        result.update(main_thread_work(json.loads(trace_file.read_text("utf-8"))))
        for path in assets:
            path.unlink()
    result["failing"] = sorted(
        key
        for key, audit in report["audits"].items()
        if audit.get("score") is not None
        and audit.get("score") < 0.9
        and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
    )
    return result


def first_load_kb(report: dict) -> dict[str, float]:
    """Bytes transferred (gzip) while the page loads: the page's own HTML and images
    (figures below the fold are lazy, so they are not fetched yet), and everything."""
    items = report["audits"]["network-requests"]["details"]["items"]
    own = [
        item
        for item in items
        if item.get("resourceType") == "Document"
        or (item.get("resourceType") == "Image" and "/assets/" not in item["url"])
    ]
    return {
        "own KB": round(sum(item.get("transferSize", 0) for item in own) / 1024, 1),
        "total KB": round(sum(item.get("transferSize", 0) for item in items) / 1024, 1),
    }


def main_thread_work(trace: dict) -> dict[str, float]:
    """CPU time of the page's main thread (the thread with the most style
    recalculations), its tasks' CPU time past 50 ms at Lighthouse's slowdown, and the
    elements it styled, summed over every recalculation."""
    events = [event for event in trace["traceEvents"] if event.get("ph") == "X"]
    recalcs = [event for event in events if event["name"] == "UpdateLayoutTree"]
    if not recalcs:
        return dict.fromkeys(TRACED, 0)
    threads = [(event["pid"], event["tid"]) for event in recalcs]
    main = max(set(threads), key=threads.count)
    tasks = [
        event.get("tdur", 0) / 1000
        for event in events
        if event["name"] == "RunTask" and (event["pid"], event["tid"]) == main
    ]
    return {
        "CPU ms": round(sum(tasks)),
        "blocking CPU ms": round(sum(max(0.0, SLOWDOWN * task - 50) for task in tasks)),
        "restyled": sum(
            (event.get("args", {}).get("elementCount") or 0)
            for event in recalcs
            if (event["pid"], event["tid"]) == main
        ),
    }


def median_of(runs: list[dict]) -> dict:
    keys = [k for k in runs[0] if k != "failing"]
    out = {}
    for key in keys:
        values = [r[key] for r in runs if r[key] is not None]
        out[key] = statistics.median(values) if values else None
    out["runs"] = [r["performance"] for r in runs]
    out["failing"] = sorted({a for r in runs for a in r["failing"]})
    return out


def markdown(results: dict) -> str:
    lines = [
        "<!-- scripts/bench_lighthouse.py가 만든 파일입니다: 손으로 고치지 마세요. -->",
        "",
        f"Lighthouse {results['lighthouse']} 모바일 기본값(느린 4G·CPU 4배 시뮬레이션), "
        f"gzip으로 제공, 페이지마다 {results['runs']}회의 중앙값 ({results['date']}).",
        "",
        "첫 로드 KB: 페이지 자신의 HTML과 그림(화면 밖 그림은 지연 로드), 전체 KB: 테마 파일까지 "
        "모든 요청의 전송량(gzip).",
        "",
        "| 페이지 | 성능 | 접근성 | 권장사항 | SEO | FCP ms | LCP ms | TBT ms | CLS | DOM "
        "| 첫 로드 KB | 전체 KB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for key, row in results["pages"].items():
        cells = [LABELS.get(key, key)] + [
            "–" if row.get(c) is None else f"{row[c]:g}"
            for c in (*CATEGORIES, "FCP ms", "LCP ms", "TBT ms", "CLS", "DOM", "own KB", "total KB")
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def compare(sites: list[Path], types: dict[str, str], runs: int) -> dict:
    """Each page type on each site, the sites taking turns (first first on even runs,
    last first on odd ones): {page type: {site: medians}}."""
    served = [serve_gzip(site) for site in sites]
    found: dict[str, dict[str, list[dict]]] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="lighthouse-") as work:
            for key, path in types.items():
                for run in range(runs):
                    turn = list(zip(sites, served, strict=True))
                    for site, (_, base) in turn if run % 2 == 0 else reversed(turn):
                        out = Path(work) / f"{key}-{run}-{sites.index(site)}.json"
                        result = run_once(base + path, out, trace=True)
                        found.setdefault(key, {}).setdefault(str(site), []).append(result)
                        print(f"{key} {site} run {run + 1}: {result}", file=sys.stderr, flush=True)
    finally:
        for server, _ in served:
            server.shutdown()
    return {
        key: {site: median_of(rs) for site, rs in by_site.items()} for key, by_site in found.items()
    }


def comparison_markdown(results: dict[str, dict[str, dict]], sites: list[Path]) -> str:
    """One row per page type: each compared value on every site, first → last."""
    names = " → ".join(str(site) for site in sites)
    lines = [
        f"Medians, {names}. style+layout, script: Lighthouse's main-thread work; "
        "CPU: the main thread's CPU time; blocking CPU: its tasks past 50 ms at 4x; "
        "restyled: elements styled while the page loaded.",
        "",
        "| page | " + " | ".join(COMPARED) + " |",
        "| --- |" + " ---: |" * len(COMPARED),
    ]
    for key, by_site in results.items():
        cells = [
            " → ".join(
                "–" if by_site[str(site)].get(c) is None else f"{by_site[str(site)][c]:g}"
                for site in sites
            )
            for c in COMPARED
        ]
        lines.append(f"| {key} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "sites", type=Path, nargs="+", metavar="site", help="a built site (mkdocs build -d DIR)"
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", nargs="*", help="page types (default: all found)")
    parser.add_argument("--out", type=Path, help="default: benchmarks/lighthouse.json")
    parser.add_argument("--no-axe", action="store_true", help="Lighthouse only")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.is_file():
        parser.error("node_modules/.bin/lighthouse is missing: run `npm ci`")
    types = page_types(args.sites[0])
    if args.pages:
        types = {k: v for k, v in types.items() if k in args.pages}
    if len(args.sites) > 1:
        compared = compare(args.sites, types, args.runs)
        if args.out:
            args.out.write_text(json.dumps(compared, indent=2, ensure_ascii=False) + "\n", "utf-8")
        print(comparison_markdown(compared, args.sites))
        return 0
    args.site = args.sites[0]
    args.out = args.out or ROOT / "benchmarks" / "lighthouse.json"
    server, base = serve_gzip(args.site)
    version = json.loads(
        (ROOT / "node_modules" / "lighthouse" / "package.json").read_text(encoding="utf-8")
    )["version"]
    results = {
        "date": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "lighthouse": version,
        "runs": args.runs,
        "paths": types,
        "pages": {},
    }
    try:
        with tempfile.TemporaryDirectory(prefix="lighthouse-") as work:
            for key, path in types.items():
                runs = []
                for run in range(args.runs):
                    runs.append(run_once(base + path, Path(work) / f"{key}-{run}.json"))
                    print(f"{key} run {run + 1}: {runs[-1]}", file=sys.stderr, flush=True)
                results["pages"][key] = median_of(runs)
    finally:
        server.shutdown()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", "utf-8")
    args.out.with_suffix(".md").write_text(markdown(results), encoding="utf-8")
    print(markdown(results))
    if not args.no_axe:
        print(audit_every_page(args.site, args.out.with_name("accessibility.json")))
    return 0


def audit_every_page(site: Path, out: Path) -> str:
    """axe over every page at every view; writes out (.json and .md), returns the table."""
    from playwright.sync_api import sync_playwright

    from tests.support import accessibility
    from tests.support.browser import CHROMIUM_ARGS, serve

    server, base = serve(site)
    found: dict[str, dict[str, list[dict]]] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for path, view, violations in accessibility.audit(
                browser, base, accessibility.site_pages(site)
            ):
                found.setdefault(path, {})[view.label] = violations
            browser.close()
    finally:
        server.shutdown()
    table = "\n".join(
        [
            "<!-- scripts/bench_lighthouse.py가 만든 파일입니다: 손으로 고치지 마세요. -->",
            "",
            f"axe-core {accessibility.axe_version()}, WCAG 2.2 AA와 권장 규칙의 심각(serious)·"
            "치명(critical) 위반 수 (✓: 없음).",
            "",
            accessibility.markdown(found),
        ]
    )
    out.write_text(json.dumps(found, indent=1, ensure_ascii=False) + "\n", "utf-8")
    out.with_suffix(".md").write_text(table, encoding="utf-8")
    return table


if __name__ == "__main__":
    sys.exit(main())
