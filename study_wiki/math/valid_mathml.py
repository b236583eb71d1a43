"""Small fixes to KaTeX's output so the Nu HTML checker finds nothing in it: a function
name as a sub- or superscript (`\\sigma_{\\max}`) is two children where `msub`/`msup`
takes one (wrapped in an `<mrow>`); a negative `height` on empty vlist spans is invalid
CSS; `width` on the `<mtd>` padding cells of `\\tag{…}` is not MathML. Browsers render
each the same with the fix."""

from __future__ import annotations

import re

FUNCTION_SCRIPT = re.compile(r"(<mi>[^<]+</mi><mo>\u2061</mo>)(</msub>|</msup>)")
NEGATIVE_HEIGHT = re.compile(r'(<span class="vlist") style="height:-[0-9.]+em;"')
CELL_WIDTH = re.compile(r'<mtd width="[0-9.]+%">')


def fix_mathml(html: str) -> str:
    html = FUNCTION_SCRIPT.sub(r"<mrow>\1</mrow>\2", html)
    html = NEGATIVE_HEIGHT.sub(r"\1", html)
    return CELL_WIDTH.sub("<mtd>", html)
