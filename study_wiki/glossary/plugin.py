"""The glossary stage: from `includes/glossary.yml` the 용어집 page, the abbreviation tooltips
and a hidden search field holding every name of each term a document mentions (the pages'
"한국어(English)" pairs too), so an English query finds a page written in Korean."""

from __future__ import annotations

import functools
import logging
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import jinja2
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from study_wiki.core.stage import Stage
from study_wiki.core.switches import Switch
from study_wiki.escaping import markup_text
from study_wiki.glossary.pairs import Names, name_groups
from study_wiki.glossary.terms import Term, load_terms
from study_wiki.messages import Problem
from study_wiki.timelines import render
from study_wiki.timelines.render import Markdown

log = logging.getLogger("mkdocs.plugins.study_wiki.glossary")

FIELD = "glossary"
HANGUL = re.compile(r"[\uac00-\ud7a3]")


class GlossaryConfig(Config):
    enabled = Switch()
    terms_file = c.Type(str, default="includes/glossary.yml")
    page = c.Type(str, default="glossary.md")
    title = c.Type(str, default="용어집")
    search_boost = c.Type(float, default=1.0)


def anchor(term: Term) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", term.en.lower()).strip("-")
    return slug or f"term-{term.line}"


def glossary_markdown(
    env: jinja2.Environment,
    terms: list[Term],
    page: str,
    data_name: str,
    title: str,
    titles: dict[str, str] | None = None,
) -> str:
    """The page from template `generated/glossary.md`; `titles` of the linked pages."""
    rows = [
        (term, Markdown(anchor(term)), (titles or {}).get(term.page, term.page))
        for term in sorted(terms, key=lambda t: t.ko)
    ]
    return render.page(
        env, "glossary", page, terms=rows, data_name=Markdown(data_name), title=title
    )


def abbreviations(terms: list[Term]) -> str:
    return "\n".join(
        f"*[{t.abbr}]: {t.en}, {t.ko}" for t in sorted(terms, key=lambda t: t.abbr or "") if t.abbr
    )


def _pattern(form: str) -> re.Pattern[str]:
    """A term's name inside plain text: Hangul anywhere (particles follow it), with or
    without its spaces; Latin as whole words, ignoring case (an abbreviation keeps it)."""
    words = [re.escape(w) for w in form.split()]
    if HANGUL.search(form):
        return re.compile(r"\s*".join(words))
    flags = 0 if form.isupper() else re.I
    return re.compile(r"(?<![A-Za-z0-9])" + r"[\s-]+".join(words) + r"(?![A-Za-z0-9])", flags)


FirstWords = dict[str, list[tuple[int, re.Pattern[str]]]]


def first_words(forms: Iterable[tuple[int, str]], *, fold: bool) -> FirstWords:
    """(entry, pattern) of each form, by the form's first word (`fold`: case-folded): a
    text without that word cannot match the form, and a substring test is far cheaper."""
    by_first_word: FirstWords = {}
    for at, form in forms:
        word = form.split()[0]
        by_first_word.setdefault(word.casefold() if fold else word, []).append((at, _pattern(form)))
    return by_first_word


def named_in(text: str, by_first_word: FirstWords, *, fold: bool) -> set[int]:
    """The entries whose forms `text` names."""
    looked_in = text.casefold() if fold else text
    named: set[int] = set()
    for word, forms in by_first_word.items():
        if word in looked_in:
            named.update(at for at, pattern in forms if at not in named and pattern.search(text))
    return named


@dataclass(frozen=True, eq=False)
class Synonyms:
    """Each term's names for the search index, and how to find the terms in a text."""

    names: tuple[str, ...]  # by term
    by_first_word: FirstWords

    def named_in(self, text: str) -> list[int]:
        """The terms `text` names, in order."""
        return sorted(named_in(text, self.by_first_word, fold=True))


@functools.lru_cache(maxsize=8)
def synonym_index(terms: tuple) -> Synonyms:
    """Search names and patterns of each term or name group (anything with ``.forms``)."""
    names = [
        " ".join(dict.fromkeys(w.lower() for f in term.forms for w in f.split())) for term in terms
    ]
    forms = ((at, form) for at, term in enumerate(terms) for form in term.forms)
    return Synonyms(tuple(names), first_words(forms, fold=True))


# `mkdocs serve --dirty` keeps every page's search sections and this runs on all of
# them after each save: a section's text gives the same names (`synonyms`, the same
# object while the terms are the same, is keyed by identity).
@functools.lru_cache(maxsize=32768)
def synonyms_in(section: str, synonyms: Synonyms) -> str:
    """The names of every term a search section (title and HTML text) names."""
    found = [synonyms.names[term] for term in synonyms.named_in(markup_text(section))]
    return " ".join(dict.fromkeys(" ".join(found).split()))


