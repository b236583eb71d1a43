"""In Chromium, every page runs under its Content-Security-Policy without a violation,
and script that reaches a page's HTML anyway is refused by the browser."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from study_wiki.csp import inline_script_hashes
from tests.support.browser import serve, settle
from tests.support.hostile_project import HTML_PAYLOADS
from tests.support.mini_project import build, make_mini_project, write
from tests.support.project import ROOT

pytestmark = pytest.mark.browser

# Records what the policy refused, from before the page's first script.
RECORD_VIOLATIONS = """(() => {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation',
    e => window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));
})()"""
ALL_REPORTED = """(directives) => {
  const reported = (window.__violations || []).join(' ');
  return directives.every(d => reported.includes(d));
}"""
SITE_URL = re.search(
    r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M
).group(1)


def pages_of(site: Path) -> list[str]:
    """Every whole page of the site (not the fragments scripts fetch into pages)."""
    return sorted(
        path.relative_to(site).as_posix().removesuffix("index.html")
        for path in site.rglob("*.html")
        if path.read_text(encoding="utf-8")[:200].lstrip().lower().startswith("<!doctype")
    )


def test_every_page_runs_under_its_policy(built_site: Path, browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    refused = {}
    for path in pages_of(built_site):
        page.goto(base_url + path, wait_until="load")
        page.wait_for_timeout(100)
        # 404.html links its assets under site_url's path, which this server lacks;
        # the figure listings are plain documents.
        if path != "404.html" and not path.startswith("assets/listings/"):
            assert page.evaluate("typeof document$ !== 'undefined'"), f"refused: {path}"
        found = page.evaluate("window.__violations")
        assert found is not None, "the recorder did not run"
        if found:
            refused[path] = found
    context.close()
    assert refused == {}
    assert [e for e in errors if "Content Security Policy" in e] == []


def test_instant_navigation_runs_the_next_pages_scripts(base_url: str, browser) -> None:
    """Material runs a new page's scripts under the first page's policy."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()

    def local_sitemap(route) -> None:
        body = route.fetch().text().replace(SITE_URL, base_url)
        route.fulfill(body=body, content_type="application/xml")

    page.route("**/sitemap.xml", local_sitemap)
    page.goto(base_url, wait_until="load")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__samePage = true")
    for target in ("notebooks/lstm-gradient-lab/", "topics/lstm/", "glossary/"):
        page.evaluate(
            "href => { const a = document.createElement('a'); a.href = href;"
            " document.querySelector('.md-content').append(a); a.click(); }",
            base_url + target,
        )
        page.wait_for_url("**/" + target)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__samePage === true"), "instant navigation not used"
    assert page.evaluate("window.__violations") == []
    context.close()


PAYLOADS = """
<img src="x" onerror="window.__p = 'onerror'">
<script>window.__p = 'inline script'</script>
<svg><animate onbegin="window.__p = 'svg animate'" attributeName="x" dur="1s"/></svg>
<a id="js-link" href="javascript:window.__p = 'javascript url'">link</a>
<div id="hover" onmouseover="window.__p = 'hover'">hover me</div>
<iframe srcdoc="<script>parent.__p = 'srcdoc'</script>"></iframe>
<object data="data:text/html,<script>parent.__p = 'object'</script>"></object>
<base href="https://evil.example/">
<img src="https://evil.example/pixel.png">
<link rel="stylesheet" href="https://evil.example/x.css">
<style>@import url(https://evil.example/y.css);</style>
"""


