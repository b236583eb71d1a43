"""Search latency as a reader feels it: last keystroke -> first result shown.

Serves a built site with gzip, opens the home page in Debian's Chromium with the
CPU slowed 4x (DevTools `Emulation.setCPUThrottlingRate`), and types a query into
Material's search box. The first search starts typing as soon as the page has
loaded, so it includes downloading the index and building it in the worker; the
warm search is a second query on the same page. Prints milliseconds (median of
`--runs`), the size of what search downloads (search_index.json, and the prebuilt
index when the site has one), and where a first search's wait goes, timed on a page
without the theme's script: the page fetching search_index.json, and the worker the
site configures becoming ready (loading the prebuilt index, or building a lunr index
from the documents as Material's own worker does).

    .venv/bin/python scripts/bench_search.py /tmp/site
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
from pathlib import Path

from benchmarks.gzip_server import serve_gzip
from study_wiki.local_browser import CHROMIUM, CHROMIUM_ARGS

QUERIES = ("기울기 소실", "LSTM 게이트")

# Time from the last character typed to the first result item in the DOM, in page
# time. Hangul is typed as text input (no keydown), so the clock starts just
# before the script types the last character.
WATCH = """(query) => { window.__latency = new Promise((resolve, reject) => {
  const list = document.querySelector('.md-search-result__list');
  const input = document.querySelector('input.md-search__input');
  const seen = () => list.querySelector('.md-search-result__item') !== null;
  const observer = new MutationObserver(() => {
    if (window.__t0 !== undefined && input.value === query && seen()) {
      observer.disconnect();
      resolve(performance.now() - window.__t0);
    }
  });
  observer.observe(list, {childList: true, subtree: true});
  setTimeout(() => { observer.disconnect(); reject(new Error('no results in 60 s')); }, 60000);
}); }"""


def open_throttled(browser, base: str, throttle: float, theme_script: bool = True):
    """(context, page): the home page loaded with the CPU slowed `throttle` times."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    if not theme_script:
        page.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.abort())
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
    page.goto(base, wait_until="load")
    return context, page


def one_run(browser, base: str, throttle: float) -> dict[str, float]:
    context, page = open_throttled(browser, base, throttle)
    result = {}
    for label, query in zip(("first", "warm"), QUERIES, strict=True):
        page.evaluate("document.querySelector('#__search').checked = true")
        box = page.locator("input.md-search__input")
        box.focus()
        box.fill("")
        page.evaluate("() => { delete window.__t0; }")
        page.evaluate(WATCH, query)
        box.press_sequentially(query[:-1], delay=50)
        page.evaluate("() => { window.__t0 = performance.now(); }")
        box.press_sequentially(query[-1])
        result[label] = round(page.evaluate("() => window.__latency"), 1)
    context.close()
    return result


# Material's search worker protocol: SETUP = 0, READY = 1 (search/worker/_/index.ts).
# The page fetches search_index.json and sends it to the worker the config names;
# the worker answers READY once it can search (the site's own worker loads its
# prebuilt index itself meanwhile; Material's builds a lunr index from the documents).
FIRST_SEARCH_STEPS = """async () => {
  const config = JSON.parse(document.getElementById('__config').textContent);
  const base = new URL(config.base, location.href);
  const t0 = performance.now();
  const worker = new Worker(new URL(config.search, base));
  const ready = new Promise((resolve) => {
    worker.onmessage = (event) => { if (event.data.type === 1) resolve(); };
  });
  const response = await fetch(new URL('search/search_index.json', base), {cache: 'no-store'});
  const index = JSON.parse(await response.text());
  const t1 = performance.now();
  worker.postMessage({type: 0, data: {config: index.config, docs: index.docs,
                                      options: {suggest: true}}});
  await ready;
  const t2 = performance.now();
  worker.terminate();
  return {page_fetch_ms: t1 - t0, ready_ms: t2 - t0};
}"""


def first_search_steps(browser, base: str, throttle: float) -> dict[str, float]:
    """Milliseconds of each step before a first search can run (theme script blocked,
    so nothing else competes for the CPU)."""
    context, page = open_throttled(browser, base, throttle, theme_script=False)
    steps = page.evaluate(FIRST_SEARCH_STEPS)
    context.close()
    return {k: round(v, 1) for k, v in steps.items()}


def measure(site: Path, runs: int = 3, throttle: float = 4.0) -> dict:
    from playwright.sync_api import sync_playwright

    index = b"".join(
        (site / "search" / name).read_bytes()
        for name in ("search_index.json", "prebuilt.json")
        if (site / "search" / name).is_file()
    )
    server, base = serve_gzip(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            samples = [one_run(browser, base, throttle) for _ in range(runs)]
            steps = [first_search_steps(browser, base, throttle) for _ in range(runs)]
            browser.close()
    finally:
        server.shutdown()
    return {
        "throttle": throttle,
        "runs": runs,
        "first_ms": statistics.median(s["first"] for s in samples),
        "warm_ms": statistics.median(s["warm"] for s in samples),
        "samples": samples,
        "first_search_steps": {
            step: statistics.median(s[step] for s in steps)
            for step in ("page_fetch_ms", "ready_ms")
        },
        "index_bytes": len(index),
        "index_gzip_bytes": len(gzip.compress(index, compresslevel=6, mtime=0)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--throttle", type=float, default=4.0)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.site, args.runs, args.throttle), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
