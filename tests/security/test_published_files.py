"""What a pull request can publish: nothing from outside the repository, no script or
page file, no active SVG, no markup from a file name; each a `file: what: fix`."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from study_wiki.published_files import escaping_link, name_problems, suggested_name
from study_wiki.svg_policy import check_svg
from tests.support.mini_project import build, make_mini_project, write

FRONT = "---\ndescription: 파일 이름과 링크를 시험하는 페이지의 설명 문장입니다.\n---\n"
MARKUP_NAME = "<img src=x onerror=alert(1)>"
CANARY = "canary-5f0c2e7d9b"  # a secret in the build's environment
QUOTE_NAME = 'q" onmouseover="window.__p=2" x="'


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory):
    project = make_mini_project(tmp_path_factory.mktemp("published") / "project")
    docs = project / "docs"
    os.symlink("/proc/self/environ", docs / "assets" / "env.txt")
    os.symlink("/etc", docs / "etc")
    os.symlink("/etc/hostname", project / "snippets" / "host.py")
    os.symlink("../../.git/config", docs / "assets" / "git.txt")
    os.symlink("../index.md", docs / "assets" / "inside.md")  # inside: fine
    write(docs / "topics" / f"{MARKUP_NAME}.md", FRONT + "본문입니다.\n")
    write(docs / f"{QUOTE_NAME}.md", FRONT + "본문입니다.\n")
    write(docs / "Twin.md", FRONT + "# 하나\n")
    write(docs / "twin.md", FRONT + "# 둘\n")
    write(docs / "evil.js", "window.__p = 3\n")
    write(docs / "page.html", "<script>window.__p = 4</script>\n")
    write(docs / "feed.xml", "<x/>\n")
    write(
        docs / "assets" / "bad.svg",
        '<svg xmlns="http://www.w3.org/2000/svg">\n<rect width="1" height="1"/>\n'
        "<script>window.__p = 5</script>\n</svg>\n",
    )
    result = build(project, strict=False, WIKI_SEARCH_KO="false", DEPLOY_TOKEN=CANARY)
    assert result.returncode == 0, result.stderr[-3000:]
    return project, result.stderr


@pytest.mark.builds
@pytest.mark.parametrize(
    "message",
    [
        "docs/assets/env.txt: is a link to /proc/",
        "docs/etc: is a link to /etc, outside the repository: copy the file into the "
        "repository instead of linking to it",
        "snippets/host.py: is a link to /etc/hostname, outside the repository",
        "docs/assets/git.txt: is a link to ",
        f"docs/topics/{MARKUP_NAME}.md: the name holds a character that HTML, URLs or "
        "shells give a meaning to: rename it, e.g. to docs/topics/img src=x "
        "onerror=alert(1).md",
        f"docs/{QUOTE_NAME}.md: the name holds a character",
        "docs/twin.md: differs from docs/Twin.md only in case or Unicode normalization",
        "docs/evil.js: would run from the site's own address: the site publishes only the "
        "scripts mkdocs.yml lists under extra_javascript",
        "docs/page.html: would be published as a page that no check reads: write the page "
        "in Markdown (.md) instead",
        "docs/feed.xml: would be published as a page",
        "docs/assets/bad.svg:3: <script>: not a drawing element",
    ],
)
def test_each_problem_names_the_file_and_the_fix(hostile, message: str) -> None:
    _, stderr = hostile
    assert f"ERROR   -  {message}" in stderr, stderr[-4000:]


@pytest.mark.builds
def test_nothing_from_outside_or_active_is_published(hostile) -> None:
    project, stderr = hostile
    site = project / "site"
    published = {p.relative_to(site).as_posix() for p in site.rglob("*")}
    for left_out in ("assets/env.txt", "assets/git.txt", "etc", "evil.js", "page.html"):
        assert left_out not in published
    assert "assets/bad.svg" not in published
    assert "assets/inside.md" not in stderr and "inside" in " ".join(published)
    assert not any(p.startswith("etc/") for p in published)
    secret_free = b"".join(p.read_bytes() for p in site.rglob("*") if p.is_file())
    assert CANARY.encode() not in secret_free


@pytest.mark.builds
def test_file_name_titles_and_edit_links_are_escaped(hostile) -> None:
    """The titles MkDocs takes from file names reach every page's navigation, the page's
    heading and the search index; the edit link carries the name in an attribute."""
    project, _ = hostile
    site = project / "site"
    for page in site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for element in soup.find_all(True):
            handlers = [a for a in element.attrs if a.startswith("on")]
            assert handlers == [], f"{page}: <{element.name} {handlers}>"
    markup_page = site / "topics" / MARKUP_NAME / "index.html"
    soup = BeautifulSoup(markup_page.read_text(encoding="utf-8"), "html.parser")
    assert soup.find("h1").get_text() == MARKUP_NAME
    edit = soup.find("a", attrs={"title": "이 페이지를 편집"})
    assert edit is not None and " " not in edit["href"] and "<" not in edit["href"]
    quote_page = next(site.glob("q*/index.html"))
    edit = BeautifulSoup(quote_page.read_text(encoding="utf-8"), "html.parser").find(
        "a", attrs={"title": "이 페이지를 편집"}
    )
    assert edit["href"].endswith("/docs/q%22%20onmouseover=%22window.__p=2%22%20x=%22.md")
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in index
    assert "<img src=x" not in index


def test_a_link_is_found_by_file_or_by_folder_when_folders_are_kept(tmp_path: Path) -> None:
    """The folders' real paths kept for one pass over many files miss no link."""
    root, outside = tmp_path.resolve() / "repo", tmp_path / "outside"
    (root / "docs" / "notes").mkdir(parents=True)
    outside.mkdir()
    (outside / "secret.txt").write_text("x")
    (root / "docs" / "notes" / "plain.md").write_text("x")
    os.symlink(outside / "secret.txt", root / "docs" / "notes" / "linked.txt")
    os.symlink(outside, root / "docs" / "linked-folder")
    folders: dict[Path, Path] = {}
    for _ in range(2):  # the second pass reads the kept folders
        assert escaping_link(root / "docs" / "notes" / "plain.md", root, folders) is None
        found = escaping_link(root / "docs" / "notes" / "linked.txt", root, folders)
        assert found == str(outside.resolve() / "secret.txt")
        found = escaping_link(root / "docs" / "linked-folder" / "secret.txt", root, folders)
        assert found == str(outside.resolve() / "secret.txt")


