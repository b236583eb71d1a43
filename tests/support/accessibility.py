"""axe-core over every HTML page of a built site: both colour schemes, phone and desktop.

Each page is opened in Debian's Chromium at each width, and the pinned axe-core
from node_modules run with the WCAG 2.2 AA and best-practice rules in each colour
scheme as it loads and again with its collapsed blocks opened and deferred
equations put in place (so what loads later is checked too). Only serious and
critical violations count.

    .venv/bin/python scripts/bench_lighthouse.py /tmp/site   # with Lighthouse
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from tests.support.project import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice")
WIDTHS = (390, 1280)
SCHEMES = ("light", "dark")
IMPACTS = ("serious", "critical")
# The WCAG A and AA rules axe calls experimental, which a run by tag leaves out
# (Lighthouse's accessibility audit runs the table ones): a data cell of a large table
# with no header, a table's caption written as a cell, a bold paragraph standing for a
# heading, a page locked to one orientation.
EXPERIMENTAL = ("td-has-header", "table-fake-caption", "p-as-heading", "css-orientation-lock")


def axe_version() -> str:
    package = AXE.parent / "package.json"
    return json.loads(package.read_text(encoding="utf-8"))["version"]


@dataclass(frozen=True)
class View:
    width: int
    scheme: str

    @property
    def label(self) -> str:
        return f"{self.width} {self.scheme}"


VIEWS = tuple(View(width, scheme) for width in WIDTHS for scheme in SCHEMES)


def site_pages(site: Path) -> list[str]:
    """Every HTML file the build wrote, as the path a reader requests (`topics/lstm/`)."""
    paths = []
    for file in sorted(site.rglob("*.html")):
        relative = file.relative_to(site).as_posix()
        paths.append(relative.removesuffix("index.html"))
    return paths


# Opens every <details> (a lazy listing fetches its code on `toggle`), puts every
# deferred equation in place (study_wiki/math/deferred.py) and waits until no
# listing is still loading.
OPEN_EVERYTHING = """async () => {
  const closed = document.querySelectorAll('details:not([open])');
  const waiting = document.querySelectorAll('template.katex-deferred');
  closed.forEach(d => { d.open = true; });
  if (window.studyWikiMath) window.studyWikiMath.reveal(document);
  const deadline = performance.now() + 5000;
  while (document.querySelector('details.lazy-listing .lazy-listing__link')
         && performance.now() < deadline) {
    await new Promise(r => setTimeout(r, 50));
  }
  return closed.length + waiting.length;
}"""

RUN_AXE = """async ([tags, experimental, impacts]) => {
  const rules = Object.fromEntries(experimental.map(id => [id, {enabled: true}]));
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, rules,
                                          resultTypes: ['violations']});
  return result.violations
    .filter(v => impacts.includes(v.impact))
    .map(v => ({id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
}"""


# axe scrolls elements into view to find their colours; blocks laid out only near
# the screen (extra.css) would take their real height meanwhile and move what it
# measured. A rendering hint only: laid out at once, the page looks the same.
ALL_LAID_OUT = "* { content-visibility: visible !important; }"


# Material colours the page from the prefers-color-scheme media query when it
# changes, as it does at load: waits for its scheme (null on a page without it),
# then ends the colour transitions the change started, so axe reads the colours a
# fresh load would show.
SWITCH_SCHEME = """async (expected) => {
  const deadline = performance.now() + 5000;
  while (expected !== null && document.body.dataset.mdColorScheme !== expected
         && performance.now() < deadline) {
    await new Promise(r => requestAnimationFrame(r));
  }
  document.getAnimations().filter(a => a instanceof CSSTransition).forEach(a => a.finish());
  return document.body.dataset.mdColorScheme ?? null;
}"""
SCHEME = "document.body && document.body.dataset.mdColorScheme"


def material_scheme(scheme: str) -> str:
    return "slate" if scheme == "dark" else "default"


def add_axe(page) -> None:
    if not AXE.is_file():
        raise FileNotFoundError("node_modules/axe-core is missing: run `npm ci`")
    page.add_style_tag(content=ALL_LAID_OUT)
    page.add_script_tag(path=str(AXE))


def axe_violations(page) -> list[dict]:
    """Serious and critical violations on the page as it is now."""
    add_axe(page)
    return run_axe(page)


def run_axe(page) -> list[dict]:
    return page.evaluate(RUN_AXE, [list(TAGS), list(EXPERIMENTAL), list(IMPACTS)])


def check_page(page, url: str, schemes: Sequence[str] = SCHEMES) -> dict[str, list[dict]]:
    """Violations in each colour scheme at the page's width, as the page loads and,
    if it has any, with its collapsed blocks and deferred equations opened (each
    rule's larger count). The page loads once, in the first scheme; the others are
    switched to in place."""
    page.emulate_media(color_scheme=schemes[0])
    page.goto(url, wait_until="load")
    loaded = page.evaluate(SCHEME)
    if loaded not in (None, material_scheme(schemes[0])):
        raise AssertionError(f"{url}: colour scheme {loaded!r} in {schemes[0]}")

    def expected(scheme: str) -> str | None:
        return None if loaded is None else material_scheme(scheme)

    add_axe(page)
    found: dict[str, dict[str, dict]] = {scheme: {} for scheme in schemes}
    current = schemes[0]

    def check(scheme: str) -> None:
        nonlocal current
        if scheme != current:
            page.emulate_media(color_scheme=scheme)
            current = scheme
            now = page.evaluate(SWITCH_SCHEME, expected(scheme))
            if now != expected(scheme):
                raise AssertionError(f"{url}: colour scheme {now!r} after switching to {scheme}")
        for violation in run_axe(page):
            seen = found[scheme].setdefault(violation["id"], violation)
            if violation["count"] > seen["count"]:
                found[scheme][violation["id"]] = violation

    for scheme in schemes:
        check(scheme)
    if page.evaluate(OPEN_EVERYTHING):
        for scheme in reversed(schemes):
            check(scheme)
    return {scheme: list(by_rule.values()) for scheme, by_rule in found.items()}


def audit(
    browser, base_url: str, paths: Iterable[str], views: Iterable[View] = VIEWS
) -> Iterator[tuple[str, View, list[dict]]]:
    """(path, view, violations) for every page at every view, one context per width."""
    paths = list(paths)
    by_width: dict[int, list[str]] = {}
    for view in views:
        by_width.setdefault(view.width, []).append(view.scheme)
    for width, schemes in by_width.items():
        # bypass_csp: axe is injected as an inline script the page's policy forbids.
        context = browser.new_context(
            viewport={"width": width, "height": 900}, color_scheme=schemes[0], bypass_csp=True
        )
        page = context.new_page()
        try:
            for path in paths:
                found = check_page(page, base_url + path, schemes)
                for scheme in schemes:
                    yield path, View(width, scheme), found[scheme]
        finally:
            context.close()


def markdown(results: dict[str, dict[str, list[dict]]], views=VIEWS) -> str:
    """A pages x views table: the serious and critical rules each view breaks."""
    header = "| 페이지 | " + " | ".join(v.label for v in views) + " |"
    lines = [header, "| --- |" + " --- |" * len(views)]
    for path, by_view in results.items():
        cells = []
        for view in views:
            found = by_view.get(view.label, [])
            cells.append(", ".join(f"{v['id']} ×{v['count']}" for v in found) or "✓")
        lines.append(f"| `/{path}` | " + " | ".join(cells) + " |")
    failing = sum(1 for by_view in results.values() for found in by_view.values() if found)
    total = sum(len(by_view) for by_view in results.values())
    lines += ["", f"{len(results)}개 페이지 × {len(views)}개 화면 = {total}개 중 {failing}개 위반."]
    return "\n".join(lines) + "\n"
