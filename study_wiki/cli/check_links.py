"""`python -m study_wiki check-links`: links to other sites, each asked once (needs the network)."""

from __future__ import annotations

import argparse
import re
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from study_wiki.core.paths import CHECKOUT, Project
from study_wiki.masking import mask_code

USER_AGENT = "study-wiki-link-check/1.0 (+https://github.com/nlp-study-team/study-wiki)"
# Servers that refuse HEAD (or robots) often answer GET properly.
RETRY_WITH_GET = {400, 403, 404, 405, 429, 500, 501, 503}
MD_URL = re.compile(r"""(?<![\w/])(https?://[^\s<>()\[\]"'`]+)""")
TRAILING = ".,;:!?'\""


@dataclass(frozen=True)
class Link:
    file: str
    line: int
    url: str


@dataclass(frozen=True)
class Status:
    url: str
    code: int | None  # HTTP status, None when no answer
    detail: str

    @property
    def dead(self) -> bool:
        return self.code is None or (self.code >= 400 and self.code != 429)


def markdown_links(path: Path, shown: str) -> list[Link]:
    """URLs in Markdown text, outside code and comments."""
    text = mask_code(path.read_text(encoding="utf-8"))
    return [
        Link(shown, text.count("\n", 0, match.start()) + 1, match.group(1).rstrip(TRAILING))
        for match in MD_URL.finditer(text)
    ]


class _HrefParser(HTMLParser):
    ATTRIBUTES = {"a": "href", "img": "src", "source": "src", "iframe": "src"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = self.ATTRIBUTES.get(tag)
        for name, value in attrs:
            if name == wanted and value and value.strip().startswith(("http://", "https://")):
                self.found.append((self.getpos()[0], value.strip()))


def html_links(path: Path, shown: str) -> list[Link]:
    parser = _HrefParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return [Link(shown, line, url) for line, url in parser.found]


def collect(paths: list[Path], excludes: list[re.Pattern[str]]) -> list[Link]:
    links: list[Link] = []
    for top in paths:
        files = sorted(top.rglob("*")) if top.is_dir() else [top]
        for path in files:
            shown = Project.at(Path.cwd()).shown(path)
            if path.suffix == ".md":
                links += markdown_links(path, shown)
            elif path.suffix == ".html":
                links += html_links(path, shown)
    return [k for k in links if not any(p.search(k.url) for p in excludes)]


def _ask(url: str, method: str, timeout: float) -> int:
    request = urllib.request.Request(
        url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            if method == "GET":
                response.read(1024)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def check_url(url: str, timeout: float = 10.0) -> Status:
    """HEAD first; GET when HEAD fails or is refused."""
    try:
        code = _ask(url, "HEAD", timeout)
        if code not in RETRY_WITH_GET:
            return Status(url, code, "HEAD")
    except (urllib.error.URLError, OSError, ValueError):
        pass
    try:
        return Status(url, _ask(url, "GET", timeout), "GET")
    except urllib.error.URLError as error:
        return Status(url, None, str(error.reason))
    except (OSError, ValueError) as error:
        return Status(url, None, str(error) or type(error).__name__)


def check_all(urls: list[str], timeout: float, workers: int) -> dict[str, Status]:
    unique = sorted(set(urls))
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        statuses = pool.map(lambda u: check_url(u, timeout), unique)
        return dict(zip(unique, statuses, strict=True))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="외부 링크 검사: docs/의 Markdown이나 빌드된 site/의 HTML에서 "
        "다른 사이트로 가는 링크를 모두 열어 보고, "
        "죽은 링크를 파일:줄과 함께 알려 줍니다."
    )
    parser.add_argument("paths", nargs="*", type=Path, help="검사할 파일이나 폴더 (기본값: docs)")
    parser.add_argument("--timeout", type=float, default=10.0, help="요청당 초 (기본 10)")
    parser.add_argument("--workers", type=int, default=8, help="동시 요청 수 (기본 8)")
    parser.add_argument(
        "--exclude", action="append", default=[], metavar="REGEX",
        help="이 정규식에 맞는 URL은 건너뜀 (여러 번 쓸 수 있음)",
    )  # fmt: skip
    parser.add_argument("-v", "--verbose", action="store_true", help="살아 있는 링크도 출력")
    args = parser.parse_args(argv)

    paths = args.paths or [CHECKOUT / "docs"]
    missing = [p for p in paths if not p.exists()]
    if missing:
        parser.error(f"없는 경로: {', '.join(map(str, missing))}")
    links = collect(paths, [re.compile(e) for e in args.exclude])
    statuses = check_all([k.url for k in links], args.timeout, args.workers)

    for link in sorted(links, key=lambda k: k.url):  # by URL, each URL's in the files' order
        status = statuses[link.url]
        if status.dead or args.verbose:
            shown = status.code if status.code is not None else f"error ({status.detail})"
            print(f"{link.file}:{link.line}: {shown} {link.url}")
    dead = sum(status.dead for status in statuses.values())
    print(
        f"외부 링크 {len(statuses)}개 검사 ({len(links)}곳), 죽은 링크 {dead}개",
        file=sys.stderr,
    )
    return 1 if dead else 0
