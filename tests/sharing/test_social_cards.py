"""Every page has a preview card: Open Graph and Twitter tags, and a small PNG with no tofu."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

from bs4 import BeautifulSoup
from PIL import Image

from study_wiki.figure_style import font_paths
from study_wiki.social.card import HEIGHT, WIDTH, Card, missing_glyphs, render
from tests.support.sharing import html_pages, local_file, page_url, site_url

BASE = site_url()
REQUIRED = ("og:title", "og:description", "og:url", "og:image", "twitter:card")
MAX_BYTES = 60_000
FONTS = font_paths()


def card_tags(html: Path) -> dict[str, str]:
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml")
    tags = {}
    for meta in soup.select("head meta[property], head meta[name]"):
        key = meta.get("property") or meta.get("name")
        if key.startswith(("og:", "twitter:", "article:")):
            tags[key] = meta.get("content", "")
    return tags


def test_every_page_has_card_tags_and_a_small_1200x630_png(site: Path) -> None:
    pages = html_pages(site)
    assert len(pages) > 5
    sizes: dict[str, int] = {}
    for html in pages:
        tags = card_tags(html)
        missing = [key for key in REQUIRED if not tags.get(key)]
        assert not missing, f"{html.relative_to(site)}: no {missing}"
        assert unquote(tags["og:url"]) == page_url(site, html, BASE)
        assert tags["og:url"].isascii(), "URLs are percent-encoded"
        assert tags["twitter:card"] == "summary_large_image"
        assert tags["twitter:image"] == tags["og:image"]
        image = local_file(site, tags["og:image"], BASE)
        assert image.is_file(), f"{html.relative_to(site)}: card {tags['og:image']} not built"
        with Image.open(image) as card:
            assert card.format == "PNG"
            assert card.size == (WIDTH, HEIGHT)
            assert (tags["og:image:width"], tags["og:image:height"]) == (str(WIDTH), str(HEIGHT))
        sizes[image.relative_to(site).as_posix()] = image.stat().st_size
    too_big = {name: size for name, size in sizes.items() if size > MAX_BYTES}
    assert not too_big, f"cards over {MAX_BYTES} bytes: {too_big}"
    print(f"\n{len(sizes)} cards, {min(sizes.values())}..{max(sizes.values())} bytes")


def test_card_titles_match_the_pages_and_each_page_has_its_own_card(site: Path) -> None:
    images: dict[str, str] = {}
    for html in html_pages(site):
        tags = card_tags(html)
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml")
        title = soup.title.get_text()
        assert title.startswith(tags["og:title"]), (title, tags["og:title"])
        description = soup.select_one('head meta[name="description"]')["content"]
        assert tags["og:description"] == " ".join(description.split())
        assert tags["og:image"] not in images, f"{html} shares a card with {images}"
        images[tags["og:image"]] = str(html)


def test_card_text_is_all_in_the_font(site: Path) -> None:
    """What the cards draw is the title and description: every character has a glyph."""
    for html in html_pages(site):
        tags = card_tags(html)
        text = tags["og:title"] + tags["og:description"] + tags.get("og:site_name", "")
        assert missing_glyphs(text, FONTS) == [], f"{html.relative_to(site)}: tofu on the card"


def test_a_character_the_font_lacks_is_left_out_not_drawn_as_tofu() -> None:
    base = Card("스터디 위키", "기울기 소실", "설명입니다.", "2021년 9월 17일", "example.org")
    hanja = Card("스터디 위키", "기울기 漢字 소실", "설명입니다.", "2021년 9월 17일", "example.org")
    assert missing_glyphs("기울기 漢字 소실", FONTS) == ["漢", "字"]
    assert missing_glyphs("LSTM은 ‖∂L‖ · 소실…", FONTS) == []
    # Without its Hanja the title is "기울기 소실": the same card, so no box was drawn.
    assert render(hanja, FONTS) == render(base, FONTS)
