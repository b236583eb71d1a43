"""The timelines stage: every list of days is generated from the front matter of the day's
parts, never hand-edited: the `<!-- timeline:... -->` markers, each part's "이날의 기록", each
topic's days, and the programme and member pages, from the templates in `overrides/generated/`."""

from __future__ import annotations

import dataclasses
import logging
import posixpath
import re
from collections import defaultdict

import yaml
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from study_wiki.core.stage import Stage
from study_wiki.core.switches import Switch
from study_wiki.masking import markdown_lines
from study_wiki.messages import Problem
from study_wiki.model import PEER, RETRO, STUDY, part_of
from study_wiki.notes.metadata import AUTHORS_FILE, front_matter_problem
from study_wiki.serve.dirty import digest
from study_wiki.timelines.collect import Day, Note, days_of, read_note
from study_wiki.timelines.render import page, templates, week_estimated, week_label

log = logging.getLogger("mkdocs.plugins.study_wiki.timelines")
MARKER = re.compile(r"^<!--\s*timeline:([a-z-]+)\s*-->[ \t]*$", re.M)
MARKERS = ("latest", "peer-sessions", "retrospectives", "topics")
PERSON_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
Generated = tuple[str, str, dict, bool]  # a generated page: src_uri, template, values, in nav


class TimelinesConfig(Config):
    enabled = Switch()
    topics_dir = c.Type(str, default="topics")
    programme_dir = c.Type(str, default="programme")
    members_dir = c.Type(str, default="members")
    latest = c.Type(int, default=7)


