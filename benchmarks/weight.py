"""What the LSTM page costs a reader: bytes by kind, KaTeX fonts it needs."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from study_wiki.search.prebuilt import DATA_URI, INDEX_URI

KATEX_FONTS = {
    "": "KaTeX_Main-Regular",
    "mathnormal": "KaTeX_Math-Italic",
    "mathit": "KaTeX_Main-Italic",
    "mathbf": "KaTeX_Main-Bold",
    "boldsymbol": "KaTeX_Math-BoldItalic",
    "mathcal": "KaTeX_Caligraphic-Regular",
    "amsrm": "KaTeX_AMS-Regular",
    "mathbb": "KaTeX_AMS-Regular",
    "mathsf": "KaTeX_SansSerif-Regular",
    "mathtt": "KaTeX_Typewriter-Regular",
    "mathfrak": "KaTeX_Fraktur-Regular",
    "mathscr": "KaTeX_Script-Regular",
    "size1": "KaTeX_Size1-Regular",
    "size2": "KaTeX_Size2-Regular",
    "size3": "KaTeX_Size3-Regular",
    "size4": "KaTeX_Size4-Regular",
}


def katex_fonts(html: str) -> list[str]:
    """The woff2 files a page's KaTeX markup needs (from the classes it uses)."""
    if 'class="katex' not in html:
        return []
    classes = set(re.findall(r'class="([^"]*)"', html))
    words = {word for value in classes for word in value.split()}
    return sorted({font for cls, font in KATEX_FONTS.items() if cls == "" or cls in words})


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def search_weight(site: Path) -> tuple[int, int]:
    """Bytes and gzip bytes of what a reader's first search downloads: the theme's
    search_index.json and the prebuilt index with the documents it points to."""
    files = [site / INDEX_URI, site / DATA_URI]
    data = [path.read_bytes() for path in files if path.is_file()]
    return sum(map(len, data)), sum(map(gz, data))


def page_weight(site: Path, page: str = "topics/lstm/index.html") -> dict[str, int]:
    html_path = site / page
    data = html_path.read_bytes()
    html = data.decode("utf-8")
    svgs = []
    for src in sorted(set(re.findall(r'<img[^>]+src="([^"]+\.svg)"', html))):
        path = (html_path.parent / src).resolve()
        if path.is_file() and "figures" in path.parts:
            svgs.append(path.read_bytes())
    math = []
    if 'class="katex' in html:
        math.append((site / "assets/katex/katex.min.css").read_bytes())
        math += [
            (site / "assets/katex/fonts" / f"{font}.woff2").read_bytes()
            for font in katex_fonts(html)
        ]
    weight = {
        "html": len(data),
        "figures": sum(map(len, svgs)),
        "math_assets": sum(map(len, math)),
        "html_gzip": gz(data),
        "figures_gzip": sum(map(gz, svgs)),
        # woff2 is already compressed; servers send it as is
        "math_assets_gzip": (gz(math[0]) if math else 0) + sum(map(len, math[1:])),
        "figure_count": len(svgs),
    }
    weight["total"] = weight["html"] + weight["figures"] + weight["math_assets"]
    weight["total_gzip"] = weight["html_gzip"] + weight["figures_gzip"] + weight["math_assets_gzip"]
    return weight
