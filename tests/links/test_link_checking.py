"""Broken internal links fail the strict build; every built link resolves.

Also tests the external link checker (`python -m study_wiki check-links`) against a
local HTTP server (it is never pointed at the internet here).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from study_wiki.cli import check_links
from tests.support.browser import SITE_PATH
from tests.support.mini_project import build, make_mini_project
from tests.support.project import ROOT, build_env

CHECKER = ROOT / "scripts" / "check_external_links.py"
BROKEN_PAGE = """\
---
description: 깨진 링크 세 가지를 일부러 넣은 시험용 페이지입니다.
---
# 링크 시험

[없는 페이지](missing.md)와 [없는 앵커](index.md#no-such-anchor)를 가리킵니다.

![없는 그림](img/nothere.png)
"""


@pytest.mark.builds
@pytest.mark.slow
def test_broken_links_fail_the_strict_build(tmp_path: Path) -> None:
    project = make_mini_project(tmp_path / "project")
    (project / "docs" / "broken.md").write_text(BROKEN_PAGE, encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    log = result.stdout + result.stderr
    assert (
        "Doc file 'broken.md' contains a link 'missing.md', "
        "but the target is not found among documentation files." in log
    )
    assert (
        "Doc file 'broken.md' contains a link 'index.md#no-such-anchor', "
        "but the doc 'index.md' does not contain an anchor '#no-such-anchor'." in log
    )
    assert (
        "Doc file 'broken.md' contains a link 'img/nothere.png', "
        "but the target is not found among documentation files." in log
    )
    assert "Aborted with 3 warnings in strict mode!" in log


# --- every <a href> and <img src> of a built site points at something real ---


@cache
def _ids(page: Path) -> frozenset[str]:
    document = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    ids = {tag["id"] for tag in document.find_all(id=True)}
    ids |= {tag["name"] for tag in document.find_all("a", attrs={"name": True})}
    return frozenset(ids)


def target_file(site: Path, page: Path, path: str) -> Path:
    prefix = SITE_PATH
    if path.startswith(prefix):
        target = site / path.removeprefix(prefix)
    elif path.startswith("/"):
        return site / "__outside_the_site__"
    else:
        target = page.parent / path
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target.resolve()


def broken_links(site: Path) -> list[str]:
    """`page: href (reason)` for each internal link to a missing file or anchor."""
    problems = []
    for page in sorted(site.rglob("*.html")):
        document = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        refs = [("a", a["href"]) for a in document.find_all("a", href=True)]
        refs += [("img", img["src"]) for img in document.find_all("img", src=True)]
        for tag, ref in refs:
            parts = urlsplit(ref)
            if parts.scheme or parts.netloc or not ref or ref.startswith("#__"):
                continue
            shown = f"{page.relative_to(site)}: <{tag} {ref}>"
            path, anchor = unquote(parts.path), unquote(parts.fragment)
            target = target_file(site, page, path) if path else page
            if not target.is_file():
                problems.append(f"{shown} (no such file)")
            elif anchor and target.suffix == ".html" and anchor not in _ids(target):
                problems.append(f"{shown} (no anchor #{anchor})")
    return problems


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_mini_project(tmp_path_factory.mktemp("links"))
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.mark.builds
@pytest.mark.slow
def test_link_resolver_catches_what_it_should(mini_site: Path, tmp_path: Path) -> None:
    site = Path(shutil.copytree(mini_site, tmp_path / "site"))
    before = broken_links(site)
    page = site / "index.html"
    html = page.read_text(encoding="utf-8").replace(
        "</article>",
        '<a href="nowhere/">x</a><a href="daily/#nope">y</a><img src="a.png"></article>',
    )
    page.write_text(html, encoding="utf-8")
    after = broken_links(site)
    assert [p for p in after if p not in before] == [
        "index.html: <a nowhere/> (no such file)",
        "index.html: <a daily/#nope> (no anchor #nope)",
        "index.html: <img a.png> (no such file)",
    ]


@pytest.mark.builds
@pytest.mark.slow
def test_markdown_pages_have_no_broken_links(mini_site: Path) -> None:
    problems = [p for p in broken_links(mini_site) if not p.startswith("notebooks/")]
    assert problems == []


@pytest.mark.builds
@pytest.mark.slow
def test_notebook_headings_have_working_anchors(mini_site: Path) -> None:
    assert [p for p in broken_links(mini_site) if p.startswith("notebooks/")] == []


@pytest.mark.builds
@pytest.mark.slow
def test_every_internal_link_of_the_real_site_resolves(site: Path) -> None:
    problems = broken_links(site)
    assert not problems, "broken internal links:\n" + "\n".join(problems[:40])


# --- the external link checker (check-links) against a local server ---


def load_checker():
    return check_links


class _Handler(BaseHTTPRequestHandler):
    def _answer(self, body: bool) -> None:
        if self.path == "/no-head" and self.command == "HEAD":
            code = 405
        else:
            code = {"/ok": 200, "/no-head": 200, "/gone": 404}.get(self.path, 404)
        self.send_response(code)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if body:
            self.wfile.write(b"ok")

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def do_GET(self) -> None:
        self._answer(body=True)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_extracts_links_from_markdown_but_not_from_code(tmp_path: Path) -> None:
    checker = load_checker()
    note = tmp_path / "note.md"
    note.write_text(
        "# 제목\n\n[논문](https://arxiv.org/abs/1706.03762)과 "
        "<https://example.org/a>, 그냥 https://example.org/b.\n\n"
        "```python\nurl = 'https://example.org/in-code'\n```\n"
        "![그림](img/local.png) [내부](other.md)\n",
        encoding="utf-8",
    )
    links = checker.markdown_links(note, "note.md")
    assert [(k.line, k.url) for k in links] == [
        (3, "https://arxiv.org/abs/1706.03762"),
        (3, "https://example.org/a"),
        (3, "https://example.org/b"),
    ]


def test_extracts_links_from_html(tmp_path: Path) -> None:
    checker = load_checker()
    page = tmp_path / "index.html"
    page.write_text(
        '<p><a href="../x/">in</a>\n<a href="https://example.org/">out</a>\n'
        '<img src="https://example.org/i.png"><a href="#top">top</a></p>\n',
        encoding="utf-8",
    )
    assert [(k.line, k.url) for k in checker.html_links(page, "index.html")] == [
        (2, "https://example.org/"),
        (3, "https://example.org/i.png"),
    ]


def test_checker_tells_live_from_dead(server: str) -> None:
    checker = load_checker()
    statuses = checker.check_all(
        [f"{server}/ok", f"{server}/no-head", f"{server}/gone", "http://127.0.0.1:9/"],
        timeout=5, workers=4,
    )  # fmt: skip
    assert (statuses[f"{server}/ok"].code, statuses[f"{server}/ok"].dead) == (
        200,
        False,
    )
    assert statuses[f"{server}/no-head"].code == 200  # HEAD refused, GET works
    assert statuses[f"{server}/no-head"].detail == "GET"
    assert (statuses[f"{server}/gone"].code, statuses[f"{server}/gone"].dead) == (
        404,
        True,
    )
    assert statuses["http://127.0.0.1:9/"].dead  # nothing listens on the discard port


def test_checker_cli_prints_file_line_status_and_fails(server: str, tmp_path: Path) -> None:
    note = tmp_path / "note.md"
    note.write_text(f"[살아 있음]({server}/ok)\n\n[죽음]({server}/gone)\n", "utf-8")
    result = subprocess.run(
        [sys.executable, str(CHECKER), str(note), "--timeout", "5"],
        capture_output=True, text=True, cwd=tmp_path, timeout=60,
        env=build_env(NO_PROXY="127.0.0.1", no_proxy="127.0.0.1"),
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert result.stdout == f"note.md:3: 404 {server}/gone\n"
    assert "죽은 링크 1개" in result.stderr
    ok = tmp_path / "ok.md"
    ok.write_text(f"[살아 있음]({server}/ok)\n", "utf-8")
    result = subprocess.run(
        [sys.executable, str(CHECKER), str(ok)],
        capture_output=True, text=True, cwd=tmp_path, timeout=60,
        env=build_env(NO_PROXY="127.0.0.1", no_proxy="127.0.0.1"),
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