class TimelinesStage(Stage[TimelinesConfig]):
    # All read in on_files, before any page is rendered.
    days: list[Day]
    day_of: dict[str, Day]
    people: dict[str, dict]
    topics: dict[str, Note]

    def _read_people(self) -> dict[str, dict]:
        """The authors file's people (read once by the model) who can have a page."""
        people = {}
        for who, info in self.site.people.items():
            if PERSON_ID.match(str(who)):
                people[str(who)] = info if isinstance(info, dict) else {}
            else:
                shown = self.project.page(AUTHORS_FILE.as_posix())
                fix = "use lowercase letters, digits, '-' or '_' so it can name a member page"
                log.warning("%s", Problem(shown, None, f"author id {who!r}: {fix}"))
        return people

    def on_files(self, files: Files, *, config: MkDocsConfig) -> None:
        self.people = self._read_people()
        self.env = templates(config.theme.dirs)
        notes = self._read_days()
        if self.run.dirty:
            self._record_shown(files)
        self._warn_unknown_topics(notes)
        self._add_generated_pages(files, config)

    def _read_days(self) -> list[Note]:
        """The day's parts and the topic pages, from the site model."""
        notes: list[Note] = []
        self.topics = {}
        for source in self.site.pages.values():
            kind = part_of(source.src_uri)
            if kind:
                note = read_note(kind, source)
                if note:
                    notes.append(note)
            elif name := self._topic(source.src_uri):
                topic = read_note(STUDY, source, undated=True)
                if topic:
                    self.topics[name] = topic
        self.days = days_of(notes)
        self.day_of = {note.src_uri: day for day in self.days for note in day.parts}
        return notes

    def _warn_unknown_topics(self, notes: list[Note]) -> None:
        known = ", ".join(sorted(self.topics)) or "(none yet)"
        for note in notes:
            for name in (n for n in note.topics if n not in self.topics):
                source = self.site.pages[note.src_uri]
                found = re.search(r"^topics\s*:", source.text, re.M)
                line = source.line_of(found.start() if found else 0)
                missing = f"no topic page {self.config.topics_dir}/{name}.md"
                fix = f"{missing}; use one of {known} or create that page"
                log.warning("%s", front_matter_problem(source.shown, line, "topics", fix))

    def _add_generated_pages(self, files: Files, config: MkDocsConfig) -> None:
        generated = [*self._programme_pages(), *self._member_pages()]
        added = []
        for uri, template, values, in_nav in generated:
            inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
            added.append((uri, self._page(template, uri, **values), inclusion))
        for folder, title in (
            (self.config.programme_dir, "과정별"),
            (self.config.members_dir, "팀원"),
        ):
            # mkdocs-awesome-nav reads a folder's order from its .nav.yml: the generated
            # folders get one too (levels in order, people as in .authors.yml).
            entries = [
                posixpath.basename(uri)
                for uri, _, _, in_nav in generated
                if in_nav and posixpath.dirname(uri) == folder
            ]
            if entries:
                nav = yaml.safe_dump({"title": title, "nav": entries}, allow_unicode=True)
                added.append((f"{folder}/.nav.yml", nav, InclusionLevel.EXCLUDED))
        for uri, content, inclusion in added:
            files.append(File.generated(config, uri, content=content, inclusion=inclusion))

    def _record_shown(self, files: Files) -> None:
        """What a day's part, a topic page or a page with a timeline lists of other notes:
        the notes and people a day's or a topic's list is made from (cheaper than the
        list itself), a timeline as it renders."""
        settings = digest(sorted((name, str(value)) for name, value in self.config.items()))
        days: dict[int, str] = {}
        topic_facts = {name: _facts(topic) for name, topic in self.topics.items()}

        def made_from(listed: list[Day]) -> list[str]:
            for day in listed:
                if id(day) not in days:
                    # A person shows as their name, linked when they have a page.
                    people = [(w, w in self.people, _name(self.people, w)) for w in day.people]
                    days[id(day)] = digest([day.date, [_facts(n) for n in day.parts], people])
            return [days[id(day)] for day in listed]

        for file in files.documentation_pages():
            src = file.src_uri
            if not src.endswith(".md"):
                continue
            source = self.site.pages.get(src)
            content = source.text if source else file.content_string
            if "<!-- timeline:" in content:
                self.site.shows(src, self._with_timelines(content, src))
            elif part_of(src):
                day = self.day_of.get(src)
                names = sorted({t for n in day.studies for t in n.topics}) if day else []
                topics = {name: topic_facts.get(name) for name in names}
                self.site.shows(src, [settings, made_from([day] if day else []), topics])
            elif name := self._topic(src):
                self.site.shows(src, [settings, made_from(self._days_on(name))])

    def on_page_markdown(self, markdown: str, *, page: Page, **_) -> str:
        return self._with_timelines(markdown, page.file.src_uri)

    def _with_timelines(self, markdown: str, src: str) -> str:
        """The page's Markdown with its timeline markers filled (not one shown in code)
        and its day or topic lists added."""
        if "<!-- timeline:" in markdown:
            markdown = "\n".join(
                line.text if line.code else MARKER.sub(lambda m: self._marker(m[1], src), line.text)
                for line in markdown_lines(markdown)
            )
        if part_of(src):
            markdown += self._this_day(src)
        elif (name := self._topic(src)) and (days := self._days_on(name)):
            markdown += self._page("topic-days", src, days=days)
        return markdown

    def _marker(self, name: str, src: str) -> str:
        if name not in MARKERS:
            fix = "use latest, peer-sessions, retrospectives or topics"
            message = f"unknown marker <!-- timeline:{name} -->; {fix}"
            log.warning("%s", Problem(self.project.page(src), None, message))
            return ""
        topics = sorted(self.topics.items()) if name == "topics" else []
        return self._page(
            f"timeline-{name}",
            src,
            days={
                "latest": self.days[: self.config.latest],
                "peer-sessions": [day for day in self.days if day.peer],
                "retrospectives": [day for day in self.days if day.retro],
            }.get(name, []),
            daily="daily/index.md",
            topics=[(note, self._days_on(topic)) for topic, note in topics],
        )

    def _days_on(self, topic: str) -> list[Day]:
        if topic not in self.topics:
            return []
        return [d for d in self.days if any(topic in n.topics for n in d.studies)]

    def _topic(self, src_uri: str) -> str | None:
        """The topic a page of the topics folder is (its file name), None for other pages."""
        folder, name = posixpath.split(src_uri)
        if folder == self.config.topics_dir and name.endswith(".md") and name != "index.md":
            return name[:-3]
        return None

    def _this_day(self, src: str) -> str:
        """The day's other parts, its programme, people and topics, for a day's part."""
        day = self.day_of.get(src)
        if day is None:
            return ""
        others = [note for note in day.parts if note.src_uri != src]
        members = [who for who in day.people if who in self.people]
        names = sorted({t for note in day.studies for t in note.topics if t in self.topics})
        if not (others or day.level or day.week or members or names):
            return ""
        return self._page(
            "this-day",
            src,
            day=day,
            others=others,
            members=members,
            topics=[(name, self.topics[name]) for name in names],
            programme=self.config.programme_dir,
            topics_dir=self.config.topics_dir,
        )

    def _page(self, template: str, uri: str, **values) -> str:
        return page(self.env, template, uri, self.people, self.config.members_dir, **values)

    def _programme_pages(self) -> list[Generated]:
        grouped = [d for d in self.days if d.level or d.week]
        if not grouped:
            return []
        levels: dict[int, list[Day]] = defaultdict(list)
        weeks: dict[int, list[Day]] = defaultdict(list)
        for day in grouped:
            if day.level:
                levels[day.level].append(day)
            if day.week:
                weeks[day.week].append(day)
        folder = self.config.programme_dir
        index = dict(
            title="과정별 기록",
            description="과정의 level과 주차로 묶은 하루 노트의 목록입니다.",
            levels=[(level, _weeks(levels[level])) for level in sorted(levels)],
            loose=len([d for d in grouped if not d.level]),
        )
        pages = [(f"{folder}/index.md", "programme-index", index, True)]
        for level, days in sorted(levels.items()):
            values = dict(
                title=f"level {level}",
                description=f"level {level}에 쓴 하루 노트를 주차별로 모은 페이지입니다.",
                level=level,
                days=days,
                weeks=_weeks(days),
            )
            pages.append((f"{folder}/level-{level}.md", "level", values, True))
        for week, days in sorted(weeks.items()):
            values = dict(
                title=week_label(week, week_estimated(days)),
                description=f"{week}주차에 쓴 공부 정리, 피어세션, 학습 회고를 모은 페이지입니다.",
                days=days,
                levels=sorted({d.level for d in days if d.level}),
                estimated=week_estimated(days),
            )
            pages.append((f"{folder}/week-{week}.md", "week", values, False))
        return pages

    def _contributions(self) -> tuple[dict[str, dict[str, list[Note]]], dict[str, list]]:
        """Each person's notes by kind, and the goals they shared in peer sessions."""
        written: dict[str, dict[str, list[Note]]] = {
            p: {STUDY: [], PEER: [], RETRO: []} for p in self.people
        }
        goals: dict[str, list[tuple[Note, str]]] = defaultdict(list)
        for day in self.days:
            for note in day.studies + ([day.retro] if day.retro else []):
                for who in (w for w in note.authors if w in written):
                    written[who][note.kind].append(note)
            if day.peer:
                for who in dict.fromkeys(day.peer.participants or day.peer.authors):
                    if who in written:
                        written[who][PEER].append(day.peer)
                for who, goal in day.peer.goals.items():
                    goals[who].append((day.peer, goal))
        return written, goals

    def _member_pages(self) -> list[Generated]:
        if not self.people:
            return []
        written, goals = self._contributions()
        members = [
            {
                "who": who,
                "name": str(info.get("name") or who),
                "description": info.get("description") or "",
                "studies": written[who][STUDY],
                "retros": written[who][RETRO],
                "peers": written[who][PEER],
                "goals": goals[who],
            }
            for who, info in self.people.items()
        ]
        folder = self.config.members_dir
        index = dict(
            title="팀원",
            description="스터디 팀원마다 쓴 노트와 목표를 모은 페이지 목록입니다.",
            members=members,
        )
        pages: list[Generated] = [(f"{folder}/index.md", "members-index", index, True)]
        for member in members:
            name = member["name"]
            about = f"{name}님이 쓴 공부 정리와 학습 회고, 함께한 피어세션과 목표를 모았습니다."
            values = dict(title=name, description=about, member=member)
            pages.append((f"{folder}/{member['who']}.md", "member", values, True))
        return pages


def _weeks(days: list[Day]) -> list[tuple[int | None, list[Day]]]:
    weeks: dict[int | None, list[Day]] = {}
    for day in days:
        weeks.setdefault(day.week, []).append(day)
    return sorted(weeks.items(), key=lambda item: item[0] or 0, reverse=True)


def _name(people: dict[str, dict], who: str) -> str:
    return str((people.get(who) or {}).get("name") or who)


NOTE_FIELDS = tuple(f.name for f in dataclasses.fields(Note))


def _facts(note: Note) -> list:
    """A note's fields as JSON-able values in a fixed order."""
    values = (getattr(note, name) for name in NOTE_FIELDS)
    return [sorted(v) if isinstance(v, frozenset) else v for v in values]
