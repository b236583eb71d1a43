"""Which KaTeX fonts a page preloads: those its equations select as it loads."""

from __future__ import annotations

from study_wiki.math import fonts, katex
from tests.support.project import ROOT

BY_CLASSES = fonts.fonts_by_classes(katex.katex_css(ROOT))
SHIPPED = {font.stem for font in katex.katex_fonts(ROOT)}


def test_the_stylesheets_rules_name_each_font_a_class_selects() -> None:
    assert BY_CLASSES[frozenset({"mathnormal"})] == "KaTeX_Math-Italic"
    assert BY_CLASSES[frozenset({"mathbf"})] == "KaTeX_Main-Bold"
    assert BY_CLASSES[frozenset({"boldsymbol"})] == "KaTeX_Math-BoldItalic"
    assert BY_CLASSES[frozenset({"delimsizing", "size1"})] == "KaTeX_Size1-Regular"
    assert BY_CLASSES[frozenset({"mathbb"})] == "KaTeX_AMS-Regular"
    assert set(BY_CLASSES.values()) <= SHIPPED


def test_an_equation_laid_out_at_load_preloads_its_fonts_and_a_waiting_one_does_not() -> None:
    page = (
        '<span class="katex"><span class="mord mathnormal">x</span></span>'
        '<template class="katex-deferred"><span class="delimsizing size2">(</span></template>'
    )
    assert fonts.fonts_laid_out(page, BY_CLASSES) == ["KaTeX_Main-Regular", "KaTeX_Math-Italic"]
    display = '<span class="katex-display"><span class="katex"><span class="delimsizing size1">'
    assert "KaTeX_Size1-Regular" in fonts.fonts_laid_out(display, BY_CLASSES)


def test_a_page_whose_equations_all_wait_preloads_nothing() -> None:
    page = '<p>글</p><span class="katex katex--deferred"><template class="katex-deferred">'
    page += '<span class="mord mathnormal">x</span></template></span>'
    assert fonts.fonts_laid_out(page, BY_CLASSES) == []
    assert fonts.fonts_laid_out("<p>수식이 없는 페이지</p>", BY_CLASSES) == []


def test_preloads_point_beside_the_stylesheet_as_the_page_links_it() -> None:
    links = fonts.preload_links(["KaTeX_Main-Regular"], "../../assets/katex/katex.min.css")
    assert links == (
        '<link rel="preload" href="../../assets/katex/fonts/KaTeX_Main-Regular.woff2" '
        'as="font" type="font/woff2" crossorigin>'
    )
