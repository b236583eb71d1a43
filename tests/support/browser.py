"""Debian's Chromium, headless and offline, and a built site served on 127.0.0.1.

Shared by the browser tests and the benchmarks (search recall, latency, maths, Lighthouse).
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlparse

from tests.support.sharing import site_url

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# Where the site is published (site_url's path), as the hosted site serves it: the 404
# page's links are absolute, since it answers any address.
SITE_PATH = urlparse(site_url()).path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    under = "/"

    def translate_path(self, path: str) -> str:
        if self.under != "/" and path.startswith(self.under):
            path = "/" + path[len(self.under) :]
        return super().translate_path(path)

    def log_message(self, format: str, *args: object) -> None:
        pass

    def handle(self) -> None:
        # The browser drops connections it no longer needs (navigation).
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass


def serve(directory: Path, under: str = SITE_PATH) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve `directory` at `under` (a path ending in /) on a free port."""
    under_path = type("Handler", (QuietHandler,), {"under": under})
    handler = functools.partial(under_path, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{under}"


def settle(page, predicate: str, arg: object, seconds: float = 10) -> None:
    """Waits until the JavaScript `predicate(arg)` holds, for at most `seconds`: what a
    page does a frame or a few later (longer on a busy machine). The caller's own
    assertions then say what is wrong if it never held."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(predicate, arg=arg, timeout=seconds * 1000)
    except PlaywrightTimeout:
        pass


# The landing hold of javascripts/reading.js (<html data-landing>), recorded from before
# the jump: it may start and end before a click returns.
LANDING = "document.documentElement.hasAttribute('data-landing')"
RECORD_HOLD = """() => new MutationObserver(() => {
  if (document.documentElement.hasAttribute('data-landing')) window.held = true;
}).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-landing']})"""
# Predicates are functions: a bare expression is run through eval, which the
# pages' Content-Security-Policy refuses.
HELD_AND_RELEASED = f"() => window.held === true && !{LANDING}"
# Chromium's CPU throttling of a slow phone: the page's scripts, style and layout run
# this many times slower.
SLOW_PHONE = 6


def slow_down(page, rate: float = SLOW_PHONE) -> None:
    """Runs `page` as on a slow phone."""
    page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": rate})


def land(page, url: str, seconds: float = 30) -> None:
    """Opens the deep link `url` and waits until the landing hold started and ended."""
    page.add_init_script(f"({RECORD_HOLD})()")
    page.goto(url, wait_until="load")
    page.wait_for_function(HELD_AND_RELEASED, timeout=seconds * 1000)
