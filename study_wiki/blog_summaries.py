"""The daily log's list views convert each post's summary, not the whole post (Material's
blog converts all of it and cuts the HTML at `<!-- more -->`): once every page is rendered,
a post's `markdown` is cut above the separator when nothing after it can change that part."""

from __future__ import annotations

import logging
import posixpath
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from study_wiki.core.stage import Stage, SwitchOnly
from study_wiki.masking import Line, markdown_lines
from study_wiki.notes.frontmatter import SNIPPET_INCLUDE

log = logging.getLogger("mkdocs.plugins.study_wiki.blog_summaries")

# Lines after the separator that change how the text before it renders: link
# references and footnotes (the whole post is converted), and abbreviations, which
# apply to the whole page (the glossary appends them to every page): those are
# carried over to the part that is converted.
REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:|^ {0,3}\[\^", re.M)
ABBREVIATION = re.compile(r"^ {0,3}\*\[[^\]\n]+\]:.*$", re.M)
UNSAFE_HEAD = re.compile(r"<(?:div|details|section|article|table)\b[^>]*\bmarkdown\b", re.I)
# After the separator when the post goes on: the view's "more" is then not empty.
GOES_ON = "\n<!-- -->\n"


def split_at_separator(markdown: str, separator: str) -> tuple[str, str] | None:
    """(before, after) when rendering only `before` gives the excerpt's exact bytes."""
    marker = "\n\n" + separator.strip() + "\n"
    at = markdown.find(marker)
    if at < 0 or markdown.find(separator) != at + 2:
        return None
    head, tail = markdown[:at], markdown[at + len(marker) :]
    if tail and not tail.startswith("\n"):
        return None  # the comment must stand alone as an HTML block
    lines = markdown_lines(markdown)
    line = head.count("\n") + 2  # the separator's, from 0
    if lines[line].code or lines[line].commented or UNSAFE_HEAD.search(head):
        return None
    # Definitions after the separator, or a snippet include that may hold some.
    if REFERENCE.search(tail) or SNIPPET_INCLUDE.search(tail):
        return None
    if ABBREVIATION.search(tail):
        block = abbreviation_definitions(lines[line + 1 :])
        if block is None:
            return None
        head = head + "\n\n" + block
    return head, tail


def abbreviation_definitions(lines: list[Line]) -> str | None:
    """The abbreviation lines among `lines`, each at the start of a block and outside
    code and comments (as the glossary appends them); None if any is elsewhere."""
    found = []
    previous = ""
    for line in lines:
        if ABBREVIATION.fullmatch(line.text):
            at_block_start = not previous.strip() or ABBREVIATION.fullmatch(previous)
            if line.code or line.commented or not at_block_start:
                return None
            found.append(line.text.strip())
        previous = line.text
    return "\n".join(found)


def summary(markdown: str, separator: str) -> str | None:
    """The Markdown a list view converts for a post, or None to convert it whole."""
    parts = split_at_separator(markdown, separator)
    if parts is None:
        return None
    head, tail = parts
    return head + "\n\n" + separator.strip() + "\n" + (GOES_ON if tail.strip() else "")


class BlogSummariesStage(Stage[SwitchOnly]):
    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        blog = config.plugins.get("material/blog")
        if blog is None:
            return
        options = blog.config
        posts = posixpath.normpath(options.post_dir.format(blog=options.blog_dir)) + "/"
        cut = whole = 0
        # `mkdocs serve` keeps each post's summary while its Markdown stays the same.
        known, summaries = self.kept.get("summaries", {}), {}
        for file in files.documentation_pages():
            page = file.page
            if page is None or page.markdown is None or not file.src_uri.startswith(posts):
                continue
            key = (page.markdown, options.post_excerpt_separator)
            short = summaries[key] = known[key] if key in known else summary(*key)
            if short is None:
                whole += 1
            else:
                page.markdown, cut = short, cut + 1
        self.kept["summaries"] = summaries
        if cut or whole:
            log.info("blog excerpts: %d converted from the summary alone, %d whole", cut, whole)
