"""Compares three ways to show the LSTM page's math, measured in one Chromium run:

  build-katex  KaTeX HTML made at build time (study_wiki/math/, the site)
  client-katex raw TeX in the page, typeset in the browser by KaTeX auto-render
  mathml       KaTeX's MathML only, no KaTeX stylesheet or fonts

For each: bytes the page requested (HTML, CSS, fonts, JS), milliseconds until no
raw TeX is left, and a screenshot of the first aligned equation in
test-artifacts/math-<variant>.png.

    .venv/bin/python scripts/bench_math.py [--site BUILT_SITE]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

from benchmarks import ROOT
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, serve

PAGE = "topics/lstm/index.html"
KATEX = ROOT / "node_modules" / "katex" / "dist"
ARTIFACTS = ROOT / "test-artifacts"
AUTO_RENDER = """
document.addEventListener("DOMContentLoaded", () => renderMathInElement(
  document.querySelector(".md-content"),
  {delimiters: [{left: "\\\\[", right: "\\\\]", display: true},
                {left: "\\\\(", right: "\\\\)", display: false}],
   throwOnError: false}));
"""
DISPLAY_SELECTOR = {
    "build-katex": ".md-content .katex-display",
    "client-katex": ".md-content .katex-display",
    "mathml": '.md-content math[display="block"]',
}


def tex_of(node) -> str:
    return node.find("math")["alttext"]


def variants(site: Path, root: Path) -> dict[str, Path]:
    """Copies of the site whose LSTM page carries each kind of math."""
    html = (site / PAGE).read_text(encoding="utf-8")
    out = {"build-katex": site}
    for name in ("client-katex", "mathml"):
        copy = root / name
        shutil.copytree(site, copy)
        soup = BeautifulSoup(html, "lxml")
        for link in soup.select('link[href$="katex/katex.min.css"]'):
            link.decompose()
        for math in soup.select(".katex-display, .katex"):
            if math.parent is None or math.find_parent(class_="katex-display"):
                continue
            display = "katex-display" in (math.get("class") or [])
            if name == "mathml":
                node = math.find("math")
                assert node is not None, "KaTeX output carries its MathML"
                node.extract()
            else:
                node = soup.new_tag("div" if display else "span")
                node["class"] = "arithmatex"
                tex = tex_of(math)
                node.string = f"\\[{tex}\\]" if display else f"\\({tex}\\)"
            math.replace_with(node)
        if name == "client-katex":
            shutil.copytree(KATEX, copy / "assets" / "katex-client")
            head = soup.head
            assert head is not None
            prefix = "../../assets/katex-client/"
            head.append(soup.new_tag("link", rel="stylesheet", href=prefix + "katex.min.css"))
            for src in ("katex.min.js", "contrib/auto-render.min.js"):
                head.append(soup.new_tag("script", src=prefix + src, defer=""))
            script = soup.new_tag("script")
            script.string = AUTO_RENDER
            head.append(script)
        (copy / PAGE).write_text(str(soup), encoding="utf-8")
        out[name] = copy
    return out


def measure(browser, url: str, name: str) -> dict[str, Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sizes: dict[str, int] = defaultdict(int)

    def on_response(response) -> None:
        try:
            body = len(response.body())
        except Exception:
            return
        kind = response.request.resource_type
        kind = {"document": "html", "stylesheet": "css", "font": "fonts", "script": "js"}.get(
            kind, "other"
        )
        sizes[kind] += body

    page.on("response", on_response)
    page.goto(url + "topics/lstm/", wait_until="commit")
    handle = page.wait_for_function(
        """() => {
            const c = document.querySelector('.md-content');
            if (!c || document.readyState === 'loading') return false;
            const t = c.innerText;
            return !t.includes('\\\\(') && !t.includes('\\\\[') && performance.now();
        }""",
        polling="raf",
    )
    ms = handle.json_value()
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready")
    shot = ARTIFACTS / f"math-{name}.png"
    aligned = (
        page.locator(DISPLAY_SELECTOR[name])
        .filter(has=page.locator("xpath=.//*[local-name()='mtable']"))
        .first
    )
    aligned.scroll_into_view_if_needed()
    aligned.screenshot(path=str(shot))
    context.close()
    return {"ms": ms, **sizes, "total": sum(sizes.values()), "shot": shot.name}


def build(site_dir: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
    )
    if not (site_dir / PAGE).is_file():
        sys.exit("build failed")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    rows = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build(site)
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, directory in variants(site, Path(tmp)).items():
            server, url = serve(directory)
            try:
                rows[name] = measure(browser, url, name)
            finally:
                server.shutdown()
                server.server_close()
        browser.close()

    cols = ["html", "css", "fonts", "js", "other", "total"]
    print(
        f"{'variant':<13}"
        + "".join(f"{c + ' kB':>10}" for c in cols)
        + f"{'typeset ms':>12}  screenshot"
    )
    for name, row in rows.items():
        print(
            f"{name:<13}"
            + "".join(f"{row.get(c, 0) / 1024:>10.1f}" for c in cols)
            + f"{row['ms']:>12.0f}  test-artifacts/{row['shot']}"
        )
    return 0
