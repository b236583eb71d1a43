"""Korean names with their English beside them, as the notes write them: "셀 상태(cell state)".

Each pair joins the search synonyms, so "cell state" finds a page that only says
"셀 상태", and the reverse. The Korean name is the run of Hangul words before the
parenthesis without leading words that end in a particle or verb ending ("정해지는 망각
게이트" gives "망각 게이트"); the English, any comma-separated item inside made of
Latin letters only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from study_wiki.model import Source

MATHS = re.compile(r"\$\$.*?\$\$|\$[^$\n]+\$", re.S)
EMPHASIS = re.compile(r"(\*\*|__|\*)")
PAIR = re.compile(r"(?P<ko>[가-힣]+(?: [가-힣]+){0,3}) ?\((?P<inside>[^()]{1,120})\)")
ENGLISH = re.compile(r"^[A-Za-z][A-Za-z0-9'’-]*(?: [A-Za-z0-9'’-]+){0,3}$")
# A word before the name ending in one of these is a particle or a verb ending.
ENDINGS = (
    "은", "는", "이", "가", "을", "를", "의", "에", "와", "과", "도", "로", "만", "서",
    "면", "고", "며", "게", "다", "요", "니", "데", "한", "된", "인", "던", "할", "될", "해",
)  # fmt: skip
# A name does not end like a verb or a particle: "사라지는(vanish)" is no pair.
LAST_ENDINGS = ("는", "은", "을", "를", "서", "며", "면", "니", "만", "나", "다", "게", "고")


def korean_name(words: list[str]) -> str | None:
    """The name at the end of the words before "(", or None if they end like a verb."""
    if words[-1].endswith(LAST_ENDINGS):
        return None
    name = [words[-1]]
    for word in reversed(words[:-1]):
        if word.endswith(ENDINGS):
            break
        name.insert(0, word)
    return " ".join(name)


def paragraphs(source: Source) -> list[str]:
    """The page's prose (its body without code, comments and maths), one string per
    paragraph with its line breaks as spaces."""
    text = EMPHASIS.sub("", MATHS.sub(" ", source.masked[source.body :]))
    return [" ".join(block.split()) for block in re.split(r"\n[ \t]*\n", text)]


def text_pairs(source: Source) -> list[tuple[str, str]]:
    """("셀 상태", "cell state") for every "셀 상태(cell state)" in the page's prose."""
    pairs = []
    for paragraph in paragraphs(source):
        for match in PAIR.finditer(paragraph):
            ko = korean_name(match.group("ko").split())
            if ko is None:
                continue
            for item in match.group("inside").split(","):
                item = item.strip()
                if ENGLISH.match(item) and len(item) >= 2:
                    pairs.append((ko, item))
    return list(dict.fromkeys(pairs))


@dataclass(frozen=True)
class Names:
    """One concept's names for search: a glossary term's forms, joined by the text's pairs."""

    forms: tuple[str, ...]
    defined: bool = True  # False: only the pages' pairs name it, the glossary does not


def name_groups(terms, pairs: list[tuple[str, str]]) -> tuple[Names, ...]:
    """Glossary terms (anything with .forms) and text pairs, merged where they share a name."""
    groups: list[list[str]] = [list(term.forms) for term in terms]
    defined = len(groups)
    where = {form.casefold(): i for i, group in enumerate(groups) for form in group}
    for ko, en in pairs:
        found = [where[f.casefold()] for f in (ko, en) if f.casefold() in where]
        if not found:  # a new group, which the loop at the end fills
            groups.append([])
        keep = found[0] if found else len(groups) - 1
        for other in found[1:]:
            if other != keep:  # the pair joins two groups: move the second into the first
                for form in groups[other]:
                    where[form.casefold()] = keep
                groups[keep] += groups[other]
                groups[other] = []
        for form in (ko, en):
            if form.casefold() not in where:
                groups[keep].append(form)
                where[form.casefold()] = keep
    return tuple(
        Names(tuple(dict.fromkeys(g)), defined=i < defined) for i, g in enumerate(groups) if g
    )
