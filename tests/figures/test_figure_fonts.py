"""Figures read the same on every machine: bundled fonts only, missing glyphs are errors."""

from __future__ import annotations

import base64
import functools
import re
import shutil
from collections.abc import Iterable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fontTools.ttLib import TTFont

from study_wiki.core.paths import CACHE_DIR_NAME
from study_wiki.figure_style import font_paths
from study_wiki.glyph_check import allowed_fonts, glyphs, matplotlib_fonts, postscript_names
from tests.support.mini_project import build, make_mini_project, write
from tests.support.once import kept
from tests.support.project import copy_project, mkdocs_build

pytestmark = pytest.mark.builds

HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
BUNDLED = allowed_fonts([]) ^ allowed_fonts(font_paths())
KNOWN_FONTS = [*font_paths(), *matplotlib_fonts()]


def glyph_chars(svg: str, font_files: Iterable[Path]) -> list[tuple[str, str | None]]:
    """(font, character) of every glyph, for the fonts given; None where unknown."""
    inverse = inverse_charmaps(tuple(font_files))
    return [(font, inverse.get(font, {}).get(index)) for font, index in glyphs(svg)]


@functools.cache
def inverse_charmaps(font_files: tuple[Path, ...]) -> dict[str, dict[int, str]]:
    """Font name -> glyph index -> character."""
    from matplotlib.ft2font import FT2Font

    inverse: dict[str, dict[int, str]] = {}
    for name, path in postscript_names(font_files).items():
        charmap = FT2Font(str(path)).get_charmap()
        inverse[name] = {index: chr(code) for code, index in sorted(charmap.items())}
    return inverse


HANJA_LABEL = '''\
"""A label in Hanja, which the bundled font does not have."""
import numpy as np
from matplotlib.figure import Figure


def figure() -> Figure:
    fig = Figure(figsize=(3, 2))
    ax = fig.add_subplot()
    ax.set_title("기울기 漢字")
    ax.plot(np.arange(3))
    return fig
'''


