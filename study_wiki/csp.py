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
import html
import re

from study_wiki.core.stage import NoOptions, Stage

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


# One pass over the page's markup, split as an HTML tokenizer splits it: comments,
# the text of raw-text elements and attribute values cannot start a script; a
# script's text is raw up to the first `</script`. Each match skips text and other
# tags (possessively, in the regex engine) up to one of those, or to the end. A script
# not matched gets no hash, so the browser refuses it: the list can only be too short.
_END = r"[\t\n\f\r />]"
_RAW = "style|textarea|title|xmp|iframe|noembed|noframes|noscript"
_ATTRIBUTES = r"""(?:[^>"']++|"[^"]*+(?:"|\Z)|'[^']*+(?:'|\Z))*+(?:>|\Z)"""
_MARKUP = re.compile(
    rf"""(?>[^<]++
          |</[a-z]{_ATTRIBUTES}
          |<(?!(?:script|{_RAW}){_END})[a-z]{_ATTRIBUTES}
          |(?:</(?![a-z])|<\?)[^>]*+(?:>|\Z)
          |<(?![a-z!/?]))*+
    (?:<!--(?:-?>|.*?--!?>|.*\Z)
      |<!.*?(?:>|\Z)
      |<(?P<raw>{_RAW})(?={_END}){_ATTRIBUTES}.*?(?:</(?P=raw){_END}|\Z)
      |<script(?={_END})(?P<attributes>{_ATTRIBUTES})(?P<text>.*?)(?:</script{_END}|\Z)
      |\Z)""",
    re.I | re.S | re.X,
)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


def _runs(attributes: str) -> bool:
    """Whether a script with these attributes is an inline script a browser runs."""
    found: dict[str, str] = {}
    for m in _ATTRIBUTE.finditer(attributes):
        found.setdefault(m[1].lower(), m[2] or m[3] or m[4] or "")  # the first one counts
    return "src" not in found and html.unescape(found.get("type", "")).lower() in RUN_TYPES


def inline_script_hashes(page: str) -> list[str]:
    """`'sha256-…'` of each inline script the page runs outside its article, in page
    order, once each."""
    # The theme's articles (a page's, a list view's posts) hold the notes' own HTML, where
    # no script of the site is: they are not read, so an inline script that got past the
    # sanitizer into one has no hash. Skipping more than that only refuses more.
    start, end = page.find("<article"), page.rfind("</article>")
    parts = (page,) if start < 0 or end < start else (page[:start], page[end:])
    hashes: dict[str, None] = {}
    for part in parts:
        for markup in _MARKUP.finditer(part):
            if markup["text"] is not None and _runs(markup["attributes"].removesuffix(">")):
                digest = hashlib.sha256(markup["text"].encode("utf-8")).digest()
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


class CspStage(Stage[NoOptions]):
    """The last transform of every HTML document: the policy lists the inline scripts
    of the finished page, so no stage may write HTML after this one."""

    def on_post_page(self, output: str, **_) -> str:
        return with_policy(output, serving=self.run.serving)

    def on_post_template(self, output: str, *, template_name: str, **_) -> str:
        if not template_name.endswith(".html"):
            return output  # sitemap.xml
        return with_policy(output, serving=self.run.serving)
