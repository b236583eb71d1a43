"""Browser fixtures (a plugin of tests/conftest.py): the strictly built site served on
127.0.0.1, one Chromium."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, serve
from tests.support.project import ROOT

ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def built_site(request: pytest.FixtureRequest) -> Path:
    """The strict session build; WIKI_BROWSER_SITE=DIR reuses a built site instead
    (for iterating on these tests only)."""
    prebuilt = os.environ.get("WIKI_BROWSER_SITE")
    if prebuilt:
        return Path(prebuilt)
    return request.getfixturevalue("site")


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> Iterator[str]:
    server, url = serve(built_site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class Watched:
    """A page that records console errors and blocks requests to other hosts."""

    def __init__(self, page, base_url: str) -> None:
        self.page = page
        self.console_errors: list[str] = []
        self.foreign_requests: list[str] = []
        host = urlsplit(base_url).hostname
        page.on(
            "console",
            lambda m: self.console_errors.append(m.text) if m.type == "error" else None,
        )
        page.on("pageerror", lambda e: self.console_errors.append(str(e)))

        def route(r) -> None:
            url = r.request.url
            if url.startswith(("data:", "blob:")) or urlsplit(url).hostname == host:
                r.continue_()
            else:
                self.foreign_requests.append(url)
                r.abort()

        page.route("**/*", route)

    def reset(self) -> None:
        self.console_errors.clear()
        self.foreign_requests.clear()


@pytest.fixture
def watched(browser, base_url: str) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield Watched(page, base_url)
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
