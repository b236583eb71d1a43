"""Every page carries a Content-Security-Policy, so the browser enforces what the
sanitizer intends: a `<meta http-equiv>` first in `<head>` (GitHub Pages sets no
headers). Scripts run only from the site's files and, inline, only those whose
SHA-256, taken from the finished page, is listed; nothing comes from another host.
Under `mkdocs serve` the live-reload script changes on every reload, so inline scripts
are allowed there without hashes (the sanitizer still removes what notes write).
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from study_wiki.core.stage import Stage

# Script types a browser runs; a JSON data block (Material's `__config`) is not run.
RUN_TYPES = {"", "text/javascript", "application/javascript", "module"}
DIRECTIVES = (
    "default-src 'self'",
    "script-src 'self'{scripts}",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
)
HEAD = re.compile(r"<head\b[^>]*>\s*(?:<meta charset=[^>]*>)?", re.I)


class _InlineScripts(HTMLParser):
    """The text of each inline script a browser runs. The parser keeps a script's
    text raw, as browsers do; and a script it did not see gets no hash, so the
    browser refuses it: the list can only be too short, never let one in."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            found = dict(attrs)
            runs = "src" not in found and (found.get("type") or "").lower() in RUN_TYPES
            self._inside = runs
            if runs:
                self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.scripts[-1] += data


def inline_script_hashes(page: str) -> list[str]:
    """`'sha256-…'` of each inline script the page runs, in page order, once each."""
    parser = _InlineScripts()
    parser.feed(page)
    parser.close()
    hashes: dict[str, None] = {}
    for text in parser.scripts:
        digest = hashlib.sha256(text.encode("utf-8")).digest()
        hashes[f"'sha256-{base64.b64encode(digest).decode('ascii')}'"] = None
    return list(hashes)


def policy(page: str, *, serving: bool) -> str:
    hashes = ["'unsafe-inline'"] if serving else inline_script_hashes(page)
    scripts = "".join(f" {h}" for h in hashes)
    return "; ".join(DIRECTIVES).format(scripts=scripts)


def with_policy(page: str, *, serving: bool = False) -> str:
    """The page with its policy as the first element of `<head>` (after the charset)."""
    head = HEAD.search(page)
    if head is None:
        return page
    content = policy(page, serving=serving)
    meta = f'\n    <meta http-equiv="Content-Security-Policy" content="{content}">'
    return page[: head.end()] + meta + page[head.end() :]


class CspStage(Stage[Config]):
    """The last transform of every HTML document: the policy lists the inline scripts
    of the finished page, so no stage may write HTML after this one."""

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return with_policy(output, serving=self.run.serving)

    def on_post_template(self, output: str, *, template_name: str, config: MkDocsConfig) -> str:
        if not template_name.endswith(".html"):
            return output  # sitemap.xml
        return with_policy(output, serving=self.run.serving)
