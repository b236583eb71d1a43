"""Contributors' photos: a JPEG or PNG under docs/ too wide or heavy becomes a WebP at most
`max_width` wide beside it (cached by its bytes and the settings), the original a click away."""

from __future__ import annotations

import hashlib
import logging
import posixpath
import re
from io import BytesIO
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from study_wiki.core.artifact_cache import ArtifactCache, code_digest
from study_wiki.core.stage import Stage
from study_wiki.core.switches import Switch
from study_wiki.messages import Problem

log = logging.getLogger("mkdocs.plugins.study_wiki.images")

RASTER = (".jpg", ".jpeg", ".png")
IMG = re.compile(r'<img\b[^>]*?\bsrc="(?P<src>[^"]+)"[^>]*>')


def convert(data: bytes, max_width: int, quality: int) -> tuple[bytes, int, int]:
    """WebP bytes, width and height: rotated upright (EXIF), at most max_width wide."""
    from PIL import Image, ImageOps

    with Image.open(BytesIO(data)) as opened:
        image = ImageOps.exif_transpose(opened)
        if image.width > max_width:
            height = max(1, round(image.height * max_width / image.width))
            image = image.resize((max_width, height), Image.Resampling.LANCZOS)
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if "transparency" in image.info else "RGB")
        out = BytesIO()
        # No metadata: EXIF may hold the place a photo was taken.
        image.save(out, "WEBP", quality=quality, method=6)
        return out.getvalue(), image.width, image.height


def image_size(data: bytes) -> tuple[int, int]:
    from PIL import Image

    with Image.open(BytesIO(data)) as image:
        return image.width, image.height


class ImagesConfig(Config):
    enabled = Switch()
    max_width = c.Type(int, default=1600)
    budget_kb = c.Type(int, default=300)
    quality = c.Type(int, default=80)


class ImagesStage(Stage[ImagesConfig]):
    converted: dict[str, tuple[int, int]]  # the WebP's width and height by the source's src_uri

    def on_files(self, files: Files, *, config) -> None:
        self.converted = {}
        import PIL

        cache = ArtifactCache(self.project.cache / "images", ".webp")
        budget = self.config.budget_kb * 1024
        # This module's code is part of the key, as Pillow's version: it makes the WebP.
        code = code_digest(Path(__file__))
        settings = f"{PIL.__version__}|{code}|{self.config.max_width}|{self.config.quality}"
        for file in list(files.media_files()):
            raster = file.src_uri.lower().endswith(RASTER)
            if file.generated_by or not raster or file.abs_src_path is None:
                continue
            shown = self.project.page(file.src_uri)
            try:
                data = Path(file.abs_src_path).read_bytes()
                small = len(data) <= budget and image_size(data)[0] <= self.config.max_width
            except OSError as error:
                log.warning("%s", Problem(shown, None, f"not a readable image ({error})"))
                continue
            if small:
                continue
            key = hashlib.sha256(settings.encode() + b"\0" + data).hexdigest()
            target = cache.get(key)
            if target is None:
                webp, _, _ = convert(data, self.config.max_width, self.config.quality)
                target = cache.put(key, webp)
            width, height = image_size(target.read_bytes())
            uri = posixpath.splitext(file.src_uri)[0] + ".webp"
            if files.get_file_from_path(uri) is not None:
                continue  # the author ships their own WebP under that name
            files.append(File.generated(config, uri, abs_src_path=str(target)))
            size = target.stat().st_size
            self.converted[file.src_uri] = width, height
            if size > budget:
                after = f"image is {size // 1024} KB after compression to WebP"
                message = f"{after} (budget {self.config.budget_kb} KB): crop it or save it smaller"
                log.warning("%s", Problem(shown, None, message))

    def on_page_content(self, html: str, *, page: Page, **_) -> str:
        if not self.converted or "<img" not in html:
            return html
        base = posixpath.dirname(page.file.url.rstrip("/") + "/x") if page.file.url else ""
        src_dir = posixpath.dirname(page.file.src_uri)

        def target(src: str) -> str | None:
            if "://" in src or src.startswith(("/", "data:")):
                return None
            uris = (posixpath.normpath(posixpath.join(folder, src)) for folder in (base, src_dir))
            return next((uri for uri in uris if uri in self.converted), None)

        def replace(match: re.Match[str]) -> str:
            tag, uri = match.group(0), target(match.group("src"))
            if uri is None:
                return tag
            width, height = self.converted[uri]
            webp = match.group("src")[: -len(posixpath.splitext(uri)[1])] + ".webp"
            tag = tag.replace(f'src="{match.group("src")}"', f'src="{webp}"', 1)
            if " width=" not in tag:
                tag = tag.replace("<img", f'<img width="{width}" height="{height}"', 1)
            before = html[: match.start()]
            inside_link = before.rfind("<a ") > before.rfind("</a>")
            if not inside_link:
                tag = f'<a href="{match.group("src")}" class="original-image">{tag}</a>'
            return tag

        return IMG.sub(replace, html)
