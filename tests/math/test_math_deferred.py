"""Equations past the article's first blocks: KaTeX HTML in a template, MathML in place."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from study_wiki.math import deferred
from study_wiki.math.katex import KatexRenderer, equation_count, typeset_page
from tests.support.project import ROOT


@pytest.fixture(scope="module")
def renderer(tmp_path_factory: pytest.TempPathFactory):
    katex = KatexRenderer(ROOT, tmp_path_factory.mktemp("katex") / "cache.json")
    yield katex
    katex.close()


def page(blocks: list[str]) -> str:
    return (
        "<html><body><header><p>x</p></header>"
        f'<article class="md-content__inner md-typeset">\n{"".join(blocks)}\n</article>'
        "<footer><p>after</p></footer></body></html>"
    )


def undeferred(typeset: str) -> str:
    return (
        typeset.replace(deferred.TEMPLATE, "")
        .replace("</template>", "")
        .replace(deferred.DEFERRED_INLINE, deferred.INLINE)
    )


@pytest.mark.parametrize(
    ("tex", "display"),
    [
        ("x^2", False),
        (r"\frac{a}{b} \tag{2}", True),
        (r"\begin{aligned}a&=b\\c&=d\end{aligned}", True),
    ],
)
def test_defer_moves_only_the_html_part_into_a_template(renderer, tex, display) -> None:
    typeset = renderer.render(tex, display)
    moved = deferred.defer(typeset, display)
    assert moved != typeset and undeferred(moved) == typeset
    soup = BeautifulSoup(moved, "html.parser")
    katex = soup.select_one(".katex")
    assert katex["class"] == ["katex", "katex--deferred"]
    assert [c.name for c in katex.children] == ["span", "template"]
    assert katex.select_one(":scope > .katex-mathml math") is not None
    assert katex.select_one(":scope > template > .katex-html") is not None


def test_defer_leaves_anything_else_alone() -> None:
    error = '<span class="math-error" role="alert">수식 오류</span>'
    assert deferred.defer(error, False) == error


def test_the_tex_source_is_the_math_alttext(renderer) -> None:
    tex = r'a < b \text{"q"} \& c'
    typeset = renderer.render(tex, False)
    assert "<annotation" not in typeset and "<semantics>" not in typeset
    math = BeautifulSoup(typeset, "html.parser").select_one("math")
    assert math["alttext"] == tex
    assert html.unescape(re.search(r'alttext="([^"]*)"', typeset).group(1)) == tex


def test_first_deferred_offset_is_the_thirteenth_block() -> None:
    blocks = [f"<p>{i}<br>x<img src=a.png></p>\n" for i in range(deferred.FIRST_LAID_OUT)]
    assert deferred.first_deferred_offset(page(blocks)) is None
    blocks += ['<article class="md-post"><p>nested</p></article>\n', "<hr>\n", "<p>last</p>"]
    text = page(blocks)
    offset = deferred.first_deferred_offset(text)
    assert offset is not None and text[offset:].startswith('<article class="md-post">')
    assert deferred.first_deferred_offset("<p>no article</p>") is None


def test_void_and_self_closing_blocks_count_once() -> None:
    blocks = ["<hr>\n", "<br/>\n"] + ["<p>p</p>\n"] * (deferred.FIRST_LAID_OUT - 2) + ["<p>z</p>"]
    text = page(blocks)
    offset = deferred.first_deferred_offset(text)
    assert offset is not None and text[offset:].startswith("<p>z</p>")


def test_comments_raw_text_and_attribute_values_open_no_block() -> None:
    blocks = [
        "<!-- <p>not a block</p> -->\n",
        '<script>if (a<b) document.write("<p><div>")</script>\n',
        "<p title=\"a > b\"><span data-x='</p>'>t</span></p>\n",
    ]
    blocks += ["<p>p</p>\n"] * (deferred.FIRST_LAID_OUT - 2) + ["<p>z</p>"]
    text = page(blocks)
    offset = deferred.first_deferred_offset(text)
    assert offset is not None and text[offset:].startswith("<p>z</p>")


def test_pages_with_few_equations_defer_none() -> None:
    math = '<p><span class="arithmatex">\\(x\\)</span></p>\n'
    few = page([math] * deferred.FEW_EQUATIONS)
    assert deferred.first_deferred_offset(few) is not None
    assert deferred.defer_from(few, equation_count(few)) is None
    many = page([math] * (deferred.FEW_EQUATIONS + 1))
    assert (
        deferred.defer_from(many, equation_count(many))
        == deferred.first_deferred_offset(many)
        is not None
    )


def test_typeset_page_defers_from_the_offset_on(renderer) -> None:
    math = '<p><span class="arithmatex">\\(x_{i}\\)</span></p>\n'
    text = page([math] * (deferred.FIRST_LAID_OUT + 3))
    typeset = typeset_page(
        text, renderer, lambda tex, error: None, deferred.first_deferred_offset(text)
    )
    soup = BeautifulSoup(typeset, "html.parser")
    blocks = soup.select_one("article").find_all(recursive=False)
    waiting = [bool(b.select("template.katex-deferred")) for b in blocks]
    assert waiting == [False] * deferred.FIRST_LAID_OUT + [True] * 3
    assert all(b.select_one(".katex math[alttext]") for b in blocks)


def test_the_number_of_blocks_laid_out_at_once_matches_the_stylesheet() -> None:
    css = (ROOT / "docs" / "stylesheets" / "extra.css").read_text(encoding="utf-8")
    skipped_from = re.search(
        r"\.md-typeset\.lazy-layout > :is\([^)]*\):nth-child\(n \+ (\d+)\)", css
    )
    assert skipped_from is not None
    assert int(skipped_from.group(1)) == deferred.FIRST_LAID_OUT + 1


def test_an_article_is_long_past_its_element_budget() -> None:
    def page(elements: int) -> str:
        body = "<p>a<b>b</b></p>\n" * (elements // 2)
        return f"<html><body>{deferred.ARTICLE}{body}</article><p>after</p></body></html>"

    assert deferred.long_article(page(deferred.LONG_ARTICLE + 2))
    assert not deferred.long_article(page(deferred.LONG_ARTICLE))
    assert not deferred.long_article("<p>no article</p>" * deferred.LONG_ARTICLE)


def test_katex_markup_is_fixed_before_it_is_cached_and_when_read_back(tmp_path: Path) -> None:
    """A function name as a subscript (`\\sigma_{\\max}`) is one MathML child, in the
    equation the renderer returns, in its cache, and in a deferred equation."""
    from study_wiki.math.katex import FUNCTION_SCRIPT

    tex = r"\sigma_{\max}(W)"
    first = KatexRenderer(ROOT, tmp_path / "cache.json")
    typeset = first.render(tex, False)
    first.close()
    assert "<msub><mrow><mi>σ</mi></mrow>" in typeset or "<msub><mi>σ</mi>" in typeset
    assert not FUNCTION_SCRIPT.search(typeset)
    assert not FUNCTION_SCRIPT.search((tmp_path / "cache.json").read_text(encoding="utf-8"))
    again = KatexRenderer(ROOT, tmp_path / "cache.json")
    assert again.render(tex, False) == typeset
    deferred_page = typeset_page(
        page(['<div class="arithmatex">\\[' + tex + "\\]</div>"]), again, lambda *_: None, 0
    )
    again.close()
    assert "<template" in deferred_page and not FUNCTION_SCRIPT.search(deferred_page)
