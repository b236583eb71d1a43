"""Where each source page of docs/ ends up in the built site."""

from __future__ import annotations

import datetime as dt
from pathlib import Path, PurePosixPath

from bs4 import BeautifulSoup

from study_wiki.notes import scaffold
from tests.support.project import ROOT

DOCS = ROOT / "docs"


def source_pages() -> list[str]:
    pages = [p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")]
    pages += [p.relative_to(DOCS).as_posix() for p in (DOCS / "notebooks").glob("*.py")]
    return sorted(pages)


def front_matter(src_uri: str) -> dict:
    return scaffold.front_matter(DOCS / src_uri)


def page_url(src_uri: str) -> str:
    """Site-relative URL (directory style) of a source page."""
    if src_uri.startswith("daily/posts/"):
        meta = front_matter(src_uri)
        date = meta["date"]
        if not isinstance(date, dt.date):
            date = dt.date.fromisoformat(str(date))
        return f"daily/{date:%Y/%m/%d}/{meta['slug']}/"
    path = PurePosixPath(src_uri)
    if path.stem == "index":
        parent = path.parent.as_posix()
        return "" if parent == "." else parent + "/"
    return path.with_suffix("").as_posix() + "/"


def html_file(site: Path, url: str) -> Path:
    return site / url / "index.html"


def read_soup(file: Path) -> BeautifulSoup:
    return BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")


def soup(site: Path, url: str) -> BeautifulSoup:
    return read_soup(html_file(site, url))


def resolve(from_url: str, href: str) -> str:
    """Site-relative URL that a relative href on page `from_url` points to."""
    href = href.split("#")[0]
    parts = [p for p in (from_url + href).split("/")]
    stack: list[str] = []
    for part in parts[:-1]:
        if part == "..":
            stack.pop()
        elif part not in ("", "."):
            stack.append(part)
    last = parts[-1]
    return "/".join(stack + ([last] if last else [])) + ("/" if not last and stack else "")


def page_types(site: Path) -> dict[str, str]:
    """Page type -> site-relative URL of one built page of that type."""
    posts = sorted(
        p.parent.relative_to(site).as_posix()
        for p in (site / "daily").glob("[0-9][0-9][0-9][0-9]/*/*/*/index.html")
    )
    candidates = {
        "home": "",
        "daily_note": (posts[-1] + "/") if posts else None,
        "daily_index": "daily/",
        "lstm": "topics/lstm/",
        "notebook": "notebooks/lstm-gradient-lab/",
        "tags": "tags/",
        "glossary": "glossary/",
    }
    return {
        key: url
        for key, url in candidates.items()
        if url is not None and (site / url / "index.html").is_file()
    }
