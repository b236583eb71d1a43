"""One day of notes in the team's shape (study post, peer session, retrospective): `write_day`
writes the missing ones and never replaces a file."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from study_wiki.core.atomic_file import write_bytes_atomic
from study_wiki.model import PARTS, PEER, RETRO, STUDY
from study_wiki.notes.metadata import parse_front_matter

DEFAULT_TAG = "데일리 노트"
DEFAULT_AUTHOR = "team"
FOLDERS = {part: f"docs/{folder.rstrip('/')}" for folder, part in PARTS.items()}
POSTS = FOLDERS[STUDY]
TEMPLATES = Path(__file__).with_name("templates")


@dataclass(frozen=True)
class Day:
    date: dt.date
    title: str
    slug: str
    authors: list[str]
    tags: list[str] = field(default_factory=lambda: [DEFAULT_TAG])
    description: str = ""
    level: int | None = None
    week: int | None = None
    topics: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)


def template(name: str) -> str:
    """A day's file with `{field}`s to fill (str.format), from notes/templates/."""
    return (TEMPLATES / f"{name}.md").read_text(encoding="utf-8")


def front_matter(path: Path) -> dict:
    """A note's front matter, or {} when it has none or it is broken (the build says so)."""
    return parse_front_matter("", path.read_text(encoding="utf-8"))[1]


def existing_slugs(posts: Path) -> dict[str, Path]:
    """Slug of every post already written, as the build's duplicate check sees it."""
    return {
        str(front_matter(path).get("slug") or path.stem): path
        for path in sorted(posts.glob("*.md"))
    }


def slug_from_title(title: str) -> str:
    """A URL slug from a Latin-letter title, or `note` for any other title."""
    if not title.isascii():
        return "note"
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return slug or "note"


def yaml_scalar(value: str) -> str:
    """`value` as a YAML scalar, quoted only when YAML would misread it."""
    dumped = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True)
    return dumped.removesuffix("\n...\n").strip()


def yaml_list(items: list[str]) -> str:
    return "\n".join(f"  - {yaml_scalar(item)}" for item in items)


def default_description(title: str) -> str:
    text = f"{title}: 이날 공부한 내용을 정리한 노트입니다."
    return text if len(text) <= 200 else text[:197] + "..."


def day_files(day: Day) -> dict[str, str]:
    """The day's three files, by path relative to the site's root folder."""
    iso = day.date.isoformat()
    programme = "".join(
        f"{name}: {value}\n"
        for name, value in (("level", day.level), ("week", day.week))
        if value is not None
    )
    shared = {"date": iso, "authors": yaml_list(day.authors), "programme": programme}
    return {
        f"{POSTS}/{iso}-{day.slug}.md": template("post").format(
            **shared,
            tags=yaml_list(day.tags),
            slug=day.slug,
            description=yaml_scalar(day.description or default_description(day.title)),
            topics="[" + ", ".join(day.topics) + "]",
            title=day.title,
        ),
        f"{FOLDERS[PEER]}/{iso}.md": template("peer-session").format(
            **shared,
            description=yaml_scalar(
                f"{iso} 피어세션에서 나눈 목표, 질문과 답, 공유한 자료를 정리했습니다."
            ),
            participants=yaml_list(day.participants or day.authors),
        ),
        f"{FOLDERS[RETRO]}/{iso}.md": template("retrospective").format(
            **shared,
            description=yaml_scalar(
                f"{iso}의 공부를 돌아보며 잘한 점, 아쉬운 점, 내일 할 일을 적은 회고입니다."
            ),
        ),
    }


def previous_programme(root: Path, date: dt.date) -> tuple[int | None, int | None]:
    """Level and week carried on from the latest earlier post, counting week changes."""
    best: tuple[dt.date, dict] | None = None
    for path in (root / POSTS).glob("*.md"):
        meta = front_matter(path)
        when = meta.get("date")
        if isinstance(when, dt.datetime):
            when = when.date()
        if isinstance(when, dt.date) and when < date and (best is None or when > best[0]):
            best = (when, meta)
    if best is None:
        return None, None
    when, meta = best
    level = meta.get("level") if isinstance(meta.get("level"), int) else None
    week = meta.get("week") if isinstance(meta.get("week"), int) else None
    if week is not None:
        monday = date - dt.timedelta(days=date.weekday())
        week += (monday - (when - dt.timedelta(days=when.weekday()))).days // 7
    return level, week


def write_day(root: Path, day: Day) -> list[tuple[str, bool]]:
    """Write the day's files that are missing: (path, written) for each of the three. A
    teammate's peer session and retrospective of the day are kept as they are."""
    results = []
    for relative, text in day_files(day).items():
        try:
            write_bytes_atomic(root / relative, text.encode("utf-8"), replace=False)
            written = True
        except FileExistsError:
            written = False
        results.append((relative, written))
    return results