def figure_svgs(site: Path) -> dict[str, str]:
    """Every figure on the site: snippet SVG files and the notebook's inline SVGs."""
    found = {
        str(path.relative_to(site)): path.read_text(encoding="utf-8")
        for path in sorted((site / "figures").rglob("*.svg"))
    }
    for page in site.rglob("notebooks/*/index.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for number, img in enumerate(soup.select('img[src^="data:image/svg+xml;base64,"]')):
            data = img["src"].split(",", 1)[1]
            found[f"{page.parent.name} #{number}"] = base64.b64decode(data).decode("utf-8")
    return found


def write_impostor(font: Path, impostor: Path) -> None:
    """`font` with every character drawn by another character's glyph: the same
    names and characters, other outlines."""
    opened = TTFont(font)
    for table in opened["cmap"].tables:
        chars = sorted(table.cmap)
        glyph_names = [table.cmap[char] for char in chars]
        table.cmap = dict(zip(chars, glyph_names[1:] + glyph_names[:1], strict=True))
    opened.save(impostor)


def build_on_a_bare_machine(folder: Path) -> None:
    """The site built with an empty matplotlib cache and an impostor of the font installed,
    every figure and notebook drawn anew (the other caches, of what draws no figure, warm).

    The impostor is the same family (Pretendard Regular) with other outlines, in
    the user's font folder where matplotlib looks for system fonts: if anything
    but the bundled file drew the text, the figures' bytes would change.
    """
    home = folder / "home"
    (home / ".fonts").mkdir(parents=True)
    write_impostor(font_paths()[0], home / ".fonts" / "Pretendard-Regular.otf")
    (folder / "mplconfig").mkdir()
    project = copy_project(folder / "project")
    for drawn in (f"{CACHE_DIR_NAME}/figures", f"{CACHE_DIR_NAME}/notebooks", ".cache"):
        shutil.rmtree(project / drawn, ignore_errors=True)
    result = mkdocs_build(
        project,
        folder / "site",
        MPLCONFIGDIR=str(folder / "mplconfig"),
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        WIKI_GIT_DATES="false",
        WIKI_SEARCH_KO="false",  # draws nothing: no Korean analyser to load
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert re.search(r"figures: [1-9]\d* run, 0 cached", result.stderr), "a figure from a cache"
    assert "notebook docs/notebooks/lstm-gradient-lab.py: ran in" in result.stderr
    for made_for_the_build in (project, home, folder / "mplconfig"):
        shutil.rmtree(made_for_the_build)


@pytest.fixture(scope="module")
def site_on_a_bare_machine() -> Path:
    """Built once per state of the checkout, like the real site (tests/support/once.py)."""
    return kept("bare-machine-site", build_on_a_bare_machine) / "site"


def test_every_figure_is_drawn_with_the_bundled_font_or_matplotlibs_own(
    site_on_a_bare_machine: Path,
) -> None:
    svgs = figure_svgs(site_on_a_bare_machine)
    assert len(svgs) >= 7 and any(name.startswith("lstm-gradient-lab") for name in svgs)
    allowed = allowed_fonts(font_paths())
    for name, svg in svgs.items():
        drawn = glyphs(svg)
        assert drawn, f"{name}: no glyphs (text not drawn as paths?)"
        assert not [g for g in drawn if "LastResort" in g[0]], f"{name}: tofu"
        assert {font for font, _ in drawn} <= allowed, name
        chars = glyph_chars(svg, KNOWN_FONTS)
        hangul_fonts = {font for font, char in chars if char and HANGUL.match(char)}
        assert hangul_fonts and hangul_fonts <= BUNDLED, f"{name}: {hangul_fonts}"


def test_figures_are_byte_identical_whatever_fonts_the_machine_has(
    site_on_a_bare_machine: Path, site: Path
) -> None:
    bare = figure_svgs(site_on_a_bare_machine)
    usual = figure_svgs(site)
    assert bare.keys() == usual.keys()
    for name in bare:
        assert bare[name] == usual[name], f"{name} differs between machines"


def test_notebook_figures_are_svg_with_alt_text_from_the_figure(site: Path) -> None:
    page = site / "notebooks" / "lstm-gradient-lab" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    images = soup.select(".jp-OutputArea-output img")
    assert images, "the notebook page shows no figure"
    for img in images:
        assert img["src"].startswith("data:image/svg+xml;base64,")
        assert img["alt"].startswith("그림: ") and "No description" not in img["alt"]
        assert "$" not in img["alt"] and "\\" not in img["alt"]


def test_a_character_no_figure_font_has_fails_the_strict_build(tmp_path: Path) -> None:
    project = make_mini_project(tmp_path / "project")
    write(project / "snippets" / "demo" / "hanja.py", HANJA_LABEL)
    write(
        project / "docs" / "broken.md",
        "---\ndescription: 글꼴에 없는 글자를 쓰는 그림을 시험하는 페이지입니다.\n---\n"
        '# 시험\n\n![한자 그림](snippet:demo/hanja.py "시험")\n',
    )
    result = build(project)
    assert result.returncode != 0
    assert (
        "docs/broken.md:6: figure snippet failed: snippets/demo/hanja.py:9: "
        "no glyph for '漢' (U+6F22), '字' (U+5B57) in the figure fonts "
        '(text "기울기 漢字")'
    ) in result.stderr, result.stderr[-3000:]
    assert not list((project / ".cache").rglob("*hanja*"))


def test_a_notebook_figure_with_a_missing_glyph_names_its_cell(tmp_path: Path) -> None:
    project = make_mini_project(tmp_path / "project")
    notebook = project / "docs" / "notebooks" / "demo.py"
    text = notebook.read_text(encoding="utf-8")
    cell = (
        '\n# %%\nimport matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.title("漢字")\nplt.show()\n'
    )
    notebook.write_text(text + cell, encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    line = len(text.splitlines()) + 3
    assert (
        f"docs/notebooks/demo.py:{line}: notebook cell failed: "
        "no glyph for '漢' (U+6F22), '字' (U+5B57) in the figure fonts"
    ) in result.stderr, result.stderr[-3000:]
