"""The site's link index, read from the sources before any page is rendered: names of pages,
their labels, every link between pages with its sentence, and what is wrong, at file:line.
A link to a heading is checked once the pages are rendered (`check_headings`)."""

from __future__ import annotations

import difflib
import posixpath
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from study_wiki.links.headings import heading_id
from study_wiki.links.syntax import (
    CITATION,
    EQ_LABEL,
    FIG_LABEL,
    REF,
    WIKILINK_RE,
    cite_items,
    normalize,
    split_label,
    strip_inline,
)
from study_wiki.messages import Problem
from study_wiki.model import Source

# The lookbehind after the first character: see REF.
MD_LINK = re.compile(r"\[(?<!!\[)(?P<text>[^\]\n]+)\]\((?P<href>[^)\s#]+\.md)(?:#[^)\s]*)?[^)]*\)")
SENTENCE_END = re.compile(r"(?<=[.?!。])\s+")
CONTEXT_CHARS = 240
# Source looked at on each side of a link for its sentence: without a bound, every link
# of a long paragraph (or table line) reads the whole paragraph.
WINDOW = 8 * CONTEXT_CHARS


@dataclass
class PageInfo:
    src_uri: str
    shown: str  # path as an author sees it: docs/topics/lstm.md
    title: str
    aliases: list[str]
    meta: dict
    labels: dict[str, dict[str, int]] = field(default_factory=lambda: {"eq": {}, "fig": {}})

    def names(self) -> list[str]:
        stem = posixpath.splitext(self.src_uri)[0]
        base = posixpath.basename(stem)
        folder = posixpath.dirname(stem) or "index"  # what an index page is called
        slug = str(self.meta.get("slug") or "")
        names = [stem, self.title, *self.aliases, folder if base == "index" else base, slug]
        return [n for n in names if n]


@dataclass(frozen=True)
class Link:
    """One link from `source` to `target` (a src_uri), or to a page still to be written."""

    source: str
    line: int
    target: str | None
    todo_name: str = ""
    context: tuple[str, str, str] = ("", "", "")  # before, link text, after


@dataclass(frozen=True)
class HeadingLink:
    """A wikilink `raw` at `source`:`line` to heading `anchor` of page `target`."""

    source: str
    line: int
    raw: str
    target: str
    anchor: str


@dataclass
class Resolution:
    page: PageInfo | None
    problem: str | None = None
    ambiguous: bool = False


HEADING_FIX = "write a heading's text or id after the #"
EQ_LABEL_LINES = re.compile(EQ_LABEL.pattern, re.M)


