"""Helpers shared by the feed and social card tests: the site's URL and its pages."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import yaml

from tests.support.project import ROOT


def site_url() -> str:
    for line in (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith("site_url:"):
            return line.split(":", 1)[1].strip()
    raise AssertionError("mkdocs.yml has no site_url")


def local_file(site: Path, url: str, base: str) -> Path:
    """The built file an absolute URL of the site points to."""
    assert url.startswith(base), f"{url} is not under {base}"
    path = unquote(url[len(base) :])
    return site / (path + "index.html" if path.endswith("/") or not path else path)


def html_pages(site: Path) -> list[Path]:
    """Every page of the site (the 404 page is a template, not a page)."""
    return sorted(p for p in site.rglob("index.html") if p.parent.name != "search")


def page_url(site: Path, html: Path, base: str) -> str:
    relative = html.parent.relative_to(site).as_posix()
    return base + ("" if relative == "." else relative + "/")


def authors(root: Path = ROOT) -> dict[str, str]:
    data = yaml.safe_load((root / "docs/daily/.authors.yml").read_text(encoding="utf-8"))
    return {key: value["name"] for key, value in data["authors"].items()}
