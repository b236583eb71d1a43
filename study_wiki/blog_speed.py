"""Material's blog plugin at scale: the same output, without the quadratic work.

A profile of a 1,000-note build (`cProfile`, see docs/performance.md) shows two causes
of the ~40 ms a note that the build grows by:

- Every excerpt in every list view (index, archive, categories, pages of each) is
  rendered by converting the *whole* post, code blocks and maths included, and then
  cutting the HTML at `<!-- more -->`: ~3,900 full conversions at 1,000 notes.
  `FastExcerpt` converts only the part before the separator when nothing after it
  can change that part (no reference, footnote or abbreviation definitions after
  it, the separator alone on a line outside any fence), so the HTML is the same
  bytes. Otherwise it falls back to the stock rendering.
- `page not in blog.posts` runs for every page in three events; list membership
  compares pages with `Page.__eq__`, which re-parses each post's Markdown for its
  title: ~2.7 million comparisons at 1,000 notes. The posts list is swapped for one
  that tests identity, which is what the plugin means (posts are unique objects).
- Each post's front matter is parsed again by the blog with PyYAML's pure-Python
  loader (7 % of the build); libyaml's loader builds the same objects, faster, and
  `mkdocs serve` parses a text it has seen before only once.

Switch off with WIKI_BLOG_SPEED=false (tests build both ways and compare the bytes).
"""

from __future__ import annotations

import copy
import logging
import re

import yaml
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from study_wiki.core.stage import Stage
from study_wiki.core.yaml_once import load_once

try:
    from material.plugins.blog import structure as blog_structure
    from material.plugins.blog.plugin import BlogPlugin
    from material.plugins.blog.structure import Excerpt
except ImportError:  # pragma: no cover - Material is a locked dependency
    BlogPlugin = Excerpt = blog_structure = None

# Lines after the separator that change how the text before it renders: link
# references and footnotes (fall back to the stock render), and abbreviations, which
# apply to the whole page (the glossary appends them to every page): those are
# carried over to the part that is converted.
REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:|^ {0,3}\[\^", re.M)
ABBREVIATION = re.compile(r"^ {0,3}\*\[[^\]\n]+\]:.*$", re.M)
# Anything in an excerpt that may become a URL relative to the view (not the post).
LINKISH = re.compile(r"\]\(|\]\[|\]:|<a\b|<img\b|href|src=|://|\[\[|www\.", re.I)
SNIPPET_INCLUDE = re.compile(r"-+8<-+")  # pymdownx.snippets, any dash count
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.M)
UNSAFE_HEAD = re.compile(r"<(?:div|details|section|article|table)\b[^>]*\bmarkdown\b", re.I)


log = logging.getLogger("mkdocs.plugins.study_wiki.blog_speed")

# Excerpt renders this build: from the summary alone, or of the whole post (fallback).
COUNTS = {"summary": 0, "full": 0}


class IdentityList(list):
    """A list whose `in` compares by identity: O(n) pointer checks, no `__eq__`."""

    def __contains__(self, item: object) -> bool:
        return any(entry is item for entry in self)


def split_at_separator(markdown: str, separator: str) -> tuple[str, str] | None:
    """(before, after) when rendering only `before` gives the excerpt's exact bytes."""
    marker = "\n\n" + separator.strip() + "\n"
    at = markdown.find(marker)
    if at < 0 or markdown.find(separator) != at + 2:
        return None
    head, tail = markdown[:at], markdown[at + len(marker) :]
    if tail and not tail.startswith("\n"):
        return None  # the comment must stand alone as an HTML block
    if len(FENCE.findall(head)) % 2 or UNSAFE_HEAD.search(head):
        return None
    # Definitions after the separator, or a snippet include that may hold some.
    if REFERENCE.search(tail) or SNIPPET_INCLUDE.search(tail):
        return None
    if ABBREVIATION.search(tail):
        block = abbreviation_definitions(tail)
        if block is None:
            return None
        head = head + "\n\n" + block
    return head, tail


