"""Lighthouse (mobile, simulated throttling) on each page type of a built site, and
axe-core on every page (tests/support/accessibility.py).

Serves the site with gzip on 127.0.0.1, runs the pinned `lighthouse` from
node_modules against Debian's Chromium three times a page, and writes the
median of each category and of the main metrics to benchmarks/lighthouse.json
and benchmarks/lighthouse.md; then runs axe over every HTML page at 390 and
1280 px in both colour schemes and writes benchmarks/accessibility.json and .md.
The performance page includes both tables.

    .venv/bin/mkdocs build --strict -d /tmp/site
    .venv/bin/python scripts/bench_lighthouse.py /tmp/site
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


def run_once(url: str, out: Path) -> dict:
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={out}",
        f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--quiet",
    ]
    subprocess.run(command, env=env, check=True, timeout=300, capture_output=True)
    report = json.loads(out.read_text(encoding="utf-8"))
    result = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    for audit, label in METRICS.items():
        value = report["audits"].get(audit, {}).get("numericValue")
        result[label] = None if value is None else round(value, 3 if label == "CLS" else 0)
    result.update(first_load_kb(report))
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site (mkdocs build -d DIR)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", nargs="*", help="page types (default: all found)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "lighthouse.json")
    parser.add_argument("--no-axe", action="store_true", help="Lighthouse only")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.is_file():
        parser.error("node_modules/.bin/lighthouse is missing: run `npm ci`")
    types = page_types(args.site)
    if args.pages:
        types = {k: v for k, v in types.items() if k in args.pages}
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

    server, base = serve(site, "/study-wiki/")
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
