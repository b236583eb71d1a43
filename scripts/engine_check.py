"""Which of the site's features a built site has, whichever engine built it.

    python scripts/engine_check.py SITE_DIR [--engine NAME] [--without-plugin]

Prints one line per feature the site lacks (`missing: figures: ...`) and exits 1 if
any is missing, 0 when every one is there. `--without-plugin`: the site's configuration
does not list the study-wiki plugin, so what only the plugin makes is not looked for.
`python -m study_wiki build --engine zensical` runs it on Material's successor's build,
tests/core/test_engines.py on MkDocs' build too; ARCHITECTURE.md's engine table is what
the two report.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

import lxml.html

CODE = {"code", "pre", "script", "style", "template", "textarea"}
RAW_TEX = re.compile(r"\\[(\[]")


def prose(page: lxml.html.HtmlElement) -> str:
    """The text a reader sees outside code: what is left there unprocessed shows."""
    parts = []
    for node in page.iter():
        if isinstance(node.tag, str) and not any(a.tag in CODE for a in node.iterancestors()):
            if node.tag not in CODE and node.text:
                parts.append(node.text)
        if node.tail and not any(a.tag in CODE for a in node.iterancestors()):
            parts.append(node.tail)
    return "".join(parts)


class Site:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.html = {
            p.relative_to(root).as_posix(): p.read_text("utf-8") for p in root.rglob("*.html")
        }
        self.trees = {name: lxml.html.document_fromstring(text) for name, text in self.html.items()}

    def has(self, *paths: str) -> bool:
        return all((self.root / path).exists() for path in paths)

    def anywhere(self, needle: str) -> bool:
        return any(needle in text for text in self.html.values())

    def unresolved(self, xpath: str) -> list[str]:
        """Pages where a relative address `xpath` finds names a file the site lacks (an
        absolute one, as on the 404 page, depends on where the site is served)."""
        return sorted(
            name
            for name, tree in self.trees.items()
            if any(
                not ((self.root / name).parent / url.split("#")[0]).resolve().is_file()
                for url in tree.xpath(xpath)
                if not url.startswith("/") and "://" not in url
            )
        )

    def pages_with(self, test: Callable[[str, lxml.html.HtmlElement], bool]) -> list[str]:
        return sorted(name for name, tree in self.trees.items() if test(self.html[name], tree))


def search_works(site: Site) -> str | None:
    home = site.trees.get("index.html")
    config = home.find(".//script[@id='__config']") if home is not None else None
    if config is None:
        return "the home page has no search configuration"
    worker = json.loads(config.text or "{}").get("search")
    if worker and not (site.root / worker.split("?")[0]).is_file():
        return f"the search worker {worker} is not in the site"
    if not site.has("search/search_index.json") and not site.has("search.json"):
        return "there is no search index"
    return None


def figures(site: Site) -> str | None:
    left = site.pages_with(lambda text, _: 'src="snippet:' in text)
    if left:
        return f"{len(left)} page(s) show `snippet:` references instead of figures ({left[0]})"
    broken = site.unresolved("//img[contains(@src, 'figures/')]/@src")
    if broken:
        return f"{len(broken)} page(s) show figures that are not in the site ({broken[0]})"
    return None if site.has("figures") else "no figure was drawn"


def maths(site: Site) -> str | None:
    left = site.pages_with(lambda _, tree: bool(RAW_TEX.search(prose(tree))))
    if left:
        return f"{len(left)} page(s) show raw TeX ({left[0]})"
    unstyled = site.unresolved("//link[contains(@href, 'katex')]/@href")
    if unstyled:
        return f"{len(unstyled)} page(s) link a KaTeX stylesheet not in the site ({unstyled[0]})"
    return None if site.anywhere('class="katex') else "no equation was typeset"


def left_in_prose(pattern: str, what: str) -> Callable[[Site], str | None]:
    def check(site: Site) -> str | None:
        left = site.pages_with(lambda _, tree: re.search(pattern, prose(tree)) is not None)
        return f"{len(left)} page(s) show {what} ({left[0]})" if left else None

    return check


def present(what: str, test: Callable[[Site], bool]) -> Callable[[Site], str | None]:
    return lambda site: None if test(site) else what


FEATURES: dict[str, Callable[[Site], str | None]] = {
    "figures": figures,
    "maths": maths,
    "citations": left_in_prose(r"\[@[A-Za-z0-9]", "raw [@key] citations"),
    "equation numbers": left_in_prose(r"\{#eq:", "raw {#eq:...} labels"),
    "wikilinks": left_in_prose(r"\[\[[^\]]+\]\]", "raw [[wikilinks]]"),
    "backlinks": present(
        "no page lists what links to it", lambda s: s.anywhere('class="backlinks"')
    ),
    "glossary": present(
        "no glossary page or term tooltips",
        lambda s: s.has("glossary/index.html") and s.anywhere("<abbr"),
    ),
    "timelines": lambda s: (
        "timeline markers are left in pages"
        if s.anywhere("<!-- timeline:")
        else None
        if s.has("programme/index.html", "members/index.html")
        else "the programme and member pages are missing"
    ),
    "notebooks": present(
        "the notebook page is missing", lambda s: s.has("notebooks/lstm-gradient-lab/index.html")
    ),
    "feeds": present("no RSS/Atom feeds", lambda s: s.has("feed_rss.xml", "feed_atom.xml")),
    "social cards": present("no preview cards", lambda s: s.has("assets/images/social")),
    "page policy": lambda s: (
        None
        if not (left := s.pages_with(lambda text, _: "Content-Security-Policy" not in text))
        else f"{len(left)} page(s) have no Content-Security-Policy ({left[0]})"
    ),
    "search": search_works,
}


# What only the study-wiki plugin makes: under an engine that runs the Markdown
# extensions alone, these are ARCHITECTURE.md's "no" rows.
PLUGIN_ONLY = {
    "backlinks",
    "glossary",
    "timelines",
    "notebooks",
    "feeds",
    "social cards",
    "page policy",
}


def looked_for(plugin: bool) -> list[str]:
    return [name for name in FEATURES if plugin or name not in PLUGIN_ONLY]


def missing(site_dir: Path, plugin: bool = True) -> dict[str, str]:
    site = Site(site_dir)
    return {name: why for name in looked_for(plugin) if (why := FEATURES[name](site)) is not None}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--engine", default="this engine")
    parser.add_argument("--without-plugin", action="store_true")
    args = parser.parse_args(argv)
    plugin = not args.without_plugin
    found = missing(args.site, plugin)
    for name, why in found.items():
        print(f"missing under {args.engine}: {name}: {why}")
    if not found:
        print(f"{args.engine}: every feature is there ({', '.join(looked_for(plugin))})")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