# A pair only the text gives ("페이지(HTML)") whose Korean name appears in more than this
# share of all search sections is too general to stand for one term.
GENERAL_SHARE = 0.2


def specific(
    groups: tuple[Names, ...], docs: list[dict], kept: dict | None = None
) -> tuple[Names, ...]:
    """The glossary's groups, and the pairs' groups whose Korean name is not a common word.
    Hangul forms are looked for as written: case folding would cost more than the count.
    `kept` (what the stage keeps between the builds of one `mkdocs serve`) holds the
    groups each section named, for the Hangul forms they were looked for with."""
    hangul = tuple(
        (at, form)
        for at, group in enumerate(groups)
        if not group.defined
        for form in group.forms
        if HANGUL.search(form)
    )
    known = kept.get(hangul, {}) if kept is not None else {}
    korean = first_words(hangul, fold=False)
    named: Counter[int] = Counter()
    found: dict[str, set[int]] = {}
    for doc in docs:
        section = f"{doc.get('title', '')} \n {doc.get('text', '')}"
        if section not in found:
            found[section] = (
                known[section]
                if section in known
                else named_in(markup_text(section), korean, fold=False)
            )
        named.update(found[section])
    if kept is not None:
        kept.clear()
        kept[hangul] = found
    limit = GENERAL_SHARE * len(docs)
    return tuple(group for at, group in enumerate(groups) if named[at] <= limit)


def add_synonyms(
    index: dict,
    terms: list[Term],
    boost: float,
    pairs: Sequence[tuple[str, str]] = (),
    kept: dict | None = None,
) -> int:
    """Give each search document that names a term (or one side of a text pair) all of
    that term's names (`kept`: see `specific`)."""
    docs = index.get("docs", [])
    synonyms = synonym_index(specific(name_groups(terms, list(pairs)), docs, kept))
    count = 0
    for doc in docs:
        names = synonyms_in(f"{doc.get('title', '')} \n {doc.get('text', '')}", synonyms)
        if names:
            doc[FIELD] = names
            count += 1
    index.setdefault("config", {}).setdefault("fields", {})[FIELD] = {"boost": boost}
    return count


class GlossaryStage(Stage[GlossaryConfig]):
    terms: list[Term]
    problems: list[Problem]
    pairs: list[tuple[str, str]]  # the pages' "한국어(English)" pairs, once each

    def on_config(self, config: MkDocsConfig) -> None:
        self.terms, self.problems = [], []
        path = self.project.root / self.config.terms_file
        if not path.is_file():
            log.info("glossary: %s not found; no glossary page, tooltips or synonyms", path)
            return
        self.terms, self.problems = load_terms(path, self.config.terms_file)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> None:
        for problem in self.problems:
            log.error("%s", problem)
        pairs = [pair for source in self.site.pages.values() for pair in source.pairs]
        self.pairs = list(dict.fromkeys(pairs))
        if not self.terms:
            return
        good = []
        for term in self.terms:
            if files.get_file_from_path(term.page) is None:
                what = f"term '{term.ko}' links to '{term.page}', which is not a page under docs/"
                log.error("%s", Problem(self.config.terms_file, term.line, f"{what}: fix the link"))
            else:
                good.append(term)
        self.terms = good
        if files.get_file_from_path(self.config.page) is not None:
            log.error(
                "%s exists, but the glossary page is generated there: rename the file "
                "or set `glossary: page:` under `study-wiki` in mkdocs.yml",
                self.project.page(self.config.page),
            )
            return
        titles = {t.page: s.title for t in self.terms if (s := self.site.pages.get(t.page))}
        content = glossary_markdown(
            render.templates(config.theme.dirs),
            self.terms,
            self.config.page,
            self.config.terms_file,
            self.config.title,
            titles,
        )
        files.append(File.generated(config, self.config.page, content=content))

    def on_page_markdown(self, markdown: str, *, page: Page, **_) -> str | None:
        if not self.terms or not page.file.src_uri.endswith(".md"):
            return markdown
        block = abbreviations(self.terms)
        return f"{markdown}\n\n{block}\n" if block else markdown

    def on_search_index(self, index: dict, **_) -> dict | None:
        if not self.terms and not self.pairs:
            return None
        kept = self.kept.setdefault("named", {}) if self.run.serving else None
        count = add_synonyms(index, self.terms, self.config.search_boost, self.pairs, kept)
        log.debug("glossary: synonyms added to %d search documents", count)
        return index