def sentence_around(
    source: str, start: int, end: int, shown: str | None = None
) -> tuple[str, str, str]:
    """(before, link, after) of the sentence holding source[start:end], bounded in size."""
    low, high = max(0, start - WINDOW), min(len(source), end + WINDOW)
    line_start = max(low, source.rfind("\n", low, start) + 1)
    if source[line_start:start].lstrip().startswith("|"):  # a table row: the link's cell
        para_start = source.rfind("|", line_start, start) + 1
        line_end = source.find("\n", end, high)
        line_end = high if line_end < 0 else line_end
        cell_end = source.find("|", end, line_end)
        para_end = line_end if cell_end < 0 else cell_end
    else:
        para_start = source.rfind("\n\n", low, start)
        para_end = source.find("\n\n", end, high)
        para_start = low if para_start < 0 else para_start + 2
        para_end = high if para_end < 0 else para_end
    before_all, link, after_all = source[para_start:start], source[start:end], source[end:para_end]
    before = SENTENCE_END.split(before_all)[-1]
    after = SENTENCE_END.split(after_all, maxsplit=1)[0]
    before, after = strip_inline(before + " ."), strip_inline(". " + after)
    before, after = before[:-1].rstrip(), after[1:].lstrip()
    if len(before) > CONTEXT_CHARS // 2:
        before = "…" + before[-CONTEXT_CHARS // 2 :].split(" ", 1)[-1]
    if len(after) > CONTEXT_CHARS // 2:
        after = after[: CONTEXT_CHARS // 2].rsplit(" ", 1)[0] + "…"
    return before, shown or strip_inline(link), after


class LinkIndex:
    def __init__(self) -> None:
        self.pages: dict[str, PageInfo] = {}
        self.names: dict[str, set[str]] = defaultdict(set)
        self.links: list[Link] = []
        self.heading_links: list[HeadingLink] = []
        self.headings: dict[str, list[tuple[str, str]]] = {}  # see check_headings
        self.problems: list[Problem] = []
        self._backlinks: dict[str, list[Link]] | None = None
        self.no_bib_told = False

    def add_page(self, source: Source) -> None:
        src_uri, shown, meta, masked = source.src_uri, source.shown, source.meta, source.masked
        aliases = meta.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [aliases]
        page = PageInfo(src_uri, shown, source.title, [str(a) for a in aliases], meta)
        for kind, pattern in (("eq", EQ_LABEL_LINES), ("fig", FIG_LABEL)):
            for match in pattern.finditer(masked) if "{#" in masked else ():
                line_no = source.line_of(match.start())
                label = match.group("label")
                numbers = page.labels[kind]
                if label in numbers:
                    self.problems.append(
                        Problem(
                            shown,
                            line_no,
                            f"label {{#{kind}:{label}}} is used twice on this page: "
                            "give each one its own name",
                        )
                    )
                    continue
                numbers[label] = len(numbers) + 1
        self.pages[src_uri] = page
        for name in page.names():
            self.names[normalize(name)].add(src_uri)

    def resolve(self, name: str) -> Resolution:
        key = normalize(name.removesuffix(".md"))
        found = sorted(self.names.get(key, ()))
        if len(found) == 1:
            return Resolution(self.pages[found[0]])
        if found:
            listed = ", ".join(f"{self.pages[s].shown} ({self.pages[s].title})" for s in found)
            paths = [posixpath.splitext(s)[0] for s in found]
            return Resolution(
                None,
                f"matches {len(found)} pages: {listed}; write one of them by path: "
                + ", ".join(f"[[{p}]]" for p in paths),
                ambiguous=True,
            )
        close = difflib.get_close_matches(key, list(self.names), n=3, cutoff=0.6)
        shown = [self.pages[sorted(self.names[c])[0]].title for c in close]
        hint = f" (closest: {', '.join(shown)})" if shown else ""
        return Resolution(
            None,
            f"no page has this file name, title or alias{hint}: fix the name, or write "
            f"[[?{name}]] for a page still to be written",
        )

    @staticmethod
    def display_name(page: PageInfo, written: str) -> str:
        """What a plain [[name]] shows: an alias or title as written, else the page's title."""
        spoken = {normalize(name) for name in (page.title, *page.aliases)}
        return written if normalize(written) in spoken else page.title

    def heading_id(self, page: PageInfo, anchor: str) -> str | None:
        return heading_id(self.headings.get(page.src_uri, []), anchor)

    def scan_links(
        self, page_source: Source, bib_keys: Iterable[str] | None, no_bib: str | None
    ) -> None:
        """Every link, reference and citation of one page: recorded, and checked. Without
        a bibliography (`bib_keys` None) the site's first citation says `no_bib`, if any."""
        src_uri, source, masked = page_source.src_uri, page_source.text, page_source.masked
        page = self.pages[src_uri]
        for match in WIKILINK_RE.finditer(masked):
            line = page_source.line_of(match.start())
            self._check_wikilink(page, match, line, source)
        for match in MD_LINK.finditer(masked):
            href = match.group("href")
            if "://" in href or href.startswith("/"):
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), href))
            if target in self.pages and target != src_uri:
                context = sentence_around(source, match.start(), match.end())
                self.links.append(
                    Link(src_uri, page_source.line_of(match.start()), target, context=context)
                )
        self._check_references(page, page_source)
        self._check_citations(page, page_source, bib_keys, no_bib)

    def _check_references(self, page: PageInfo, source: Source) -> None:
        for match in re.finditer(REF, source.masked):
            kind, label = match.group("kind"), match.group("label")
            if label in page.labels[kind]:
                continue
            known = ", ".join(f"@{kind}:{k}" for k in page.labels[kind]) or "none"
            how = "`$$ {#eq:%s}`" if kind == "eq" else '`![..](snippet:.. "..."){#fig:%s}`'
            what = "equation" if kind == "eq" else "figure"
            self.problems.append(
                Problem(
                    page.shown,
                    source.line_of(match.start()),
                    f"@{kind}:{label}: no {what} on this page is labelled {{#{kind}:{label}}} "
                    f"(labels: {known}): fix the name, or label the {what} with {how % label}",
                )
            )

    def _check_citations(
        self, page: PageInfo, source: Source, bib_keys: Iterable[str] | None, no_bib: str | None
    ) -> None:
        keys = set(bib_keys or ())
        for match in re.finditer(CITATION, source.masked):
            for key, _ in cite_items(match.group("body")) or []:
                if key.startswith(("eq:", "fig:")) or key in keys:
                    continue
                if bib_keys is None:
                    if no_bib is None or self.no_bib_told:
                        continue
                    self.no_bib_told = True
                    message = f"citation [@{key}]: {no_bib}"
                else:
                    close = difflib.get_close_matches(key, sorted(keys), n=3, cutoff=0.5)
                    hint = f" (closest: {', '.join(close)})" if close else ""
                    message = (
                        f"citation [@{key}]: key '{key}' is not in references.bib{hint}: "
                        "fix the key, or add the entry to references.bib"
                    )
                self.problems.append(Problem(page.shown, source.line_of(match.start()), message))

    def _check_wikilink(self, page: PageInfo, match: re.Match[str], line: int, source: str):
        raw = match.group(0)
        target, anchor = match.group("target").strip(), (match.group("anchor") or "").strip()
        todo = bool(match.group("todo"))
        if not target and not anchor:
            self.problems.append(Problem(page.shown, line, f"wikilink {raw} is empty"))
            return
        resolved = self.resolve(target) if target else Resolution(page)
        if resolved.page is None:
            if todo and not resolved.ambiguous:
                context = sentence_around(source, match.start(), match.end(), target)
                self.links.append(Link(page.src_uri, line, None, target, context))
                return
            self.problems.append(Problem(page.shown, line, f"wikilink {raw}: {resolved.problem}"))
            return
        if split_label(anchor)[0]:
            problem = self._anchor_problem(resolved.page, anchor)
            if problem:
                self.problems.append(Problem(page.shown, line, f"wikilink {raw}: {problem}"))
                return
        elif anchor:  # checked once the pages are rendered (check_headings)
            self.heading_links.append(
                HeadingLink(page.src_uri, line, raw, resolved.page.src_uri, anchor)
            )
        if resolved.page.src_uri != page.src_uri:
            shown = (
                (match.group("text") or "").strip()
                or anchor
                or self.display_name(resolved.page, target)
            )
            context = sentence_around(source, match.start(), match.end(), shown)
            self.links.append(Link(page.src_uri, line, resolved.page.src_uri, context=context))

    def check_headings(self, headings: dict[str, list[tuple[str, str]]]) -> list[Problem]:
        """Every wikilink to a heading, against the headings the pages really got: (text,
        id) of each page's, by src_uri."""
        self.headings, problems = headings, []
        for link in self.heading_links:
            problem = self._anchor_problem(self.pages[link.target], link.anchor)
            if problem:
                shown = self.pages[link.source].shown
                problems.append(Problem(shown, link.line, f"wikilink {link.raw}: {problem}"))
        return problems

    def _anchor_problem(self, page: PageInfo, anchor: str) -> str | None:
        kind, label = split_label(anchor)
        if kind:
            if label in page.labels[kind]:
                return None
            known = ", ".join(f"{kind}:{k}" for k in page.labels[kind]) or "none"
            return f"{page.shown} has no label {{#{kind}:{label}}} (labels: {known})"
        if self.heading_id(page, anchor) is not None:
            return None
        texts = list(dict.fromkeys(text for text, _ in self.headings.get(page.src_uri, [])))
        close = difflib.get_close_matches(anchor, texts, n=3, cutoff=0.4)
        known = (
            f"closest: {', '.join(close)}"
            if close
            else f"headings: {', '.join(texts[:5]) or 'none'}"
        )
        return f"{page.shown} has no heading '{anchor}' ({known}): {HEADING_FIX}"

    def backlinks(self, src_uri: str) -> list[Link]:
        """Links to the page, one per source line, sorted by source title."""
        if self._backlinks is None:
            grouped: dict[str, dict[tuple[str, int], Link]] = defaultdict(dict)
            for link in self.links:
                if link.target is not None:
                    grouped[link.target].setdefault((link.source, link.line), link)
            self._backlinks = {
                target: sorted(found.values(), key=lambda k: (self.pages[k.source].title, k.line))
                for target, found in grouped.items()
            }
        return self._backlinks.get(src_uri, [])

    def outgoing(self) -> dict[str, set[str]]:
        targets: dict[str, set[str]] = defaultdict(set)
        for link in self.links:
            if link.target is not None:
                targets[link.source].add(link.target)
        return targets

    def orphans(self, skip: Callable[[str], bool]) -> list[PageInfo]:
        linked = {link.target for link in self.links if link.target}
        return sorted(
            (p for s, p in self.pages.items() if s not in linked and not skip(s)),
            key=lambda p: p.shown,
        )

    def todo_targets(self) -> dict[str, list[Link]]:
        wanted: dict[str, list[Link]] = defaultdict(list)
        for link in self.links:
            if link.target is None:
                wanted[link.todo_name].append(link)
        return dict(sorted(wanted.items()))
