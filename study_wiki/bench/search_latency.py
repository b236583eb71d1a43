"""Search latency as a reader feels it: last keystroke -> first result shown.

Serves a built site with gzip, opens the home page in Debian's Chromium with the
CPU slowed 4x (DevTools `Emulation.setCPUThrottlingRate`), and types a query into
Material's search box. The first search starts typing as soon as the page has
loaded, so it includes downloading the index and building it in the worker; the
warm search is a second query on the same page. Prints milliseconds (median of
`--runs`) and the index size, and where a first search's wait goes: the same
steps Material takes (fetch the index, parse its JSON, build the lunr index in
Material's own search worker), timed one by one on a page without the theme's script.

    .venv/bin/python scripts/bench_search.py /tmp/site
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
from pathlib import Path

from study_wiki.bench.gzip_server import serve_gzip

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
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
FIRST_SEARCH_STEPS = """async () => {
  const config = JSON.parse(document.getElementById('__config').textContent);
  const base = new URL(config.base, location.href);
  const t0 = performance.now();
  const response = await fetch(new URL('search/search_index.json', base), {cache: 'no-store'});
  const text = await response.text();
  const t1 = performance.now();
  const index = JSON.parse(text);
  const t2 = performance.now();
  const worker = new Worker(new URL(config.search, base));
  const ready = new Promise((resolve) => {
    worker.onmessage = (event) => { if (event.data.type === 1) resolve(); };
  });
  worker.postMessage({type: 0, data: {config: index.config, docs: index.docs,
                                      options: {suggest: true}}});
  await ready;
  const t3 = performance.now();
  worker.terminate();
  return {fetch_ms: t1 - t0, parse_ms: t2 - t1, build_ms: t3 - t2, docs: index.docs.length};
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

    index = (site / "search" / "search_index.json").read_bytes()
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
            for step in ("fetch_ms", "parse_ms", "build_ms")
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
