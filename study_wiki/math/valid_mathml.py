"""Small fixes to KaTeX's output so the Nu HTML checker finds nothing in it.

- KaTeX writes a function name used as a sub- or superscript (`\\sigma_{\\max}`)
  as two children, `<mi>max</mi><mo>⁡</mo>`, where MathML's `msub`/`msup` takes
  exactly one: they are wrapped in an `<mrow>` (same rendering, valid MathML).
- KaTeX's HTML has `style="height:-0.51em"` on empty vlist spans: a negative
  height is invalid CSS that browsers drop anyway, so it is dropped here.
- KaTeX lays out `\tag{…}` in MathML with `<mtd width="50%">` padding cells; `width`
  is not a MathML attribute of `mtd` (browsers ignore it), so it is dropped.
"""

from __future__ import annotations

import re

FUNCTION_SCRIPT = re.compile(r"(<mi>[^<]+</mi><mo>\u2061</mo>)(</msub>|</msup>)")
NEGATIVE_HEIGHT = re.compile(r'(<span class="vlist") style="height:-[0-9.]+em;"')
CELL_WIDTH = re.compile(r'<mtd width="[0-9.]+%">')


def fix_mathml(html: str) -> str:
    html = FUNCTION_SCRIPT.sub(r"<mrow>\1</mrow>\2", html)
    html = NEGATIVE_HEIGHT.sub(r"\1", html)
    return CELL_WIDTH.sub("<mtd>", html)
