"""A project as a Windows or macOS laptop writes it builds the site Linux builds, with the
same cache keys: CRLF line ends and a byte-order mark in every file a contributor
edits, a page named in decomposed Unicode (NFD, as macOS writes Korean names), a figure
named with a backslash (study_wiki/core/portable.py)."""

from __future__ import annotations

import unicodedata
from pathlib import Path, PureWindowsPath

import pytest

from study_wiki.cli.new_note import main as new_note
from study_wiki.core.portable import portable_path, source_key, source_text
from tests.support.mini_project import build, make_mini_project, write
from tests.support.project import snapshot

TOPIC = "순환-신경망"
TOPIC_PAGE = """\
---
description: 순환 신경망을 정리한 주제 페이지입니다. 이름이 한글인 파일입니다.
---
# 순환 신경망

은닉 상태 $h_t$를 다음 시점에 다시 넣습니다.
"""


def crlf_and_bom(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_bytes(("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8"))


def laptop_project(root: Path, *, windows: bool, macos: bool) -> Path:
    project = make_mini_project(root)
    args = ["--root", str(project), "--date", "2021-09-20", "--author=team", "--title", "RNN"]
    assert new_note(args) == 0
    name = unicodedata.normalize("NFD" if macos else "NFC", TOPIC)
    write(project / "docs" / f"{name}.md", TOPIC_PAGE)
    index = project / "docs" / "index.md"
    figure = "snippet:demo\\wave.py" if windows else "snippet:demo/wave.py"
    text = index.read_text(encoding="utf-8").replace("snippet:demo/wave.py", figure)
    write(index, text + f"\n[순환 신경망 정리]({TOPIC}.md)\n")
    if windows:
        edited = [project / "includes" / "glossary.yml", project / "docs/daily/.authors.yml"]
        edited += [*(project / "docs").rglob("*.md"), *(project / "snippets").rglob("*.py")]
        edited += [project / "docs" / "notebooks" / "demo.py"]
        for path in edited:
            crlf_and_bom(path)
    return project


def cache_keys(project: Path) -> set[str]:
    cache = project / ".wiki-cache"
    return {p.relative_to(cache).as_posix() for p in cache.glob("*/*.json")}


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("portable")
    linux = laptop_project(root / "linux", windows=False, macos=False)
    laptop = laptop_project(root / "laptop", windows=True, macos=True)
    assert any(
        unicodedata.is_normalized("NFD", p.name) and not p.name.isascii()
        for p in (laptop / "docs").iterdir()
    )
    for project in (linux, laptop):
        result = build(project, WIKI_SEARCH_KO="false")
        assert result.returncode == 0, result.stderr[-3000:]
    return linux, laptop


@pytest.mark.builds
def test_the_laptop_project_builds_the_same_site_byte_for_byte(builds) -> None:
    linux, laptop = builds
    expected, got = snapshot(linux / "site"), snapshot(laptop / "site")
    assert sorted(got) == sorted(expected)
    assert f"{TOPIC}/index.html" in got  # the NFC URL
    different = sorted(name for name in expected if got[name] != expected[name])
    assert different == []


@pytest.mark.builds
def test_the_laptop_project_has_the_same_cache_keys(builds) -> None:
    linux, laptop = builds
    keys = cache_keys(linux)
    assert any(k.startswith("figures/") for k in keys)
    assert any(k.startswith("notebooks/") for k in keys), keys
    assert cache_keys(laptop) == keys


def test_names_and_sources_are_read_as_linux_writes_them() -> None:
    assert portable_path(PureWindowsPath(r"snippets\nn\lstm.py")) == "snippets/nn/lstm.py"
    assert portable_path("nn\\lstm.py") == "nn/lstm.py"
    assert portable_path(unicodedata.normalize("NFD", "순환.md")) == "순환.md"
    assert source_text("\ufeff# 제목\r\n본문\r\n".encode()) == "# 제목\n본문\n"
    assert source_key(b"\xef\xbb\xbfx = 1\r\n") == source_key(b"x = 1\n") == b"x = 1\n"
    assert source_key(b"\xff\xfe") == b"\xff\xfe"  # not UTF-8: kept as it is
