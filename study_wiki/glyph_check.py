"""Finds text in a figure that no figure font could draw (tofu), from matplotlib's "Glyph N
missing from font(s)" warnings and the font each SVG glyph path names: a glyph from
LastResort, or a font neither bundled nor inside matplotlib, differs between machines."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

GLYPH_ID = re.compile(r'<path id="([^"]+)-([0-9a-f]+)"')
MISSING_WARNING = re.compile(r"Glyph (\d+) \(.*?\) missing from font\(s\)")
LAST_RESORT = "LastResort"


def postscript_names(font_files: Iterable[Path]) -> dict[str, Path]:
    from matplotlib.ft2font import FT2Font

    return {FT2Font(str(path)).postscript_name: path for path in font_files}


def matplotlib_fonts() -> list[Path]:
    import matplotlib

    return sorted(Path(matplotlib.get_data_path(), "fonts", "ttf").glob("*.ttf"))


def allowed_fonts(bundled: Iterable[Path]) -> set[str]:
    """PostScript names of the bundled fonts and of the fonts inside matplotlib."""
    names = postscript_names([*bundled, *matplotlib_fonts()])
    return {name for name in names if LAST_RESORT not in name}


def glyphs(svg: str) -> list[tuple[str, int]]:
    """(font PostScript name, glyph index) of every glyph the SVG defines."""
    return [(font, int(index, 16)) for font, index in GLYPH_ID.findall(svg)]


def foreign_fonts(svg: str, allowed: set[str]) -> set[str]:
    """Fonts that drew part of the figure although they are not part of the project."""
    return {font for font, _ in glyphs(svg) if font not in allowed}


def missing_chars(warning_texts: Iterable[str]) -> list[str]:
    """Characters matplotlib reported as missing from every font, in order, once each."""
    codes = (code for text in warning_texts for code in MISSING_WARNING.findall(text))
    return list(dict.fromkeys(chr(int(code)) for code in codes))


def describe(chars: list[str]) -> str:
    shown = ", ".join(f"'{char}' (U+{ord(char):04X})" for char in chars)
    return f"no glyph for {shown} in the figure fonts"


def describe_foreign(fonts: set[str]) -> str:
    return f"drawn with fonts that are not part of the project: {', '.join(sorted(fonts))}"
