"""Measures search recall: types each query of tests/search_queries.yml into the
search box of a built site in headless Chromium and checks the expected pages.

    .venv/bin/python scripts/bench_recall.py              # before/after
    .venv/bin/python scripts/bench_recall.py --site SITE  # one built site
    .venv/bin/python scripts/bench_recall.py --without-hook
    .venv/bin/python scripts/bench_recall.py --queries tests/search_queries_held_out.yml

Builds go to temporary directories; "before" is the same site built with
WIKI_SEARCH_KO=0 (the Korean search stage off, stock Material search).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from benchmarks import ROOT
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, serve
from tests.support.search_browser import QUERIES, load_queries, open_search, run_query


def build(site_dir: Path, *, hook: bool, strict: bool) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", WIKI_SEARCH_KO="1" if hook else "0")
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "-q",
        "--site-dir",
        str(site_dir),
    ]
    if strict:
        command.append("--strict")
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if not (site_dir / "search" / "search_index.json").is_file():
        sys.exit(f"build failed:\n{result.stderr[-4000:]}")
    if result.returncode:
        print(f"warning: build exited {result.returncode}", file=sys.stderr)


def measure(browser, site_dir: Path, queries: list[dict]) -> dict[str, list[bool]]:
    server, url = serve(site_dir)
    context = browser.new_context()
    page = context.new_page()
    try:
        open_search(page, url)
        results: dict[str, list[bool]] = {}
        for item in queries:
            found = run_query(page, item["query"])
            results[item["query"]] = [p in found for p in item["pages"]]
        return results
    finally:
        context.close()
        server.shutdown()
        server.server_close()


def recall(results: dict[str, list[bool]], queries: list[dict], kind: str | None) -> str:
    hits = total = 0
    for item in queries:
        if kind in (None, item["kind"]):
            hits += sum(results[item["query"]])
            total += len(results[item["query"]])
    return f"{hits}/{total} ({hits / total:.0%})" if total else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="measure this built site only")
    parser.add_argument(
        "--without-hook",
        action="store_true",
        help="measure only the build without the Korean search plugin",
    )
    parser.add_argument("--strict", action="store_true", help="build with --strict")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses")
    parser.add_argument(
        "--queries", type=Path, default=QUERIES, help="query file (default: %(default)s)"
    )
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    queries = load_queries(args.queries)
    runs: dict[str, dict[str, list[bool]]] = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        if args.site:
            runs["site"] = measure(browser, args.site, queries)
        else:
            variants = (
                [("before", False)] if args.without_hook else [("before", False), ("after", True)]
            )
            for name, hook in variants:
                site_dir = Path(tmp) / name
                build(site_dir, hook=hook, strict=args.strict)
                runs[name] = measure(browser, site_dir, queries)
        browser.close()

    kinds: defaultdict[str, int] = defaultdict(int)
    for item in queries:
        kinds[item["kind"]] += 1
    names = list(runs)
    print(f"{'kind':<10} {'queries':>7}  " + "  ".join(f"{n:>14}" for n in names))
    for kind in [*kinds, None]:
        count = len(queries) if kind is None else kinds[kind]
        label = kind or "all"
        cells = "  ".join(f"{recall(runs[n], queries, kind):>14}" for n in names)
        print(f"{label:<10} {count:>7}  {cells}")
    if args.verbose:
        for name in names:
            for item in queries:
                missed = [
                    p
                    for p, ok in zip(item["pages"], runs[name][item["query"]], strict=True)
                    if not ok
                ]
                if missed:
                    print(f"{name}: {item['query']!r} missed {missed}")
    return 0
