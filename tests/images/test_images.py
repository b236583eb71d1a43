"""study_wiki/images.py: a big photo is published as a small WebP linked to the original."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import numpy as np
import pytest
from bs4 import BeautifulSoup
from PIL import Image

from study_wiki.images import convert
from tests.support.mini_project import build, make_mini_project, write


def photo(width: int, height: int, seed: int = 0) -> bytes:
    """A noisy photo that compresses badly, like a phone picture of a whiteboard."""
    rng = np.random.default_rng(seed)
    pixels = rng.integers(0, 256, size=(height, width, 3), dtype=np.uint8)
    out = BytesIO()
    Image.fromarray(pixels).save(out, "JPEG", quality=95)
    return out.getvalue()


def test_convert_shrinks_to_the_width_budget() -> None:
    webp, width, height = convert(photo(2400, 1200), max_width=1600, quality=80)
    assert (width, height) == (1600, 800)
    with Image.open(BytesIO(webp)) as image:
        assert image.format == "WEBP" and image.size == (1600, 800)
        assert not image.info.get("exif")


@pytest.mark.builds
@pytest.mark.slow
def test_big_photo_becomes_linked_webp_and_noise_warns(tmp_path: Path) -> None:
    project = make_mini_project(tmp_path / "p")
    docs = project / "docs"
    (docs / "whiteboard.jpg").write_bytes(photo(2400, 1200, seed=1))
    small = BytesIO()
    Image.new("RGB", (40, 20), "white").save(small, "PNG")
    (docs / "small.png").write_bytes(small.getvalue())
    page = (docs / "index.md").read_text(encoding="utf-8")
    images = "\n![화이트보드 사진](whiteboard.jpg)\n\n![작은 그림](small.png)\n"
    write(docs / "index.md", page + images)
    result = build(project, tmp_path / "site", strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    # Random noise stays big even as WebP: the warning names the file.
    assert "docs/whiteboard.jpg: image is" in result.stderr and "budget 300 KB" in result.stderr
    site = tmp_path / "site"
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "lxml")
    img = soup.find("img", alt="화이트보드 사진")
    assert img["src"] == "whiteboard.webp"
    assert (img["width"], img["height"]) == ("1600", "800")
    assert img.parent.name == "a" and img.parent["href"] == "whiteboard.jpg"
    assert (site / "whiteboard.jpg").is_file()  # the original, a click away
    with Image.open(site / "whiteboard.webp") as image:
        assert image.size == (1600, 800)
    assert soup.find("img", alt="작은 그림")["src"] == "small.png"  # within budget: as is
    assert not (site / "small.webp").exists()
    # Strict mode fails on the over-budget warning.
    strict = build(project, tmp_path / "site2")
    assert strict.returncode != 0
