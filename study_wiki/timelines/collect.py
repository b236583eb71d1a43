"""Read the day's parts (study post, peer session, retrospective) from the sources."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from study_wiki.links.headings import Anchor
from study_wiki.links.syntax import HEADING_ATTRS, heading_text, normalize
from study_wiki.model import PEER, STUDY, Source

# "## 질문: ..." headings are the questions of a peer session.
QUESTION = re.compile(r"^#{2,3}[ \t]+질문\b.*$", re.M)


@dataclass
class Note:
    kind: str
    src_uri: str
    date: dt.date
    title: str
    description: str = ""
    authors: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    level: int | None = None
    week: int | None = None
    topics: list[str] = field(default_factory=list)
    goals: dict[str, str] = field(default_factory=dict)
    questions: list[tuple[str, str]] = field(default_factory=list)
    estimated: frozenset[str] = frozenset()  # "date", "level", "week": the editor's guess


@dataclass
class Day:
    date: dt.date
    studies: list[Note] = field(default_factory=list)
    peer: Note | None = None
    retro: Note | None = None

    @property
    def parts(self) -> list[Note]:
        return [*self.studies, *(n for n in (self.peer, self.retro) if n)]

    def _first(self, name: str) -> int | None:
        return next((getattr(n, name) for n in self.parts if getattr(n, name)), None)

    @property
    def level(self) -> int | None:
        return self._first("level")

    @property
    def week(self) -> int | None:
        return self._first("week")

    @property
    def estimated(self) -> frozenset[str]:
        """What any part of the day marks as estimated (the day shares one date and week)."""
        return frozenset().union(*(n.estimated for n in self.parts))

    @property
    def people(self) -> list[str]:
        return list(
            dict.fromkeys(p for note in self.parts for p in note.authors + note.participants)
        )


def _strings(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def questions(source: Source) -> list[tuple[str, str]]:
    """The "## 질문: ..." headings of a page (not in code or comments) as (text, anchor):
    the model points the anchor, the heading's id or text, at the id it really got."""
    found: list[tuple[str, str]] = []
    asked: Counter[str] = Counter()  # a question asked again links to its own heading
    for match in QUESTION.finditer(source.masked, source.body):
        line = source.text[match.start() : match.end()]
        text = heading_text(line)
        attrs = HEADING_ATTRS.search(line)
        given = re.search(r"#([^\s#}]+)", attrs["attrs"]) if attrs else None
        short = re.sub(r"^질문[ \t]*[:：]?[ \t]*", "", text)
        key = normalize(text)
        anchor = given[1] if given else Anchor(text, asked[key])
        asked[key] += 1
        found.append((short or "질문", anchor))
    return found


def read_note(kind: str, source: Source, *, undated: bool = False) -> Note | None:
    """The page as a day's part; `undated`: a topic page, read as a note of no day."""
    meta = source.meta
    if undated and source.block is not None and not source.problems:
        meta = {"date": dt.date(2000, 1, 1), **meta}
    date = meta.get("date")
    if isinstance(date, dt.datetime):
        date = date.date()
    if not isinstance(date, dt.date):
        return None  # the front matter check reports it
    goals = meta.get("goals")
    if not isinstance(goals, dict):
        goals = {}
    return Note(
        kind=kind,
        src_uri=source.src_uri,
        date=date,
        title=source.title,
        description=str(meta.get("description") or ""),
        authors=_strings(meta.get("authors")),
        participants=_strings(meta.get("participants")),
        level=_int(meta.get("level")),
        week=_int(meta.get("week")),
        topics=_strings(meta.get("topics")),
        goals={str(k): str(v) for k, v in goals.items()},
        questions=questions(source) if kind == PEER else [],
        estimated=frozenset(_strings(meta.get("estimated"))),
    )


def days_of(notes: list[Note]) -> list[Day]:
    """The notes as days, newest first."""
    days: dict[dt.date, Day] = {}
    for note in sorted(notes, key=lambda n: (n.date, n.src_uri)):
        day = days.setdefault(note.date, Day(note.date))
        if note.kind == STUDY:
            day.studies.append(note)
        elif note.kind == PEER:
            day.peer = note
        else:
            day.retro = note
    return sorted(days.values(), key=lambda d: d.date, reverse=True)
