"""Every HTML document of the built site declares its Content-Security-Policy first,
and the policy lists exactly the inline scripts the document runs."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from bs4 import BeautifulSoup

from study_wiki.csp import policy


def documents(site: Path) -> list[Path]:
    return sorted(
        p
        for p in site.rglob("*.html")
        if p.read_text(encoding="utf-8")[:200].lstrip().lower().startswith("<!doctype")
    )


def test_every_document_declares_its_policy_first(site: Path) -> None:
    pages = documents(site)
    assert len(pages) >= 30
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        first = soup.head.find(lambda tag: tag.name != "meta" or not tag.has_attr("charset"))
        assert first.name == "meta" and first["http-equiv"] == "Content-Security-Policy", page
        directives = directives_of(first["content"])
        assert directives["default-src"] == "'self'"
        assert directives["object-src"] == "'none'" and directives["base-uri"] == "'none'"
        assert "'unsafe-inline'" not in directives["script-src"]
        assert "'unsafe-eval'" not in directives["script-src"]
        inline = [
            s.string or ""
            for s in soup.find_all("script")
            if not s.has_attr("src") and s.get("type", "") in ("", "text/javascript", "module")
        ]
        hashes = {
            "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
            for s in inline
        }
        assert set(directives["script-src"].split()) == {"'self'", *hashes}, page


def test_no_document_has_an_inline_handler_or_script_url(site: Path) -> None:
    for page in documents(site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for element in soup.find_all(True):
            for name, value in element.attrs.items():
                assert not name.startswith("on"), f"{page}: <{element.name} {name}>"
                if name in ("href", "src", "action", "formaction"):
                    assert not str(value).strip().lower().startswith("javascript:"), page


def directives_of(content: str) -> dict[str, str]:
    return dict(d.strip().split(" ", 1) for d in content.split(";"))


def test_serve_allows_its_reload_script_and_nothing_more() -> None:
    """`mkdocs serve` adds a live-reload script with numbers of each reload: there
    inline scripts run without hashes; every other directive stays."""
    page = "<html><head><script>a()</script></head></html>"
    served = directives_of(policy(page, serving=True))
    built = directives_of(policy(page, serving=False))
    assert served.pop("script-src") == "'self' 'unsafe-inline'"
    assert built.pop("script-src").startswith("'self' 'sha256-")
    assert served == built


def test_a_script_in_an_article_gets_no_hash() -> None:
    """Notes are rendered into the theme's articles, where no script of the site is:
    one that got past the sanitizer stays unlisted, and the browser refuses it."""
    page = (
        "<html><head><script>head()</script></head><body>"
        '<article class="md-content__inner md-typeset"><script>note()</script></article>'
        '<article class="md-post"><script>post()</script></article>'
        "<script>after()</script></body></html>"
    )
    listed = directives_of(policy(page, serving=False))["script-src"].split()
    ran = {"head()", "after()"}
    hashes = {
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in ran
    }
    assert set(listed) == {"'self'", *hashes}
