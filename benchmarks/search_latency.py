"""Search latency as a reader feels it: last keystroke -> its results drawn.

Serves each built site given with gzip, opens the home page in Debian's Chromium
with the CPU slowed 4x (DevTools `Emulation.setCPUThrottlingRate`), and types a query
into Material's search box. The first search starts typing as soon as the page has
loaded, so it includes downloading the index and building it in the worker; the
warm search is a second query on the same page. Prints milliseconds (median of
`--runs`; with several sites, their runs take turns, so a change is compared within
one run), where the warm search's time goes (the keystroke until the worker's
answer reaches the page, that answer until it is drawn, and how many answers the
page drew after the keystroke: those to the query's earlier prefixes queue before
it), the size of what search downloads (search_index.json, and the prebuilt index
when the site has one), and where a first search's wait goes, timed on a page
without the theme's script: the page fetching search_index.json, and the worker the
site configures becoming ready (loading the prebuilt index, or building a lunr index
from the documents as Material's own worker does).

    .venv/bin/python scripts/bench_search.py /tmp/site
    .venv/bin/python scripts/bench_search.py /tmp/site-before /tmp/site-after --runs 5
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
from pathlib import Path

from benchmarks.gzip_server import serve_gzip
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS

QUERIES = ("기울기 소실", "LSTM 게이트")

# Times, in page time, when the search worker's answers (Material's RESULT = 3)
# reach the page, before the theme's script handles them.
ANSWERS = """(() => {
  window.__answers = [];
  const Base = window.Worker;
  window.Worker = class extends Base {
    constructor(url, options) {
      super(url, options);
      this.addEventListener('message', (event) => {
        if (event.data.type === 3) window.__answers.push(performance.now());
      });
    }
  };
})();"""

# From the last character typed to the last time results are drawn, in page time.
# The clock starts at that character's `beforeinput` event (Hangul is typed as text
# input, with no keydown), when the page has the keystroke: what the test driver
# does before is not the page's. Material draws the answer to every query it sends,
# so answers to the query's earlier prefixes may be drawn after the last keystroke;
# the worker answers in order, so the last list drawn before the page is quiet for
# QUIET_MS is the answer to the whole query.
QUIET_MS = 2000
WATCH = """([query, quiet]) => { window.__latency = new Promise((resolve, reject) => {
  const list = document.querySelector('.md-search-result__list');
  const input = document.querySelector('input.md-search__input');
  let typed, t0, drawn, timer;
  const stop = () => {
    observer.disconnect();
    input.removeEventListener('beforeinput', before, true);
    input.removeEventListener('input', after, true);
  };
  const before = (event) => { typed = event.timeStamp; };
  const after = () => { if (t0 === undefined && input.value === query) t0 = typed; };
  input.addEventListener('beforeinput', before, true);
  input.addEventListener('input', after, true);
  const observer = new MutationObserver(() => {
    if (t0 === undefined || list.querySelector('.md-search-result__item') === null) return;
    drawn = performance.now();
    clearTimeout(timer);
    timer = setTimeout(() => {
      stop();
      const answers = window.__answers.filter((t) => t >= t0 && t <= drawn);
      resolve({total: drawn - t0, answer: answers[answers.length - 1] - t0,
               answers: answers.length});
    }, quiet);
  });
  observer.observe(list, {childList: true, subtree: true});
  setTimeout(() => { stop(); reject(new Error('no results in 60 s')); }, 60000);
}); }"""


def open_throttled(browser, base: str, throttle: float, theme_script: bool = True):
    """(context, page): the home page loaded with the CPU slowed `throttle` times."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(ANSWERS)
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
        page.evaluate(WATCH, [query, QUIET_MS])
        box.press_sequentially(query, delay=50)
        latency = page.evaluate("() => window.__latency")
        result[label] = round(latency["total"], 1)
    result["warm_answer"] = round(latency["answer"], 1)
    result["warm_draw"] = round(latency["total"] - latency["answer"], 1)
    result["warm_answers"] = latency["answers"]
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


def measure(sites: list[Path], runs: int = 3, throttle: float = 4.0) -> dict[str, dict]:
    from playwright.sync_api import sync_playwright

    servers = [serve_gzip(site) for site in sites]
    samples: list[list[dict]] = [[] for _ in sites]
    steps: list[list[dict]] = [[] for _ in sites]
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for _ in range(runs):
                for i, (_, base) in enumerate(servers):
                    samples[i].append(one_run(browser, base, throttle))
            for _ in range(runs):
                for i, (_, base) in enumerate(servers):
                    steps[i].append(first_search_steps(browser, base, throttle))
            browser.close()
    finally:
        for server, _ in servers:
            server.shutdown()
    return {
        str(site): summary(site, samples[i], steps[i], throttle) for i, site in enumerate(sites)
    }


def summary(site: Path, samples: list[dict], steps: list[dict], throttle: float) -> dict:
    def median(rows: list[dict], key: str) -> float:
        return statistics.median(row[key] for row in rows)

    index = b"".join(
        (site / "search" / name).read_bytes()
        for name in ("search_index.json", "prebuilt.json")
        if (site / "search" / name).is_file()
    )
    return {
        "throttle": throttle,
        "runs": len(samples),
        "first_ms": median(samples, "first"),
        "warm_ms": median(samples, "warm"),
        "warm_steps": {
            "answer_ms": median(samples, "warm_answer"),
            "draw_ms": median(samples, "warm_draw"),
            "answers_drawn": median(samples, "warm_answers"),
        },
        "samples": samples,
        "first_search_steps": {step: median(steps, step) for step in ("page_fetch_ms", "ready_ms")},
        "index_bytes": len(index),
        "index_gzip_bytes": len(gzip.compress(index, compresslevel=6, mtime=0)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sites", type=Path, nargs="+", metavar="site")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--throttle", type=float, default=4.0)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.sites, args.runs, args.throttle), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