def abbreviation_definitions(tail: str) -> str | None:
    """The abbreviation lines of `tail`, each at the start of a block and outside code
    and comments (as the glossary appends them); None if any is elsewhere."""
    found = []
    fence: str | None = None
    in_comment = False
    previous = ""
    for line in tail.split("\n"):
        opener = FENCE.match(line)
        if fence is not None:
            if opener and opener.group(1).startswith(fence) and not line[opener.end() :].strip():
                fence = None
        elif in_comment:
            in_comment = "-->" not in line
        elif opener:
            fence = opener.group(1)
        elif "<!--" in line:
            in_comment = "-->" not in line.split("<!--", 1)[1]
        if ABBREVIATION.fullmatch(line):
            outside = fence is None and not in_comment and not opener
            if not outside or not (not previous.strip() or ABBREVIATION.fullmatch(previous)):
                return None
            found.append(line.strip())
        previous = line
    return "\n".join(found)


class FastExcerpt(Excerpt):
    """An excerpt that converts only the Markdown before the separator when safe."""

    def render(self, page: Page, separator: str) -> None:
        markdown = self.post.markdown
        if not self.post._title_from_render:
            markdown = "\n\n".join([f"# {self.post.title}", markdown])
        parts = split_at_separator(markdown, separator)
        if parts is None:
            COUNTS["full"] += 1
            super().render(page, separator)
            return
        COUNTS["summary"] += 1
        head, tail = parts
        # Views at the same relative distance from the post get the same bytes when
        # the only links in the excerpt are its own anchors (resolved to that path).
        memo_key = None
        if not LINKISH.search(head):
            memo_key = (markdown, separator, get_relative_url(self.post.url, page.url))
            memo = self.__dict__.setdefault("_memo", {}).get(memo_key)
            if memo is not None:
                self.markdown, self.content, self.more = markdown, memo[0], memo[1]
                self.toc = get_toc(copy.deepcopy(memo[2]))
                return
        self.file.url = page.url
        at = self.md.treeprocessors.get_index_for_name("excerpt")
        self.md.treeprocessors[at].base = page
        self.markdown = markdown
        # The separator is kept as the last block, exactly as in the full render.
        content = self.md.convert(head + "\n\n" + separator.strip() + "\n")
        self.content = content.split(separator, 1)[0]
        # Templates only test whether there is more to read ("계속 읽기").
        self.more = "\n" if tail.strip() else None
        tokens = getattr(self.md, "toc_tokens", [])
        self.toc = get_toc(copy.deepcopy(tokens))
        self.file.url = self.post.url
        if memo_key is not None:
            self._memo[memo_key] = (self.content, self.more, copy.deepcopy(tokens))


class YamlParsedOnce:
    """`yaml` as the blog's structure module sees it: `mkdocs serve` makes every post
    again after each save, and a post's front matter parses to the same mapping."""

    def __getattr__(self, name: str):
        return getattr(yaml, name)

    @staticmethod
    def load(stream, Loader):
        if not isinstance(stream, str):
            return yaml.load(stream, Loader)
        return load_once(stream, Loader)


PARSED_ONCE = YamlParsedOnce()


class BlogSpeedConfig(Config):
    enabled = c.Type(bool, default=True)


class BlogSpeedStage(Stage[BlogSpeedConfig]):
    """Runs after Material's blog in `on_nav` and `on_page_markdown`."""

    def on_config(self, config):
        COUNTS.update(summary=0, full=0)
        if blog_structure is not None:
            fast = self.config.enabled and hasattr(yaml, "CSafeLoader")
            blog_structure.SafeLoader = yaml.CSafeLoader if fast else yaml.SafeLoader
            blog_structure.yaml = PARSED_ONCE if self.config.enabled else yaml
        return config

    def _blogs(self, config) -> list:
        if BlogPlugin is None:
            return []
        return [p for p in config.plugins.values() if isinstance(p, BlogPlugin)]

    def on_nav(self, nav: Navigation, *, config, files) -> Navigation:
        if self.config.enabled:
            for blog in self._blogs(config):
                if getattr(blog, "blog", None) is not None:
                    blog.blog.posts = IdentityList(blog.blog.posts)
        return nav

    def after_blog_page_markdown(self, markdown: str, *, page: Page, config, files) -> str:
        excerpt = getattr(page, "excerpt", None)
        if self.config.enabled and type(excerpt) is Excerpt:
            excerpt.__class__ = FastExcerpt
        return markdown

    def on_post_build(self, *, config) -> None:
        if self.config.enabled and any(COUNTS.values()):
            log.info(
                "blog excerpts: %d converted from the summary alone, %d from the whole post",
                COUNTS["summary"],
                COUNTS["full"],
            )