@pytest.mark.parametrize(
    ("name", "fixed"),
    [
        ("a<b>.md", "a-b.md"),
        ('x"y.md', "x-y.md"),
        ("노트#1?.md", "노트-1.md"),
        ("<b>.md", "b.md"),
        (" 노트 .md", "노트.md"),
        ("<>.md", "page.md"),
        ("x.md#", "x.md"),
        ("a#b", "a-b"),
        ("100% 확신.md", "100- 확신.md"),
    ],
)
def test_suggested_names_follow_the_rule(name: str, fixed: str) -> None:
    assert suggested_name(name) == fixed
    assert name_problems([f"docs/{fixed}"]) == []


def test_names_that_are_one_file_on_macos_are_twins() -> None:
    nfc = "docs/한글.md"
    nfd = unicodedata.normalize("NFD", nfc)
    found = name_problems([nfc, nfd, "docs/A.md", "docs/a.md", "docs/b.md"])
    assert len([p for p in found if "only in case" in p.message]) == 2


SVGS = {
    "script": b"<script>alert(1)</script>",
    "handler": b'<rect onload="alert(1)"/>',
    "link": b'<a href="javascript:alert(1)"><text>x</text></a>',
    "use other file": b'<use href="https://evil.example/x.svg#a"/>',
    "image other host": b'<image href="https://evil.example/p.png"/>',
    "foreign object": b"<foreignObject><div xmlns='http://www.w3.org/1999/xhtml'/></foreignObject>",
    "animate": b'<animate attributeName="href" values="javascript:alert(1)"/>',
    "style import": b"<style>@import url(https://evil.example/c.css);</style>",
    "fill url": b'<rect fill="url(https://evil.example/x#p)"/>',
}


@pytest.mark.parametrize("inner", SVGS.values(), ids=SVGS.keys())
def test_an_active_svg_is_found(inner: bytes) -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg">\n' + inner + b"\n</svg>"
    found = check_svg(svg)
    assert found and found[0].line == 2


@pytest.mark.builds
def test_the_sites_own_figures_and_assets_are_inert(site: Path) -> None:
    svgs = list(site.rglob("*.svg"))
    assert len(svgs) >= 9
    assert {p.name: check_svg(p.read_bytes()) for p in svgs} == {p.name: [] for p in svgs}


