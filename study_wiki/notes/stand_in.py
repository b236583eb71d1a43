"""The Markdown that takes the place of a page that cannot be built.

A page with broken front matter, or too big to render, would stop the whole build
(and leave `mkdocs serve` waiting forever) or make other plugins fail on it with
errors of their own. Its place is taken by a short page at the same address,
which the build's error list (study_wiki/serve/errors.py) fills with its errors.
Strict builds stop at the errors instead (notes/plugin.py).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePosixPath

import yaml

from study_wiki.notes.schema import page_kind

TITLE = "빌드 오류"
DESCRIPTION = "이 페이지는 고쳐야 할 오류가 있어 내용 대신 오류를 보여 줍니다."
DATED_NAME = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})-(?P<name>.+)$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def stand_in_markdown(src_uri: str, meta: dict) -> str:
    """A page titled 빌드 오류; a post keeps its date and slug, hence its address,
    when they can be read from its front matter or its file name."""
    front: dict = {"title": TITLE, "description": DESCRIPTION, "search": {"exclude": True}}
    if page_kind(src_uri) == "post":
        stem = PurePosixPath(src_uri).stem
        named = DATED_NAME.match(stem)
        date = meta.get("date")
        if not isinstance(date, dt.date):
            try:
                date = dt.date.fromisoformat(named["date"]) if named else dt.date(2000, 1, 1)
            except ValueError:
                date = dt.date(2000, 1, 1)
        slug = meta.get("slug")
        if not (isinstance(slug, str) and SLUG.match(slug)):
            slug = re.sub(r"[^a-z0-9]+", "-", (named["name"] if named else stem).lower())
            slug = slug.strip("-") or "page"
        front |= {"date": date, "slug": slug}
    dumped = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
    return f"---\n{dumped}---\n\n# {TITLE}\n"