@pytest.fixture
def poisoned_url(built_site: Path, tmp_path: Path) -> Iterator[str]:
    """A copy of the site whose home page holds payloads no sanitizer removed."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    home = site / "index.html"
    html = home.read_text(encoding="utf-8")
    assert 'http-equiv="Content-Security-Policy"' in html
    home.write_text(html.replace("</article>", PAYLOADS + "</article>", 1), encoding="utf-8")
    server, url = serve(site)
    yield url
    server.shutdown()
    server.server_close()


def test_the_browser_refuses_what_reaches_the_html(browser, poisoned_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    other_hosts: list[str] = []

    def route(r) -> None:
        if r.request.url.startswith(poisoned_url) or r.request.url.startswith("data:"):
            r.continue_()
        else:
            other_hosts.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(poisoned_url, wait_until="load")
    page.hover("#hover")
    page.click("#js-link")
    page.wait_for_timeout(1500)
    assert page.evaluate("window.__p") is None
    assert other_hosts == []
    directives = ["script-src", "img-src", "style-src", "object-src", "base-uri"]
    settle(page, ALL_REPORTED, directives)
    refused = " ".join(page.evaluate("window.__violations"))
    for directive in directives:
        assert directive in refused, refused
    context.close()


@pytest.fixture(scope="module")
def payload_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Every raw-HTML payload in one note, built as `mkdocs serve` would show it."""
    project = make_mini_project(tmp_path_factory.mktemp("payloads") / "project")
    body = "\n\n".join(HTML_PAYLOADS.values())
    write(project / "docs" / "raw.md", f"---\ndescription: {'가' * 30}\n---\n# 시험\n\n{body}\n")
    result = build(project, strict=False, WIKI_SEARCH_KO="false")
    assert result.returncode == 0, result.stderr[-3000:]
    server, url = serve(project / "site")
    yield url + "raw/"
    server.shutdown()
    server.server_close()


def test_no_payload_runs_or_reaches_another_host(browser, payload_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    other_hosts: list[str] = []

    def route(r) -> None:
        if r.request.url.startswith(payload_url.removesuffix("raw/")):
            r.continue_()
        else:
            other_hosts.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(payload_url, wait_until="load")
    # What a reader might do to each element: point at it, focus it, click it.
    page.evaluate(
        """() => document.querySelectorAll('.md-content *').forEach(el => {
            for (const type of ['mouseover', 'focus', 'click'])
                el.dispatchEvent(new Event(type, {bubbles: true}));
            if (el.tagName === 'A' && !el.matches('.md-content__button')) el.click();
        })"""
    )
    page.wait_for_timeout(1_000)
    assert page.url.split("#")[0] == payload_url
    assert page.evaluate("window.__pwned") is None
    assert other_hosts == []
    context.close()


# Markup where a tokenizer that only looks for `<script>` goes wrong: each document's
# inline scripts as Chromium parses them must be exactly those the policy hashes.
TRICKY_MARKUP = [
    "<SCRIPT>upper()</SCRIPT><script type=module>m()</script>",
    '<script type="application/json">{"a": "</p>"}</script>'
    '<script type="TEXT/JavaScript">k()</script>',
    '<script src="a.js"></script><script  type = "text/javascript" >spaced()</script >',
    "<!-- <script>commented()</script> --><script>after()</script>",
    "<!--><script>abrupt()</script><!---><script>abrupt2()</script>",
    '<script>var s = "</scr" + "ipt>";</script>',
    "<div title=\"<script>in_attribute()</script>\" data-x='<!--'><script>y()</script></div>",
    "<textarea><script>in_textarea()</script></textarea><title><script>t()</script></title>",
    "<style>.a::after { content: '<script>' }</style><script>after_style()</script>",
    "<noscript><script>in_noscript()</script></noscript><xmp><script>x()</script></xmp>",
    "</ <script>bogus_end()</script> <? <script>pi()</script> ?> <scripts>no()</scripts>",
    "<p>1 < 2 and 3 > 2</p><a href=x/y>link</a><script>z()</script>",
    "<svg><script>svg_script()</script></svg><script>unclosed()",
]
INLINE_SCRIPTS = """() => [...document.querySelectorAll('script')]
  .filter(s => !s.hasAttribute('src')
    && ['', 'text/javascript', 'application/javascript', 'module']
       .includes((s.getAttribute('type') || '').trim().toLowerCase()))
  .map(s => s.textContent)"""


def test_the_policy_hashes_exactly_the_scripts_a_browser_parses(browser) -> None:
    context = browser.new_context(java_script_enabled=True)
    page = context.new_page()
    for markup in TRICKY_MARKUP:
        document = f"<!doctype html><html><head></head><body>{markup}</body></html>"
        page.set_content(document)
        parsed = page.evaluate(INLINE_SCRIPTS)
        expected = [
            "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
            for s in dict.fromkeys(parsed)
        ]
        assert inline_script_hashes(document) == expected, markup
    context.close()
