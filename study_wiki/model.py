"""The site model: every page read once per build, before any stage looks at it
(ARCHITECTURE.md, "The site model"). `mkdocs serve` keeps what was parsed from a page
whose text did not change, in the plugin's per-session memory (not a cache).
"""

from __future__ import annotations

import bisect
import functools
import logging
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from study_wiki.core.paths import Project
from study_wiki.core.portable import source_key
from study_wiki.core.stage import NoOptions, Stage
from study_wiki.core.text_file import InputError, text_of
from study_wiki.glossary.pairs import text_pairs
from study_wiki.links.headings import headings_of, point_headings
from study_wiki.links.syntax import heading_text
from study_wiki.masking import markdown_lines
from study_wiki.messages import Problem, removed_during_build
from study_wiki.notes.metadata import FRONT_MATTER, parse_front_matter, read_authors
from study_wiki.notes.source_limits import markdown_problem, size_problem

log = logging.getLogger("mkdocs.plugins.study_wiki.front_matter")

# A first heading that renders to exactly its text: no Markdown, HTML, maths, emoji
# code, keys, attribute list or closing hashes (MkDocs takes the rendered heading's text).
PLAIN_H1 = re.compile(r"# ((?:[^\\`*_{}\[\]<>&$~^=|#\"'+:]|\+(?!\+)|:(?![\w+-]+:))+)")
# Headings as Python-Markdown reads them: `#` first on the line, with or without a
# space after it; a line of `=` (then `=` or `-`) right under the text.
H1 = re.compile(r"^#(?!#).*$", re.M)
SETEXT_H1 = re.compile(r"=[=-]*[ ]*$")

# The day's parts by the folder they are written in (CONTRIBUTING.md, "하루 노트의 구조"):
# the one rule the schema, the timelines and the feeds read.
STUDY, PEER, RETRO = "study", "peer", "retro"
PARTS = {"daily/posts/": STUDY, "peer-sessions/": PEER, "retrospectives/": RETRO}
PART_NAMES = {STUDY: "공부 정리", PEER: "피어세션", RETRO: "학습 회고"}


def part_of(src_uri: str) -> str | None:
    """The day's part a page is, None for other pages (a folder's index.md among them)."""
    if posixpath.basename(src_uri) == "index.md":
        return None
    return next((part for folder, part in PARTS.items() if src_uri.startswith(folder)), None)


@dataclass
class Source:
    """One page of docs/ as its author wrote it: read once, never changed (`mkdocs serve`
    hands the same one to the next build while the page's text stays the same)."""

    src_uri: str
    shown: str  # docs/... as the author sees it
    text: str  # "" when it cannot be read or rendered (a problem says why)
    block: str | None  # the front matter's YAML, None when the page has none
    meta: dict  # the front matter; {} when missing or unreadable
    body: int  # where the body starts in `text`
    problems: list[Problem] = field(default_factory=list)  # unreadable, past a limit
    masked: str = ""  # `text` with code blocks, code spans and comments blanked
    pairs: list[tuple[str, str]] = field(default_factory=list)  # "셀 상태(cell state)"

    def line_of(self, offset: int) -> int:
        """The line of an offset into `text` or `masked` (they keep the same lines)."""
        return bisect.bisect_right(self._line_starts, offset)

    @functools.cached_property
    def _line_starts(self) -> list[int]:
        # Found by bisection: counting newlines from the top for each link of a long
        # page would be quadratic.
        return [0, *(match.end() for match in re.finditer("\n", self.text))]

    @property
    def body_text(self) -> str:
        return self.text[self.body :]

    @property
    def title(self) -> str:
        """Front matter `title:`, else the text of the heading the body opens with, else
        of its first `# heading` (not one in code), else the file's name."""
        found = H1.finditer(self.masked, self.body)
        later = (heading_text(self.text[m.start() : m.end()]) for m in found)
        h1 = self._opening_heading() or next(filter(None, later), "")
        return str(self.meta.get("title") or h1).strip() or self._file_title()

    def _file_title(self) -> str:
        stem = posixpath.basename(self.src_uri)[:-3]
        if stem in ("index", "README"):  # a folder's page, named as MkDocs names it
            return "Index" if "/" in self.src_uri else "Home"
        return stem

    def rendered_title(self) -> str | None:
        """The title MkDocs will give the page after rendering it, when the body opens
        with a plain `# heading` and the front matter names no title; else None."""
        if "title" in self.meta:
            return None
        written, first, _ = self._first_lines
        plain = PLAIN_H1.fullmatch(written.rstrip()) if first.strip() else None
        return plain.group(1).strip() if plain else None

    def opens_with_heading(self) -> bool:
        """Whether the body's first block is a `# heading` (or `===` underlined) with
        text, which MkDocs takes the title from; otherwise it makes one of the file's name."""
        return bool(self._opening_heading())

    def _opening_heading(self) -> str:
        """The text of the heading the body opens with ("" if it opens with none)."""
        written, first, then = self._first_lines
        if H1.fullmatch(first):
            return heading_text(written)
        if first.strip() and SETEXT_H1.match(then):
            return heading_text(written.strip())
        return ""

    @functools.cached_property
    def _first_lines(self) -> tuple[str, str, str]:
        """The body's first line that is not blank as written, the same line with code
        blanked (so a body that opens with code opens with no heading), and the next."""
        text, masked = self.body_text.split("\n"), self.masked[self.body :].split("\n")
        at = next((i for i, line in enumerate(text) if line.strip()), len(text))
        masked += ["", ""]
        return (text + [""])[at], masked[at], masked[at + 1]


