"""The site builds strictly, every page is published and reachable, nothing is external."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from tests.support.browser import SITE_PATH
from tests.support.sharing import local_file
from tests.support.site_pages import html_file, page_url, read_soup, resolve, soup, source_pages

REQUEST_ATTRIBUTES = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "embed": "src",
}
# <link> relations that make the browser fetch something (canonical, alternate do not).
FETCHING_LINKS = {"stylesheet", "preload", "modulepreload", "prefetch", "icon", "manifest"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)""")
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?['"]?([^'");]+)""")


def is_other_host(url: str) -> bool:
    parsed = urlparse(url.strip())
    return bool(parsed.netloc) or parsed.scheme not in ("", "data")


@pytest.mark.parametrize("src_uri", source_pages())
def test_every_page_is_published(site: Path, src_uri: str) -> None:
    assert html_file(site, page_url(src_uri)).is_file(), f"{src_uri} was not built"


def reached_through_navigation(site: Path) -> set[str]:
    """Every page a reader reaches from the home page by the menu alone: each page's
    menu holds only its open sections' entries (navigation.prune), so follow them."""
    reached, todo = {""}, [""]
    while todo:
        url = todo.pop()
        nav = soup(site, url).select_one("nav.md-nav--primary")
        assert nav is not None, f"/{url} has no menu"
        for a in nav.select("a.md-nav__link[href]"):
            target = resolve(url, a["href"])
            if target not in reached and html_file(site, target).is_file():
                reached.add(target)
                todo.append(target)
    return reached


def test_every_page_is_in_the_navigation(site: Path) -> None:
    in_nav = reached_through_navigation(site)
    # A day's parts are reached from their timelines (CONTRIBUTING.md, "하루 노트의 구조").
    timelines = {"daily/posts/": "daily/", "peer-sessions/": "peer-sessions/",
                 "retrospectives/": "retrospectives/"}  # fmt: skip
    listed = {
        folder: {resolve(url, a["href"]) for a in soup(site, url).select("article a[href]")}
        for folder, url in timelines.items()
    }
    missing = []
    for src_uri in source_pages():
        url = page_url(src_uri)
        folder = next((f for f in timelines if src_uri.startswith(f)), None)
        day_part = folder and not src_uri.endswith("index.md")
        reachable = listed[folder] if day_part else in_nav
        if url not in reachable:
            missing.append(f"{src_uri} -> /{url}")
    assert not missing, "pages missing from the navigation:\n" + "\n".join(missing)


def test_no_page_fetches_from_another_host(site: Path) -> None:
    offenders = []
    for page in sorted(site.rglob("*.html")):
        document = read_soup(page)
        for tag, attribute in REQUEST_ATTRIBUTES.items():
            for element in document.find_all(tag):
                if element.get(attribute) and is_other_host(element[attribute]):
                    offenders.append(f"{page.relative_to(site)}: <{tag} {element[attribute]}>")
        for link in document.find_all("link", href=True):
            if FETCHING_LINKS & set(link.get("rel", [])) and is_other_host(link["href"]):
                offenders.append(f"{page.relative_to(site)}: <link {link['href']}>")
        for style in document.find_all("style"):
            for url in CSS_URL.findall(style.text) + CSS_IMPORT.findall(style.text):
                if is_other_host(url):
                    offenders.append(f"{page.relative_to(site)}: <style> {url}")
    assert not offenders, "requests to other hosts:\n" + "\n".join(offenders[:20])


def site_file(site: Path, page: Path, href: str) -> Path:
    """The file a link of `page` points at, as the hosted site resolves it (the 404
    page's links are absolute, since it answers any address)."""
    return local_file(site, urljoin(SITE_PATH + page.relative_to(site).as_posix(), href), SITE_PATH)


def test_every_document_has_a_language_title_description_and_icon(site: Path) -> None:
    """What search engines and browser tabs show of any HTML file a reader can open,
    a code listing's own file included; without an icon of the site's own the browser
    asks the host for /favicon.ico, which is not the site's (a 404 in the console)."""
    offenders = []
    for page in sorted(site.rglob("*.html")):
        document = read_soup(page)
        name = page.relative_to(site).as_posix()
        description = document.find("meta", attrs={"name": "description"})
        icon = document.find("link", rel="icon", href=True)
        problems = [
            "no lang" if not (document.html and document.html.get("lang")) else "",
            "no title" if not (document.title and document.title.text.strip()) else "",
            "no description"
            if not (description and description.get("content", "").strip())
            else "",
            "no icon" if icon is None else "",
            "icon missing" if icon and not site_file(site, page, icon["href"]).is_file() else "",
        ]
        offenders += [f"{name}: {problem}" for problem in problems if problem]
    assert not offenders, "\n".join(offenders[:20])


def test_the_404_page_is_in_korean_and_leads_home(site: Path) -> None:
    page = site / "404.html"
    article = read_soup(page).select_one("article")
    assert article is not None and "페이지를 찾을 수 없습니다" in article.h1.text
    home = [site_file(site, page, a["href"]) for a in article.select("a[href]")]
    assert home and all(target.samefile(site / "index.html") for target in home)


def test_every_footer_credits_the_theme_in_korean(site: Path) -> None:
    footers = {
        page.relative_to(site).as_posix(): " ".join(credit.text.split())
        for page in sorted(site.rglob("*.html"))
        if (credit := read_soup(page).select_one(".md-copyright"))
    }
    assert len(footers) > 20
    assert set(footers.values()) == {"Material for MkDocs로 만들었습니다"}


def test_no_stylesheet_fetches_from_another_host(site: Path) -> None:
    stylesheets = sorted(site.rglob("*.css"))
    assert stylesheets, "the site has no CSS at all"
    offenders = []
    for css in stylesheets:
        text = css.read_text(encoding="utf-8")
        for url in CSS_URL.findall(text) + CSS_IMPORT.findall(text):
            if is_other_host(url):
                offenders.append(f"{css.relative_to(site)}: {url}")
            elif not url.startswith(("data:", "#")):
                target = (css.parent / url.split("?")[0].split("#")[0]).resolve()
                if not target.exists():
                    offenders.append(f"{css.relative_to(site)}: missing {url}")
    assert not offenders, "\n".join(offenders[:20])


def test_theme_does_not_use_google_fonts(site: Path) -> None:
    home = html_file(site, "").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in home and "fonts.gstatic" not in home
    assert 'lang="ko"' in home


def test_the_print_stylesheet_does_not_hold_up_the_first_paint(site: Path) -> None:
    # stylesheets/print.css has only @media print rules: linked for print, the browser
    # paints without waiting for it (the print view is tests/site/test_print_browser.py).
    offenders = []
    for page in sorted(site.rglob("*.html")):
        document = read_soup(page)
        sheets = document.find_all("link", rel="stylesheet")
        if not sheets:
            continue
        media = [link.get("media") for link in sheets if link["href"].endswith("/print.css")]
        if media != ["print"]:
            offenders.append(f"{page.relative_to(site)}: {media}")
    assert not offenders, "\n".join(offenders[:20])
