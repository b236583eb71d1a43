"""The social stage: a preview card per page, drawn with the figures' font and cached by a hash
of what it shows, and its Open Graph / Twitter tags (`social_meta`, printed escaped)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from study_wiki.core.artifact_cache import ArtifactCache, code_digest
from study_wiki.core.atomic_file import write_bytes_atomic
from study_wiki.core.snippet_graph import fonts_fingerprint
from study_wiki.core.stage import Stage, SwitchOnly
from study_wiki.escaping import plain_authors, plain_text, plain_title
from study_wiki.figure_style import font_paths
from study_wiki.messages import Problem, line_of
from study_wiki.notes.metadata import page_dates
from study_wiki.social import card as card_module
from study_wiki.social.card import HEIGHT, WIDTH, Card, missing_glyphs, render

log = logging.getLogger("mkdocs.plugins.study_wiki.social")

IMAGE_DIR = "assets/images/social"
MAX_TITLE = 200
MAX_DESCRIPTION = 300
MONTHS = "{d.year}년 {d.month}월 {d.day}일"


def bounded(text: object, limit: int) -> str:
    """One line of plain text, at most `limit` characters."""
    flat = " ".join(plain_text(text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def image_path(page: Page) -> str:
    """Site path of the card (file name, not URL): topics/lstm/ -> .../social/topics/lstm.png."""
    stem = (unquote(page.url).strip("/") or "index").removesuffix(".html")
    return f"{IMAGE_DIR}/{stem}.png"


def page_date(page: Page) -> dt.date | None:
    created, _ = page_dates(page.meta)
    return created.date() if created else None


class SocialStage(Stage[SwitchOnly]):
    def on_config(self, config: MkDocsConfig) -> None:
        self.fonts = font_paths()
        card_code = code_digest(Path(card_module.__file__)).encode()
        self.salt = hashlib.sha256(card_code + fonts_fingerprint()).hexdigest()
        self.cache = ArtifactCache(self.project.cache / "social", ".png")
        self.site_url = config.site_url or ""
        self.host = urlsplit(self.site_url).hostname or ""
        # A dirty rebuild renders only the changed pages: the others keep (and
        # re-copy) the cards they had.
        if not self.run.dirty:
            self.kept.clear()
        self.cards: dict[str, Path] = self.kept.setdefault("cards", {})
        # Which card each image in site/ was copied from, kept across dirty rebuilds.
        self.copied: dict[str, Path] = self.kept.setdefault("copied", {})
        self.rendered = self.cached = 0

    def card_for(self, page: Page, config: MkDocsConfig) -> Card:
        date = page_date(page)
        authors = plain_authors(page)
        footer = " · ".join(
            part for part in (MONTHS.format(d=date) if date else "", ", ".join(authors[:4])) if part
        )
        # The page's description, else the site's (as the theme's meta description).
        description = page.meta.get("description") or config.site_description
        return Card(
            site_name=bounded(config.site_name, 60),
            title=bounded(plain_title(page) or config.site_name, MAX_TITLE),
            description=bounded(description, MAX_DESCRIPTION),
            footer=bounded(footer, 120),
            host=bounded(self.host, 60),
        )

    def check_glyphs(self, page: Page, card: Card) -> None:
        source = self.site.pages.get(page.file.src_uri)
        for char in missing_glyphs(" ".join(card.texts()), self.fonts):
            line = line_of(source.text, char) if source else 1
            problem = (
                f"the social card cannot draw '{char}' (U+{ord(char):04X}): the bundled font "
                "(Pretendard) has no glyph for it, so the card leaves it out; use another "
                "character in the title or description"
            )
            log.warning("%s", Problem(self.project.page(page.file.src_uri), line, problem))

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, **_):
        if not self.site_url:
            return
        card = self.card_for(page, config)
        self.check_glyphs(page, card)
        key = hashlib.sha256(
            json.dumps([self.salt, WIDTH, HEIGHT, *card.texts()]).encode()
        ).hexdigest()
        cached = self.cache.get(key)
        if cached is not None:
            self.cached += 1
        else:
            cached = self.cache.put(key, render(card, self.fonts))
            self.rendered += 1
        relative = image_path(page)
        self.cards[relative] = cached

        url = page.canonical_url or urljoin(self.site_url, page.url)
        image = urljoin(self.site_url, quote(relative))
        alt = f"{card.title}: {config.site_name}"
        meta = [
            ("property", "og:type", "website" if page.is_homepage else "article"),
            ("property", "og:site_name", config.site_name),
            ("property", "og:locale", "ko_KR"),
            ("property", "og:title", card.title),
            ("property", "og:description", card.description),
            ("property", "og:url", url),
            ("property", "og:image", image),
            ("property", "og:image:type", "image/png"),
            ("property", "og:image:width", str(WIDTH)),
            ("property", "og:image:height", str(HEIGHT)),
            ("property", "og:image:alt", alt),
            ("name", "twitter:card", "summary_large_image"),
            ("name", "twitter:title", card.title),
            ("name", "twitter:description", card.description),
            ("name", "twitter:image", image),
            ("name", "twitter:image:alt", alt),
        ]
        date = page_date(page)
        if date and not page.is_homepage:
            published = f"{date.isoformat()}T00:00:00+09:00"
            meta.append(("property", "article:published_time", published))
        context["social_meta"] = meta

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        for relative, cached in self.cards.items():
            target = site / relative
            if self.copied.get(relative) == cached and target.is_file():
                continue
            write_bytes_atomic(target, cached.read_bytes())
            self.copied[relative] = cached
        log.info(
            "social cards: %d drawn, %d from the cache (%s)",
            self.rendered,
            self.cached,
            self.cache.directory,
        )
