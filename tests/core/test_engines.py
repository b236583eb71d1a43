"""scripts/engine_check.py, the engine table's measure: MkDocs' build of the site has
every feature, Zensical's (`python -m study_wiki build --engine zensical`, as the
successor-preview workflow builds it) has the Markdown extensions' features, with the
same links, equations and figures as MkDocs', and fails naming each feature it lacks;
a page an engine left unprocessed is named feature by feature."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

from study_wiki.cli import build_zensical
from tests.support.project import ROOT, build_env, copy_project

spec = importlib.util.spec_from_file_location("engine_check", ROOT / "scripts" / "engine_check.py")
assert spec is not None and spec.loader is not None
engine_check = importlib.util.module_from_spec(spec)
spec.loader.exec_module(engine_check)

UNPROCESSED = """<!doctype html><html><head><title>x</title></head><body><article>
<p>LSTM <img src="snippet:lstm/gates.py" alt="게이트"> 식 <span class="arithmatex">\\(h_t\\)</span>
[@pascanu2013] 과 [[lstm]] 그리고 $$ a $$ {#eq:cell}</p>
<!-- timeline:latest -->
<pre><code>[[코드 안의 위키 링크]]은 글로 남습니다</code></pre>
</article></body></html>"""


@pytest.mark.builds
def test_mkdocs_builds_every_feature(site: Path) -> None:
    assert engine_check.missing(site) == {}


def test_each_unprocessed_feature_is_named(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(UNPROCESSED, encoding="utf-8")
    found = engine_check.missing(tmp_path)
    assert set(found) == set(engine_check.FEATURES)
    assert "snippet:" in found["figures"] and "raw TeX" in found["maths"]
    assert "[@key]" in found["citations"] and "wikilinks" in found["wikilinks"]
    assert found["timelines"] == "timeline markers are left in pages"
    assert engine_check.main([str(tmp_path), "--engine", "X"]) == 1
    # A configuration without the plugin asks only for what the extensions make.
    without = set(engine_check.missing(tmp_path, plugin=False))
    assert without == set(engine_check.FEATURES) - engine_check.PLUGIN_ONLY


def test_figures_and_stylesheets_missing_from_the_site_are_named(tmp_path: Path) -> None:
    """An engine that reuses a page from its own cache may not write what the page links."""
    (tmp_path / "figures").mkdir()
    (tmp_path / "figures" / "here.svg").write_text("<svg/>", encoding="utf-8")
    page = (
        '<html><head><link rel="stylesheet" href="assets/katex/katex.min.css"></head><body>'
        '<span class="katex">x</span><img src="figures/here.svg" alt="a">'
        '<img src="figures/gone.svg" alt="b"></body></html>'
    )
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    found = engine_check.missing(tmp_path)
    assert found["figures"] == "1 page(s) show figures that are not in the site (index.html)"
    assert found["maths"].startswith("1 page(s) link a KaTeX stylesheet not in the site")
    (tmp_path / "figures" / "gone.svg").write_text("<svg/>", encoding="utf-8")
    (tmp_path / "assets" / "katex").mkdir(parents=True)
    (tmp_path / "assets" / "katex" / "katex.min.css").write_text("", encoding="utf-8")
    assert not {"figures", "maths"} & set(engine_check.missing(tmp_path))


def test_code_is_not_counted_as_unprocessed(tmp_path: Path) -> None:
    page = (
        UNPROCESSED.split("<p>")[0]
        + "<pre><code>[[lstm]] [@key] {#eq:x}</code></pre></body></html>"
    )
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    found = engine_check.missing(tmp_path)
    assert not {"wikilinks", "citations", "equation numbers"} & set(found)


# What only the plugin does: ARCHITECTURE.md's engine table, "no" under Zensical.
PLUGIN_ONLY = engine_check.PLUGIN_ONLY
# What the links extension writes into a page, compared between the two engines.
LINK_MARKS = (
    "//a[contains(@class, 'wikilink') or contains(@class, 'ref') or @data-key]"
    " | //span[contains(@class, '--missing')] | //div[@class='equation']"
    " | //section[@class='bibliography']//li"
)


@pytest.fixture(scope="module")
def zensical_build(
    tmp_path_factory: pytest.TempPathFactory, site: Path
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The site built by `python -m study_wiki build --engine zensical`, as the
    successor-preview workflow builds it, and what the command said."""
    if build_zensical.environment() is None:
        pytest.skip(f"zensical=={build_zensical.VERSION} is not installable here")
    # With the caches of this run's MkDocs build: figures and equations are not redone.
    project = copy_project(tmp_path_factory.mktemp("zensical") / "project")
    built = subprocess.run(
        [sys.executable, "-m", "study_wiki", "build", "--engine", "zensical"],
        cwd=project,
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    return project / "site", built


@pytest.fixture(scope="module")
def zensical_site(zensical_build: tuple[Path, subprocess.CompletedProcess[str]]) -> Path:
    return zensical_build[0]


def per_page(site: Path, xpath: str, describe) -> dict[str, list]:
    """What `xpath` finds on each page of the site, described by `describe`."""
    found = {}
    for path in sorted(site.rglob("*.html")):
        tree = lxml.html.parse(str(path))
        found[path.relative_to(site).as_posix()] = [describe(e) for e in tree.xpath(xpath)]
    return found


def link_mark(e: lxml.html.HtmlElement) -> tuple:
    described = (e.tag, e.get("class"), e.get("href"), e.get("id"), e.get("data-key"))
    return described + (() if e.get("class") == "equation" else (e.text_content().strip(),))


def same_on_shared_pages(ours: dict[str, list], theirs: dict[str, list], least: int) -> None:
    shared = sorted(set(ours) & set(theirs))
    assert sum(len(theirs[page]) for page in shared) >= least
    for page in shared:
        assert theirs[page] == ours[page], page


@pytest.mark.builds
def test_zensical_build_names_each_missing_feature(
    zensical_build: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    """Figures, maths, wikilinks, citations and equation numbers work; what only the
    plugin does fails the build, one message per feature, and nothing else does."""
    site, built = zensical_build
    assert set(engine_check.missing(site)) == PLUGIN_ONLY
    assert built.returncode == 1
    lines = built.stdout.splitlines()
    named = [line.split(": ")[1] for line in lines if line.startswith("missing under Zensical")]
    assert sorted(named) == sorted(PLUGIN_ONLY)
    assert "problem(s)" not in built.stderr


@pytest.mark.builds
def test_zensical_pages_link_as_mkdocs_pages_do(zensical_site: Path, site: Path) -> None:
    """Every page both engines build has the same wikilinks, equation and figure
    references, citations and bibliography, in the same order."""
    ours, theirs = (
        per_page(site, LINK_MARKS, link_mark),
        per_page(zensical_site, LINK_MARKS, link_mark),
    )
    same_on_shared_pages(ours, theirs, 50)


@pytest.mark.builds
def test_zensical_pages_typeset_as_mkdocs_pages_do(zensical_site: Path, site: Path) -> None:
    """Every equation of a page's text (not the plugin's backlinks) is typeset by KaTeX
    as under MkDocs, with KaTeX's stylesheet and fonts in the site and linked."""
    equations = "//article//math[not(ancestor::aside)]"
    ours = per_page(site, equations, lambda e: e.get("alttext"))
    theirs = per_page(zensical_site, equations, lambda e: e.get("alttext"))
    same_on_shared_pages(ours, theirs, 400)
    assert (zensical_site / "assets" / "katex" / "fonts" / "KaTeX_Main-Regular.woff2").is_file()
    for page in (page for page, found in theirs.items() if found):
        html = (zensical_site / page).read_text(encoding="utf-8")
        assert re.search(r'<link rel="stylesheet" href="[./]*assets/katex/katex\.min\.css"', html)


def figure(e: lxml.html.HtmlElement) -> tuple:
    img, caption = e.find(".//img"), e.find(".//figcaption")
    described = tuple(img.get(name) for name in ("src", "alt", "width", "height"))
    return (e.get("id"), *described, "" if caption is None else caption.text_content())


@pytest.mark.builds
def test_zensical_pages_show_the_figures_mkdocs_pages_do(zensical_site: Path, site: Path) -> None:
    """Every figure is drawn, numbered, described and captioned as under MkDocs, its SVG
    in the site and its code listed beside it."""
    figures = "//figure[@class='snippet-figure']"
    ours, theirs = per_page(site, figures, figure), per_page(zensical_site, figures, figure)
    same_on_shared_pages(ours, theirs, 12)
    listings = (
        "//details[contains(summary, '그림을 만든 코드')][.//*[contains(@class, 'highlight')]]"
    )
    for page, found in theirs.items():
        assert len(lxml.html.parse(str(zensical_site / page)).xpath(listings)) == len(found)
        for _, src, *_ in found:
            assert (zensical_site / page).parent.joinpath(src).resolve().is_file(), src