def test_inline_svg_with_entities_or_instructions_is_refused() -> None:
    assert check_svg(b'<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg"/>')
    assert check_svg(
        b'<?xml-stylesheet href="https://e/x.xsl"?><svg xmlns="http://www.w3.org/2000/svg"/>'
    )
    assert re.search("well-formed", str(check_svg(b"<svg")))


PLANTING_SNIPPET = '''\
"""Writes into the repository and reads the build's environment."""
import os
from pathlib import Path

from matplotlib.figure import Figure


def figure() -> Figure:
    root = Path(__file__).resolve().parents[2]
    (root / "docs" / "planted.md").write_text("---\\ndescription: x\\n---\\n# 심은 페이지\\n")
    (root / "docs" / "index.md").write_text("바뀐 첫 페이지")
    fig = Figure(figsize=(2, 1))
    fig.add_subplot().set_title(os.environ.get("DEPLOY_TOKEN", "없음"))
    return fig
'''


@pytest.mark.builds
def test_a_snippet_may_not_write_into_the_repository(tmp_path: Path) -> None:
    project = make_mini_project(tmp_path / "project")
    index = (project / "docs" / "index.md").read_text(encoding="utf-8")
    write(project / "snippets" / "demo" / "plant.py", PLANTING_SNIPPET)
    write(project / "docs" / "plant.md", FRONT + "![심기](snippet:demo/plant.py)\n")
    result = build(project, WIKI_SEARCH_KO="false", DEPLOY_TOKEN=CANARY)
    assert result.returncode != 0
    fix = "contributor code may write only in its own working folder"
    assert f"snippets/demo/plant.py: created docs/planted.md while it ran: {fix}" in (
        result.stderr
    ), result.stderr[-3000:]
    aside = ".wiki-cache/moved-aside/docs/planted.md"
    assert f"it was moved to {aside}; if you made it yourself while the build ran" in (
        result.stderr
    )
    assert "심은 페이지" in (project / aside).read_text(encoding="utf-8")
    assert "snippets/demo/plant.py: changed docs/index.md while it ran" in result.stderr
    assert "restore it (`git checkout -- docs/index.md`)" in result.stderr
    assert not (project / "docs" / "planted.md").exists()
    assert (project / "docs" / "index.md").read_text(encoding="utf-8") != index
    figures = list((project / ".wiki-cache" / "figures").rglob("*.svg"))
    assert figures and all(CANARY.encode() not in f.read_bytes() for f in figures)


ONCE_SNIPPET = '''\
"""Writes into the repository on its first run only, as an author's save would."""
from pathlib import Path

from matplotlib.figure import Figure


def figure() -> Figure:
    marker = Path({marker!r})
    if not marker.exists():
        marker.write_text("ran")
        root = Path(__file__).resolve().parents[2]
        (root / "docs" / "once.md").write_text("# 한 번만 생긴 페이지\\n")
    return Figure(figsize=(2, 1))
'''
PLAIN_SNIPPET = """\
from matplotlib.figure import Figure


def figure() -> Figure:
    return Figure(figsize=(2, 1))
"""


@pytest.mark.builds
def test_a_file_no_single_snippet_makes_again_is_still_reported(tmp_path: Path) -> None:
    """When several snippets ran, each runs again alone to name the one that wrote; a
    file none of them writes again (an author's save during the run looks like that)
    is reported against all of them and kept aside, never dropped in silence."""
    project = make_mini_project(tmp_path / "project")
    once = ONCE_SNIPPET.format(marker=str(tmp_path / "ran-once"))
    write(project / "snippets" / "demo" / "once.py", once)
    write(project / "snippets" / "demo" / "plain.py", PLAIN_SNIPPET)
    figures = "![한 번](snippet:demo/once.py)\n\n![그냥](snippet:demo/plain.py)\n"
    write(project / "docs" / "plant.md", FRONT + figures)
    result = build(project, WIKI_SEARCH_KO="false")
    assert result.returncode != 0
    ran = "snippets/demo/once.py or snippets/demo/plain.py"
    assert f"{ran}: created docs/once.md while it ran" in result.stderr, result.stderr[-3000:]
    assert not (project / "docs" / "once.md").exists()
    kept = project / ".wiki-cache" / "moved-aside" / "docs" / "once.md"
    assert "한 번만 생긴 페이지" in kept.read_text(encoding="utf-8")
