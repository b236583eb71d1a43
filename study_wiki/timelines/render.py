"""Markdown for the generated timelines and pages, from the Jinja templates in
`overrides/generated/`: every `{{ value }}` goes through `text()` (HTML-escaped,
Markdown specials escaped, one line, bounded) unless it is already `Markdown`, such
as the links made here (relative `.md` paths that MkDocs checks and rewrites).
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import posixpath
import re
from typing import Any
from urllib.parse import quote

import jinja2
from mkdocs.exceptions import PluginError

from study_wiki.core.compiled_templates import reuse_compiled
from study_wiki.links.headings import HEADING_MARK, heading_mark
from study_wiki.model import PART_NAMES, STUDY
from study_wiki.timelines.collect import Day, Note

WEEKDAYS = "월화수목금토일"
_SPECIAL = re.compile(r"([\\`*_{}\[\]#+!|~^=$:<>-])")


class Markdown(str):
    """Text that is already Markdown: a template prints it as it is."""


def text(value: object, limit: int = 160) -> Markdown:
    """Contributor text made inert for a Markdown line or table cell."""
    flat = " ".join(str(value).split())
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return Markdown(_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False)))


def link(label: str, from_uri: str, to_uri: str, anchor: str = "") -> Markdown:
    """A Markdown link from page `from_uri` to page `to_uri` (label already escaped); to
    its heading `anchor` (id or text), pointed at the id it got once pages are rendered."""
    # Percent-encoded: a file name's brackets, parentheses or spaces would end the
    # target or start other syntax; MkDocs decodes it to find the page.
    target = quote(_relative(to_uri, posixpath.dirname(from_uri) or "."))
    mark = f'{{ {HEADING_MARK}="{heading_mark(to_uri, anchor)}" }}' if anchor else ""
    return Markdown(f"[{label}]({target}){mark}")


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


def programme_label(day: Day) -> str:
    parts = []
    if day.level:
        parts.append(f"level {day.level}" + (f"({ESTIMATED})" if "level" in day.estimated else ""))
    if day.week:
        parts.append(week_label(day.week, "week" in day.estimated))
    return " · ".join(parts)


def day_parts(notes: list[Note], from_uri: str) -> str:
    """`[study title] · [피어세션] · [학습 회고]`: links to the notes of a day."""
    return " · ".join(
        link(
            text(note.title, 80) if note.kind == STUDY else PART_NAMES[note.kind],
            from_uri,
            note.src_uri,
        )
        for note in notes
    )


def day_line(day: Day, from_uri: str, *, programme: bool = False) -> str:
    extra = f" · {programme_label(day)}" if programme and programme_label(day) else ""
    label = day_label(day.date, "date" in day.estimated)
    return f"- **{label}**{extra} — {day_parts(day.parts, from_uri)}"


def person(people: dict[str, dict], who: str, from_uri: str, members_dir: str) -> str:
    name = text((people.get(who) or {}).get("name") or who, 40)
    if who in people:
        return link(name, from_uri, f"{members_dir}/{who}.md")
    return name


def week_estimated(days: list[Day]) -> bool:
    """A week number shown for these days is a guess when every day's week is one."""
    return all("week" in day.estimated for day in days)


def span(days: list[Day]) -> str:
    first, last = min(d.date for d in days), max(d.date for d in days)
    if first == last:
        return f"{first:%m-%d}"
    return f"{first:%m-%d} ~ {last:%m-%d}"


def months(notes: list[Note]) -> list[tuple[dt.date, list[Note]]]:
    """Notes by month, newest first."""
    grouped: dict[tuple[int, int], list[Note]] = {}
    for note in sorted(notes, key=lambda n: n.date, reverse=True):
        grouped.setdefault((note.date.year, note.date.month), []).append(note)
    return [(dt.date(y, m, 1), group) for (y, m), group in grouped.items()]


def templates(theme_dirs: list[str]) -> jinja2.Environment:
    """The generated pages' templates, looked up in the theme's folders (a site's
    `overrides/` first), compiled once per process (core/compiled_templates.py)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(theme_dirs),
        finalize=lambda value: value if isinstance(value, Markdown) else text(value),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        text=text,
        json=lambda value: Markdown(json.dumps(value, ensure_ascii=False)),
        by_month=months,
    )
    return reuse_compiled(env)


def page(
    env: jinja2.Environment,
    name: str,
    uri: str,
    people: dict[str, dict] | None = None,
    members_dir: str = "",
    **values: Any,
) -> str:
    """The Markdown of template `generated/<name>.md` for page `uri` (a generated page,
    or what the timelines stage adds to a page); `people` have pages in `members_dir`."""

    def to(label: str, to_uri: str, anchor: str = "") -> Markdown:
        return link(label, uri, to_uri, anchor)

    def names(ids: list[str]) -> Markdown:
        return Markdown(", ".join(person(people or {}, who, uri, members_dir) for who in ids))

    try:
        template = env.get_template(f"generated/{name}.md")
    except jinja2.TemplateNotFound:
        raise PluginError(
            f"overrides/generated/{name}.md: the template of the generated {uri} is missing: "
            "restore it (git checkout -- overrides/generated)"
        ) from None
    return template.render(
        values,
        folder=posixpath.dirname(uri) + "/",
        link=to,
        span=lambda days: Markdown(span(days)),
        people=names,
        day_parts=lambda notes: Markdown(day_parts(notes, uri)),
        day_line=lambda day, programme=False: Markdown(day_line(day, uri, programme=programme)),
        day_label=lambda note: Markdown(day_label(note.date, "date" in note.estimated)),
        week_label=lambda week, days: Markdown(week_label(week, week_estimated(days))),
    )
