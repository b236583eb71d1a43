"""The KaTeX fonts a page's equations use as it loads, to preload: a font the
stylesheet finds only once the page is laid out arrives after the first paint, and
swapping it in re-wraps the lines around each equation (a layout shift)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from study_wiki.math.deferred import TEMPLATE

# `.katex .mathnormal{font-family:KaTeX_Math;font-style:italic}`: selectors, declarations.
_RULE = re.compile(r"([^{}@]+)\{([^{}]*)\}")
_FAMILY = re.compile(r"font-family:\s*KaTeX_(\w+)")
_CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')
_WAITING = re.compile(re.escape(TEMPLATE) + r".*?</template>", re.S)
# Every equation is set in KaTeX_Main (the `.katex` rule) unless a class says otherwise.
BASE_FONT = "KaTeX_Main-Regular"


def font_name(family: str, declarations: str) -> str:
    """The font file's stem for a family and a rule's weight and style."""
    bold = re.search(r"font-weight:\s*(700|bold)", declarations) is not None
    italic = re.search(r"font-style:\s*italic", declarations) is not None
    variant = ("Bold" if bold else "") + ("Italic" if italic else "")
    return f"KaTeX_{family}-{variant or 'Regular'}"


def fonts_by_classes(css: str) -> dict[frozenset[str], str]:
    """Classes one element carries (`delimsizing size1`) -> the font they select,
    from the stylesheet's rules of the form `.katex .a.b{font-family:KaTeX_…}`."""
    found: dict[frozenset[str], str] = {}
    for selectors, declarations in _RULE.findall(css):
        family = _FAMILY.search(declarations)
        if family is None:
            continue
        for selector in selectors.split(","):
            last = re.split(r"[\s>+~]+", selector.strip())[-1]
            classes = frozenset(part for part in last.split(".")[1:] if part)
            if classes and classes != {"katex"} and not last.startswith(("*", "[")):
                found.setdefault(classes, font_name(family.group(1), declarations))
    return found


def fonts_laid_out(page_html: str, by_classes: dict[frozenset[str], str]) -> list[str]:
    """The fonts the page's typeset equations select as it loads (those waiting in a
    template are put in place later, near the screen, and load their own)."""
    if 'class="katex' not in page_html:
        return []
    laid_out = _WAITING.sub("", page_html)
    if 'class="katex"' not in laid_out and 'class="katex-display"' not in laid_out:
        return []
    fonts = {BASE_FONT}
    for value in set(_CLASS_ATTRIBUTE.findall(laid_out)):
        classes = set(value.split())
        fonts.update(font for needed, font in by_classes.items() if needed <= classes)
    return sorted(fonts)


def preload_links(fonts: Iterable[str], stylesheet_href: str) -> str:
    """`<link rel="preload">` for each font, beside KaTeX's stylesheet at that address."""
    folder = stylesheet_href.rsplit("/", 1)[0]
    return "".join(
        f'<link rel="preload" href="{folder}/fonts/{font}.woff2" as="font" '
        'type="font/woff2" crossorigin>'
        for font in fonts
    )
