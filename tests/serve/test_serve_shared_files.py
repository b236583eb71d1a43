"""`make serve` re-renders after a change to a file many pages show, keeps answering
while any input is broken, and shows the error on the page."""

from __future__ import annotations

import subprocess
import textwrap
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.support.mini_project import (
    glossary_entry,
    make_mini_project,
    serving,
    wait_for_page,
    write,
)

pytestmark = pytest.mark.builds

POST = textwrap.dedent("""\
    ---
    date: 2021-09-20
    authors:
      - team
    tags:
      - RNN
    slug: shared
    description: 공유 파일이 바뀌면 다시 그려져야 하는 글입니다.
    ---
    # 공유 입력

    RNN 을 설명합니다.
    """)


# The shared server, as `serving` yields it, with its project and log.
Served = tuple[Path, str, subprocess.Popen, Path]
POST_PATH = "docs/daily/posts/2021-09-20-shared.md"
BIB = "@misc{pascanu2013,\n  title = {On the difficulty},\n}\n"
# Every file a test below writes: each test starts from them as they are here.
WRITTEN = (
    POST_PATH,
    "docs/index.md",
    "docs/daily/.authors.yml",
    "docs/.nav.yml",
    "includes/glossary.yml",
    "references.bib",
    "snippets/demo/wave.py",
)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One `make serve` of the mini project with a post and a bibliography, shared by
    the tests (each leaves the files as it found them, see `server`)."""
    folder = tmp_path_factory.mktemp("shared-files")
    project = make_mini_project(folder / "project")
    write(project / POST_PATH, POST)
    write(project / "references.bib", BIB)
    log = folder / "serve.log"
    with serving(project, log) as (home, server):
        yield project, home, server, log


@pytest.fixture
def server(served) -> Iterator[Served]:
    """The shared server, its project's files put back after the test and served again."""
    project, home, process, log = served
    saved = {name: (project / name).read_bytes() for name in WRITTEN if (project / name).exists()}
    post = f"{home}daily/2021/09/20/shared/"
    wait_for_page(post, lambda html: "순환 신경망" in html and not error_box(html), log=log)
    yield served
    for name in WRITTEN:
        path = project / name
        if name not in saved:
            path.unlink(missing_ok=True)
        elif not path.exists() or path.read_bytes() != saved[name]:
            path.write_bytes(saved[name])
    wait_for_page(
        post,
        lambda html: "순환 신경망" in html and "NLP 스터디 팀" in html and not error_box(html),
        what="the files put back",
        log=log,
    )
    wait_for_page(home, lambda html: "틀린 수식" not in html and not error_box(html), log=log)


@pytest.mark.slow
def test_serve_re_renders_after_authors_includes_and_bad_heading(server) -> None:
    project, home, process, log = server
    authors = project / "docs" / "daily" / ".authors.yml"
    glossary = project / "includes" / "glossary.yml"
    post = f"{home}daily/2021/09/20/shared/"
    wait_for_page(post, lambda html: "순환 신경망" in html and "NLP 스터디 팀" in html)

    write(glossary, glossary_entry("재귀 신경망"))
    wait_for_page(post, lambda html: "재귀 신경망" in html, timeout=60)

    write(authors, authors.read_text(encoding="utf-8").replace("NLP 스터디 팀", "새 팀 이름"))
    wait_for_page(post, lambda html: "새 팀 이름" in html, timeout=60)

    index = project / "docs" / "index.md"
    write(index, index.read_text(encoding="utf-8") + "\n## 틀린 수식 $\\frac{1$ 제목\n")
    wait_for_page(home, lambda html: "math-error" in html, timeout=60)
    write(index, index.read_text(encoding="utf-8").replace("\\frac{1$", "\\frac{1}{2}$"))
    wait_for_page(home, lambda html: "math-error" not in html and "틀린 수식" in html)
    assert process.poll() is None


def error_box(html: str) -> str:
    """The text of the page's build-error box ("" when it has none)."""
    box = BeautifulSoup(html, "html.parser").select_one(".build-error")
    return box.get_text(" ") if box else ""


def answers(url: str) -> str:
    with urllib.request.urlopen(url, timeout=20) as response:
        return response.read().decode("utf-8")


# (file, broken text or bytes, text the error box must hold)
BREAKAGES = [
    (
        "docs/daily/posts/2021-09-20-shared.md",
        POST.replace("  - RNN\n", "  - [RNN\n"),
        "docs/daily/posts/2021-09-20-shared.md:6: front matter: is not valid YAML",
    ),
    (
        "docs/daily/posts/2021-09-20-shared.md",
        POST.replace("date: 2021-09-20", "date: 어제"),
        "docs/daily/posts/2021-09-20-shared.md:2: front matter field 'date': '어제' is not a date",
    ),
    (
        "docs/daily/posts/2021-09-20-shared.md",
        POST.encode("euc-kr"),
        "docs/daily/posts/2021-09-20-shared.md:8: is not UTF-8 text",
    ),
    (
        "docs/daily/posts/2021-09-20-shared.md",
        POST + '--8<-- "nowhere.md"\n',
        f"docs/daily/posts/2021-09-20-shared.md:{POST.count(chr(10)) + 1}: includes nowhere.md",
    ),
    (
        "docs/daily/.authors.yml",
        "authors:\n  team: " + "[" * 3000 + "]" * 3000 + "\n",
        "docs/daily/.authors.yml:2: is nested more than 20 levels deep",
    ),
    (
        "includes/glossary.yml",
        "- ko: 순환 신경망\n  en: [recurrent\n",
        "includes/glossary.yml:2: is not valid YAML",
    ),
    (
        "includes/glossary.yml",
        glossary_entry("순환 신경망").encode("euc-kr"),
        "includes/glossary.yml:1: is not UTF-8 text",
    ),
    ("docs/.nav.yml", "nav: [daily\n", "docs/.nav.yml:1: is not valid YAML"),
    (
        "references.bib",
        "@misc{pascanu2013,\n  title = {On the difficulty},\n  year = {2013}\n",
        "references.bib:",
    ),
    (
        "snippets/demo/wave.py",
        "def figure(:\n",
        "figure snippet failed: snippets/demo/wave.py:1: SyntaxError",
    ),
]


@pytest.mark.slow
def test_serve_keeps_answering_and_shows_each_input_error(server) -> None:
    project, home, process, log = server
    post = f"{home}daily/2021/09/20/shared/"
    wait_for_page(post, lambda html: "순환 신경망" in html and not error_box(html), log=log)
    for step, (name, broken, expected) in enumerate(BREAKAGES):
        what = f"breakage {step} of {name}"
        path = project / name
        good = path.read_bytes() if path.exists() else None
        if isinstance(broken, bytes):
            path.write_bytes(broken)
        else:
            write(path, broken)
        page = home if name.startswith("snippets/") else post
        html = wait_for_page(
            page,
            lambda html, e=expected: e in error_box(html),
            timeout=60,
            what=f"{what}: the error box holding {expected!r}",
            log=log,
        )
        assert "<h1" in html and "&lt;h" not in html  # the page itself, not escaped
        # The other pages answer meanwhile.
        assert "<html" in answers(post if page == home else home)
        if good is None:
            path.unlink()
        else:
            path.write_bytes(good)
        wait_for_page(
            page,
            lambda html: not error_box(html),
            timeout=60,
            what=f"{what} fixed: no error box",
            log=log,
        )
    assert process.poll() is None
