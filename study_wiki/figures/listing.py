"""A figure snippet's highlighted source, rendered once per version of its code. A listing
is hundreds of DOM nodes nobody sees until it is opened: lazily (the default) each is a file
of its own (`assets/listings/<hash>.html`) that the page's collapsed `<details>` fetches."""

from __future__ import annotations

import hashlib
import html
import posixpath
import re
from importlib.metadata import version
from pathlib import Path

import markdown

from study_wiki.accessible_html import accessible
from study_wiki.core.artifact_cache import ArtifactCache
from study_wiki.core.paths import page_folder
from study_wiki.csp import with_policy

PLACEHOLDER = re.compile(r"<p>FIGURE-SOURCE-([0-9a-f]{64})</p>")
SCRIPT_URI = "assets/javascripts/lazy_listings.js"
SCRIPT_FILE = Path(__file__).with_name("assets") / "lazy_listings.js"
FRAGMENT_DIR = "assets/listings"
LINK = '<p class="lazy-listing__link"><a href="{href}">코드 전체 보기</a></p>'
# A lazy listing's own file, a page of its own without JavaScript: `{title}`, `{icon}`
# and `{body}` filled by str.format.
FRAGMENT = (SCRIPT_FILE.parent / "listing.html").read_text(encoding="utf-8")


class SourceListings:
    def __init__(self, cache_dir: Path, highlight_options: dict, *, lazy: bool) -> None:
        self.cache = ArtifactCache(cache_dir, ".html")
        self.options = highlight_options
        self.lazy = lazy
        self.html: dict[str, str] = {}
        self.names: dict[str, str] = {}  # the snippet's path, by key
        self.bodies: dict[str, str] = {}  # the lazy listing's file body, by key

    def placeholder(self, name: str, source: str) -> str:
        """A paragraph of text that fill() swaps for the listing or its link."""
        salt = (
            f"{version('pymdown-extensions')}|{version('pygments')}|{sorted(self.options.items())}"
        )
        key = hashlib.sha256(f"{salt}|{name}|{source}".encode()).hexdigest()
        if key not in self.html:
            cached = self.cache.made(key, lambda: self._highlight(name, source).encode("utf-8"))
            self.html[key] = cached.read_text(encoding="utf-8")
            self.names[key] = name
        return f"FIGURE-SOURCE-{key}"

    def _highlight(self, name: str, source: str) -> str:
        converter = markdown.Markdown(
            extensions=["pymdownx.highlight", "pymdownx.superfences"],
            extension_configs={"pymdownx.highlight": self.options},
        )
        return converter.convert(f'```python title="{name}"\n{source.rstrip()}\n```')

    def body(self, key: str) -> str:
        """A lazy listing as its page would show it (a named keyboard stop)."""
        if key not in self.bodies:
            self.bodies[key] = accessible(self.html[key])
        return self.bodies[key]

    def fragment_uri(self, key: str) -> str:
        digest = hashlib.sha256(f"{self.names[key]}\0{self.body(key)}".encode()).hexdigest()
        return f"{FRAGMENT_DIR}/{digest[:16]}.html"

    def fragments(self, favicon: str) -> dict[str, str]:
        """Each lazy listing's file; `favicon` is the site's icon, as a site path."""
        if not self.lazy:
            return {}
        icon = html.escape(posixpath.relpath(favicon, FRAGMENT_DIR))
        return {
            self.fragment_uri(key): with_policy(
                FRAGMENT.format(title=html.escape(self.names[key]), icon=icon, body=self.body(key))
            )
            for key in self.html
        }

    def fill(self, page_html: str, page_url: str) -> str:
        def listing(match: re.Match[str]) -> str:
            key = match.group(1)
            if key not in self.html:
                return match.group(0)
            if not self.lazy:
                return self.html[key]
            return LINK.format(
                href=posixpath.relpath(self.fragment_uri(key), page_folder(page_url))
            )

        return PLACEHOLDER.sub(listing, page_html)