def read_source(src_uri: str, shown: str, data: bytes) -> Source:
    """The page as the stages read it; a page too big to render, not UTF-8 text or with
    a control character is only its problem (notes/source_limits.py, core/text_file.py)."""
    text, problem = text_of(data, shown)
    opening = FRONT_MATTER.match(text)
    body = opening.end() if opening else 0
    problem = size_problem(shown, len(data)) or problem
    lines = [] if problem else markdown_lines(text)
    problem = problem or markdown_problem(shown, lines, text.count("\n", 0, body) + 1)
    if problem is not None:
        return Source(src_uri, shown, "", None, {}, 0, [problem])
    block, meta, problems = parse_front_matter(shown, text)
    masked = "\n".join(line.visible for line in lines)
    source = Source(src_uri, shown, text, block, meta, body, problems, masked)
    source.pairs = text_pairs(source)
    return source


class SiteModel:
    """The site's pages by src_uri, read once per build."""

    def __init__(self) -> None:
        self.pages: dict[str, Source] = {}
        self.people: dict[str, dict] = {}  # docs/daily/.authors.yml, by author id
        self.authors_readable = True  # False: any author name is accepted
        self.shown: dict[str, list] = {}  # what each page shows from elsewhere, by src_uri
        # (text, id) of each page's headings as rendering gave them, by src_uri: those of
        # pages a `mkdocs serve --dirty` build does not render come from its record.
        self.headings: dict[str, list[tuple[str, str]]] = {}

    def shows(self, src_uri: str, what: object) -> None:
        """Page `src_uri` shows `what` (JSON-able) from other files: `mkdocs serve
        --dirty` renders it again when that changes (study_wiki/serve/dirty.py)."""
        self.shown.setdefault(src_uri, []).append(what)

    def read(self, files: Files, project: Project, memory: dict[str, Source]) -> None:
        """Every Markdown page of `files` that is a file under docs/ (not generated)."""
        self.pages, self.shown = {}, {}
        for file in files.documentation_pages():
            if not file.src_uri.endswith(".md") or file.generated_by or not file.abs_src_path:
                continue
            shown = project.page(file.src_uri)
            try:
                data = file.content_bytes
            except FileNotFoundError:
                self.pages[file.src_uri] = Source(
                    file.src_uri, shown, "", None, {}, 0, [removed_during_build(shown)]
                )
                continue
            known = memory.get(file.src_uri)
            if known is None or known.text.encode("utf-8") != source_key(data):
                known = memory[file.src_uri] = read_source(file.src_uri, shown, data)
            self.pages[file.src_uri] = known
        for gone in set(memory) - set(self.pages):
            del memory[gone]

    def read_folder(self, project: Project) -> None:
        """Every Markdown page under the docs folder but hidden ones, for an engine that
        gives no list of files (the Markdown extensions under another engine)."""
        folder = project.root / project.docs
        self.pages = {}
        for path in sorted(folder.rglob("*.md")):
            src_uri = path.relative_to(folder).as_posix()
            if not any(part.startswith(".") for part in src_uri.split("/")):
                data = path.read_bytes()
                self.pages[src_uri] = read_source(src_uri, project.page(src_uri), data)


class ModelStage(Stage[NoOptions]):
    """Reads the pages into the model (the shell hands every stage the same one), and
    gives MkDocs the titles it would compute, so that comparing pages (Material's blog
    looks each page up among its posts) need not read a title from Markdown."""

    def on_config(self, config: MkDocsConfig) -> None:
        """The authors file, read before Material's blog reads it; when it cannot be,
        the error is logged and the build goes on without authors (unless strict)."""
        self.site.people, self.site.authors_readable = {}, True
        try:
            self.site.people = read_authors(Path(config.docs_dir))
        except InputError as error:
            if config.strict:
                raise
            log.error("%s", error)
            self.site.authors_readable = False
            blog = config.plugins.get("material/blog")
            if blog is not None:  # it would stop at the same error
                blog.config.authors = False

    def on_files(self, files: Files, **_) -> None:
        self.site.read(files, self.project, self.kept.setdefault("sources", {}))

    def on_nav(self, nav: Navigation, *, files: Files, **_) -> None:
        for file in files.documentation_pages():
            if file.page is not None:
                self._title(file.page)

    def on_page_markdown(self, markdown: str, *, page: Page, **_):
        self._title(page)

    def on_page_content(self, html: str, *, page: Page, **_):
        if page.file.src_uri in self.site.pages:
            self.site.headings[page.file.src_uri] = headings_of(page.toc)

    def on_env(self, env, *, files: Files, **_):
        """Every page rendered: links to headings pointed at the ids the headings got (a
        dirty build's record has those it did not render)."""
        for file in files.documentation_pages():
            if file.page is not None and file.page.content:
                file.page.content = point_headings(file.page.content, self.site.headings)

    def _title(self, page: Page) -> None:
        source = self.site.pages.get(page.file.src_uri)
        if source is None or "title" in vars(page) or "title" in (page.meta or {}):
            return
        title = source.rendered_title()
        if title is None and not source.opens_with_heading():
            # The one title the timelines, links and glossary show, not MkDocs' own made
            # from the file's name (2021-09-22-note -> "2021 09 22 note").
            title = source.title
        if title is not None:
            page.title = title
