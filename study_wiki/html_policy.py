"""Raw HTML in a note may not run script in readers' browsers.

Markdown passes raw HTML through, so a note could carry `<script>`, an `onerror=`
attribute or a `javascript:` link. Each page's rendered content is checked; what
would run script is reported as an error at the line of the note that holds it
(`--strict` fails; `mkdocs serve` keeps running). Notebook pages are rendered by
nbconvert, whose template carries its own scripts: their cells and outputs are
checked against the same findings when executed (study_wiki/notebooks/execute.py).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.study_wiki.html_policy")

RUNS_SCRIPT = {"script", "iframe", "object", "embed", "base", "frame", "frameset"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
SCRIPT_URL = re.compile(r"^\s*(?:javascript|vbscript|data\s*:\s*text/html)\s*:?", re.I)
FIX = "remove it: notes may not run script (write code in a code block instead)"


@dataclass(frozen=True)
class Finding:
    what: str  # e.g. "<script>", "onerror=", "javascript: URL"
    needle: str  # text to look for in the Markdown source


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[Finding] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in RUNS_SCRIPT:
            self.findings.append(Finding(f"<{tag}>", f"<{tag}"))
        if tag == "meta" and any(k == "http-equiv" for k, _ in attrs):
            self.findings.append(Finding("<meta http-equiv>", "http-equiv"))
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(Finding(f"the {name}= attribute", name))
            elif name in URL_ATTRIBUTES and value and SCRIPT_URL.match(value):
                scheme = value.strip().split(":", 1)[0].lower()
                self.findings.append(Finding(f"a {scheme}: URL in {name}=", scheme))

    handle_startendtag = handle_starttag


def findings(html: str) -> list[Finding]:
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.findings


def source_line(source: str, needle: str) -> int:
    match = re.search(re.escape(needle), source, re.I)
    return source.count("\n", 0, match.start()) + 1 if match else 1


class HtmlPolicyConfig(Config):
    enabled = c.Type(bool, default=True)


class HtmlPolicyPlugin(BasePlugin[HtmlPolicyConfig]):
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled or not page.file.src_uri.endswith(".md"):
            return html
        found = findings(html)
        if not found:
            return html
        try:
            source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
        except (OSError, TypeError, UnicodeDecodeError):
            source = ""
        shown = Path(config.docs_dir).name + "/" + page.file.src_uri
        for finding in dict.fromkeys(found):
            log.error(
                "%s:%d: %s would run script in readers' browsers: %s",
                shown,
                source_line(source, finding.needle),
                finding.what,
                FIX,
            )
        return html
