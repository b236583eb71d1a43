"""Draws a page's social card (1200 x 630 PNG) with Pillow and the figures' bundled
font only; text the font has no glyph for is never drawn (`missing_glyphs`)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
BACKGROUND = (40, 53, 147)  # indigo 800, the site's primary colour family
BAND = (63, 81, 181)  # indigo 500
TEXT = (255, 255, 255)
MUTED = (197, 202, 233)  # indigo 100
ELLIPSIS = "…"
COLOURS = 48  # palette size: antialiased text in a few hues stays small
# Fast octree quantisation and zlib level 6: far faster than median cut with
# optimize=True, for a few more bytes.


@dataclass(frozen=True)
class Card:
    """What a card shows: all plain text, already bounded by the caller."""

    site_name: str
    title: str
    description: str
    footer: str  # date and authors
    host: str

    def texts(self) -> list[str]:
        return [self.site_name, self.title, self.description, self.footer, self.host]


@cache
def charmap(font_file: str) -> frozenset[int]:
    """Code points the font file has a glyph for."""
    from matplotlib.ft2font import FT2Font

    return frozenset(FT2Font(font_file).get_charmap())


def missing_glyphs(text: str, font_files: list[Path]) -> list[str]:
    """Characters of `text` (other than whitespace) that a card font cannot draw, once each."""
    maps = [charmap(str(path)) for path in font_files]
    return [
        char
        for char in dict.fromkeys(text)
        if not char.isspace() and any(ord(char) not in found for found in maps)
    ]


def drawable(text: str, font_files: list[Path]) -> str:
    """The text without the characters the fonts lack (the caller has reported them)."""
    bad = set(missing_glyphs(text, font_files))
    return "".join(" " if char.isspace() else char for char in text if char not in bad)


def _split_long(word: str, font, width: int) -> list[str]:
    """A word wider than the line, cut between characters."""
    pieces, current = [], ""
    for char in word:
        if current and font.getlength(current + char) > width:
            pieces.append(current)
            current = char
        else:
            current += char
    return [*pieces, current] if current else pieces


def wrap(text: str, font, width: int, max_lines: int) -> list[str]:
    """Korean-friendly wrapping: break between words (keep-all), cut a word only
    if it alone is wider than the line; the last kept line ends with an ellipsis."""
    words: list[str] = []
    for word in text.split():
        words.extend(_split_long(word, font, width) if font.getlength(word) > width else [word])
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if current and font.getlength(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    if len(lines) <= max_lines:
        return lines
    if max_lines <= 0:
        return []
    kept = lines[:max_lines]
    last = kept[-1]
    while last and font.getlength(last + ELLIPSIS) > width:
        last = last[:-1]
    kept[-1] = last.rstrip() + ELLIPSIS
    return kept


def render(card: Card, font_files: list[Path]) -> bytes:
    """The card as PNG bytes. `font_files` is (regular, bold)."""
    from PIL import Image, ImageDraw, ImageFont

    regular, bold = (str(path) for path in font_files)
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, HEIGHT - 24, WIDTH, HEIGHT), fill=BAND)
    draw.rectangle((MARGIN, 150, MARGIN + 96, 158), fill=MUTED)
    text_width = WIDTH - 2 * MARGIN

    def text(xy, value, font, fill, anchor="la") -> None:
        draw.text(xy, drawable(value, font_files), font=font, fill=fill, anchor=anchor)

    text((MARGIN, 72), card.site_name, ImageFont.truetype(bold, 40), MUTED)

    # Largest title size that fits in three lines; long titles end with an ellipsis.
    for size in (72, 64, 56):
        title_font = ImageFont.truetype(bold, size)
        lines = wrap(drawable(card.title, font_files), title_font, text_width, 3)
        if not lines or not lines[-1].endswith(ELLIPSIS):
            break
    y = 196
    for line in lines:
        text((MARGIN, y), line, title_font, TEXT)
        y += int(title_font.size * 1.3)

    description_font = ImageFont.truetype(regular, 32)
    room = max(0, (HEIGHT - 130 - (y + 20)) // 46)
    for line in wrap(drawable(card.description, font_files), description_font, text_width, room):
        text((MARGIN, y + 20), line, description_font, MUTED)
        y += 46

    footer_font = ImageFont.truetype(regular, 28)
    text((MARGIN, HEIGHT - 70), card.footer, footer_font, MUTED, anchor="ls")
    text((WIDTH - MARGIN, HEIGHT - 70), card.host, footer_font, MUTED, anchor="rs")

    small = image.quantize(colors=COLOURS, method=Image.Quantize.FASTOCTREE)
    buffer = io.BytesIO()
    small.save(buffer, format="PNG", compress_level=6)
    return buffer.getvalue()
