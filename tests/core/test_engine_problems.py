"""`python -m study_wiki build --engine zensical` fails on each kind of bad input the
site's Markdown extensions meet, with the message the strict MkDocs build gives, and
passes a good site: real builds of the mini project by both engines."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from study_wiki.cli import build_zensical
from study_wiki.core.config_file import plugin_entry
from tests.support.config_edit import edit_yaml
from tests.support.mini_project import build, make_mini_project, ran, write
from tests.support.project import ROOT, build_env

pytestmark = pytest.mark.builds

# WIKI_SNIPPET_TIMEOUT, seconds, for both engines: long enough for a snippet that ends
# on a busy machine; the short one only where the one snippet run sleeps for ever.
TIMEOUT = "10"
SHORT_TIMEOUT = "1"
SNIPPETS = {
    "boom.py": '"""Fails."""\n\n\ndef figure():\n    raise ValueError("일부러 실패")\n',
    "slow.py": '"""Never ends."""\nimport time\n\n\ndef figure():\n    time.sleep(600)\n',
}
GOOD = """\
[[index|데모]] 를 가리킵니다. 폭주는 클리핑으로 막습니다[@pascanu2013].

$$ a = b + c $$ {#eq:sum}

@eq:sum 을 봅니다. 식 $x^2$ 입니다.

![사인 곡선](snippet:demo/wave.py "그림")
"""
# Each kind of bad input, and what its message says.
BAD = {
    "broken wikilink": ("[[없는 페이지]] 를 가리킵니다.", "[[없는 페이지]]: no page has"),
    "unknown citation key": ("인용 [@nokey2099] 입니다.", "'nokey2099' is not in references.bib"),
    "citation without a bibliography": ("인용 [@pascanu2013] 입니다.", "no bibliography"),
    "bad TeX": ("식 $\\frac{a$ 입니다.", "KaTeX cannot typeset"),
    "snippet raises": ("![실패하는 그림](snippet:demo/boom.py)", "ValueError: 일부러 실패"),
    "snippet times out": (
        "![끝나지 않는 그림](snippet:demo/slow.py)",
        f"timed out after {SHORT_TIMEOUT} s",
    ),
    "unknown equation reference": (
        "$$ a = b $$ {#eq:here}\n\n@eq:gone 을 봅니다.",
        "no equation on this page is labelled {#eq:gone}",
    ),
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The mini project with a bibliography and two bad snippets."""
    if build_zensical.environment() is None:
        pytest.skip(f"zensical=={build_zensical.VERSION} is not installable here")
    made = make_mini_project(tmp_path / "project")
    (made / "references.bib").write_bytes((ROOT / "references.bib").read_bytes())
    for name, code in SNIPPETS.items():
        write(made / "snippets" / "demo" / name, code)
    return made


def page(project: Path, body: str) -> None:
    """docs/engine.md: front matter, a heading and `body` (from line 6)."""
    opening = (
        "---\ndescription: 엔진이 나쁜 입력을 알리는지 보는 페이지입니다.\n---\n# 엔진 시험\n\n"
    )
    write(project / "docs" / "engine.md", f"{opening}{body}\n")


def without_plugin(project: Path) -> None:
    """mkdocs.yml with the Markdown extensions alone: nothing is missing under Zensical."""
    edit_yaml(
        project / "mkdocs.yml",
        lambda data: data["plugins"].pop(plugin_entry(data, "study-wiki")[0]),
    )


def zensical_build(project: Path, timeout: str = TIMEOUT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "study_wiki", "build", "--engine", "zensical"],
        cwd=project,
        env=build_env(WIKI_SNIPPET_TIMEOUT=timeout),
        capture_output=True,
        text=True,
        timeout=600,
    )


def problems(output: str) -> list[str]:
    """The problems a build names in the test's page, as `file:line: what: how to fix`."""
    return [
        line.split(" -  ", 1)[1]
        for line in output.splitlines()
        if line.startswith(("ERROR", "WARNING")) and " -  docs/engine.md:" in line
    ]


def test_a_good_page_builds_again_and_again(project: Path) -> None:
    """Also the second time, when Zensical would take every page from its cache."""
    page(project, GOOD)
    without_plugin(project)
    for _ in range(2):
        built = zensical_build(project)
        assert built.returncode == 0, built.stdout + built.stderr
        assert "every feature is there" in built.stdout
        html = (project / "site" / "engine" / "index.html").read_text(encoding="utf-8")
        assert 'class="katex' in html and 'class="eqref"' in html and "citation__ref" in html
        assert (project / "site" / "figures" / "demo" / "wave.svg").is_file()
        assert (project / "site" / "assets" / "katex" / "katex.min.css").is_file()


def test_a_rebuild_names_the_problems_again(project: Path) -> None:
    body, said = BAD["broken wikilink"]
    page(project, body)
    without_plugin(project)
    for _ in range(2):
        built = zensical_build(project)
        assert built.returncode == 1, built.stdout + built.stderr
        assert said in "".join(problems(built.stderr))


@pytest.mark.parametrize("kind", BAD)
def test_bad_input_fails_the_build_with_the_strict_mkdocs_message(project: Path, kind: str) -> None:
    body, said = BAD[kind]
    page(project, body)
    if kind == "citation without a bibliography":
        (project / "references.bib").unlink()
    timeout = SHORT_TIMEOUT if kind == "snippet times out" else TIMEOUT
    mkdocs = build(project, WIKI_SNIPPET_TIMEOUT=timeout)
    assert mkdocs.returncode != 0
    without_plugin(project)
    zensical = zensical_build(project, timeout)
    assert zensical.returncode == 1, zensical.stdout + zensical.stderr
    named = problems(zensical.stderr)
    assert len(named) == 1 and said in named[0], zensical.stderr
    assert named == problems(mkdocs.stderr)
    assert "aborted with 1 problem(s)" in zensical.stderr
    assert "every feature is there" in zensical.stdout  # the failure is the page's alone
    if timeout == SHORT_TIMEOUT:  # the copy's caches held every other snippet and notebook
        assert not ran(mkdocs.stderr) and not ran(zensical.stderr), mkdocs.stderr
