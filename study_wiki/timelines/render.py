"""Markdown for the generated timelines and indexes.

Every string that comes from a contributor goes through `text()`: HTML-escaped, Markdown
specials backslash-escaped, one line, bounded. Links are relative `.md` paths, so MkDocs
checks them and rewrites them to the pages' URLs.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import posixpath
import re
from collections.abc import Iterable

from study_wiki.timelines.collect import Day

WEEKDAYS = "월화수목금토일"
_SPECIAL = re.compile(r"([\\`*_{}\[\]#+!|~^=$:<>-])")


def text(value: object, limit: int = 160) -> str:
    """Contributor text made inert for a Markdown line or table cell."""
    flat = " ".join(str(value).split())
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return _SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))


def link(label: str, from_uri: str, to_uri: str, anchor: str = "") -> str:
    """A Markdown link from page `from_uri` to page `to_uri` (label already escaped)."""
    target = _relative(to_uri, posixpath.dirname(from_uri) or ".")
    return f"[{label}]({target}{'#' + anchor if anchor else ''})"


@functools.lru_cache(maxsize=8192)
def _relative(to_uri: str, from_dir: str) -> str:
    return posixpath.relpath(to_uri, from_dir)


ESTIMATED = "추정"  # shown beside a date or week the note did not give (front matter `estimated:`)


def day_label(date: dt.date, estimated: bool = False) -> str:
    """`2021-09-17 (금)`; an estimated date says so, since its weekday is a guess too."""
    weekday = WEEKDAYS[date.weekday()]
    return f"{date.isoformat()} ({weekday}, {ESTIMATED})" if estimated else f"{date} ({weekday})"


def week_label(week: int, estimated: bool = False) -> str:
    return f"{week}주차({ESTIMATED})" if estimated else f"{week}주차"


def month_label(date: dt.date) -> str:
    return f"{date.year}년 {date.month}월"


def by_month(days: Iterable[Day]) -> list[tuple[dt.date, list[Day]]]:
    months: dict[tuple[int, int], list[Day]] = {}
    for day in days:
        months.setdefault((day.date.year, day.date.month), []).append(day)
    return [(dt.date(y, m, 1), group) for (y, m), group in months.items()]


def programme_label(day: Day) -> str:
    parts = []
    if day.level:
        parts.append(f"level {day.level}" + (f"({ESTIMATED})" if "level" in day.estimated else ""))
    if day.week:
        parts.append(week_label(day.week, "week" in day.estimated))
    return " · ".join(parts)


def day_parts(day: Day, from_uri: str) -> str:
    """`[study title] · [피어세션] · [학습 회고]` for one day."""
    links = [link(text(note.title, 80), from_uri, note.src_uri) for note in day.studies]
    if day.peer:
        links.append(link("피어세션", from_uri, day.peer.src_uri))
    if day.retro:
        links.append(link("학습 회고", from_uri, day.retro.src_uri))
    return " · ".join(links)


def day_line(day: Day, from_uri: str, *, programme: bool = False) -> str:
    extra = f" · {programme_label(day)}" if programme and programme_label(day) else ""
    label = day_label(day.date, "date" in day.estimated)
    return f"- **{label}**{extra} — {day_parts(day, from_uri)}"


def person(people: dict[str, dict], who: str, from_uri: str, members_dir: str) -> str:
    name = text((people.get(who) or {}).get("name") or who, 40)
    if who in people:
        return link(name, from_uri, f"{members_dir}/{who}.md")
    return name


def page(title: str, description: str, body: list[str]) -> str:
    """A generated page with the front matter every page carries.

    Left out of search: it only repeats the notes it lists, which search finds.
    """
    head = [
        "---",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        f"description: {json.dumps(description, ensure_ascii=False)}",
        "search:",
        "  exclude: true",
        "---",
        "",
    ]
    return "\n".join([*head, f"# {text(title, 80)}", "", *body, ""])  # fmt: skip
