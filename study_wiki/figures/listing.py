"""A figure snippet's highlighted source, rendered once per version of its code.

Highlighting the same snippet again on every page and every build cost more
than the rest of the figure machinery; the HTML is cached by content hash.
"""

from __future__ import annotations

import hashlib
import re
from importlib.metadata import version
from pathlib import Path

import markdown

from study_wiki.core.artifact_cache import ArtifactCache

PLACEHOLDER = re.compile(r"<p>FIGURE-SOURCE-([0-9a-f]{64})</p>")


class SourceListings:
    def __init__(self, cache_dir: Path, highlight_options: dict) -> None:
        self.cache = ArtifactCache(cache_dir, ".html")
        self.options = highlight_options
        self.html: dict[str, str] = {}

    def placeholder(self, name: str, source: str) -> str:
        """A paragraph of text that on_page_content swaps for the listing."""
        salt = (
            f"{version('pymdown-extensions')}|{version('pygments')}|{sorted(self.options.items())}"
        )
        key = hashlib.sha256(f"{salt}|{name}|{source}".encode()).hexdigest()
        if key not in self.html:
            cached = self.cache.get(key)
            if cached is None:
                cached = self.cache.put(key, self._highlight(name, source).encode("utf-8"))
            self.html[key] = cached.read_text(encoding="utf-8")
        return f"FIGURE-SOURCE-{key}"

    def _highlight(self, name: str, source: str) -> str:
        converter = markdown.Markdown(
            extensions=["pymdownx.highlight", "pymdownx.superfences"],
            extension_configs={"pymdownx.highlight": self.options},
        )
        return converter.convert(f'```python title="{name}"\n{source.rstrip()}\n```')

    def fill(self, html: str) -> str:
        return PLACEHOLDER.sub(lambda m: self.html.get(m.group(1), m.group(0)), html)
