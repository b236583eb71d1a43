"""The daily log's list views convert each post's summary, not the whole post (Material's
blog converts all of it and cuts the HTML at `<!-- more -->`): once every page is rendered,
a post's `markdown` is cut above the separator when nothing after it can change that part."""

from __future__ import annotations

import logging
import posixpath
import re

from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from study_wiki.core.stage import Stage
from study_wiki.core.switches import Switch

log = logging.getLogger("mkdocs.plugins.study_wiki.blog_summaries")

# Lines after the separator that change how the text before it renders: link
# references and footnotes (the whole post is converted), and abbreviations, which
# apply to the whole page (the glossary appends them to every page): those are
# carried over to the part that is converted.
REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:|^ {0,3}\[\^", re.M)
ABBREVIATION = re.compile(r"^ {0,3}\*\[[^\]\n]+\]:.*$", re.M)
SNIPPET_INCLUDE = re.compile(r"-+8<-+")  # pymdownx.snippets, any dash count
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.M)
UNSAFE_HEAD = re.compile(r"<(?:div|details|section|article|table)\b[^>]*\bmarkdown\b", re.I)
# After the separator when the post goes on: the view's "more" is then not empty.
GOES_ON = "\n<!-- -->\n"


class BlogSummariesConfig(Config):
    enabled = Switch()


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


def summary(markdown: str, separator: str) -> str | None:
    """The Markdown a list view converts for a post, or None to convert it whole."""
    parts = split_at_separator(markdown, separator)
    if parts is None:
        return None
    head, tail = parts
    return head + "\n\n" + separator.strip() + "\n" + (GOES_ON if tail.strip() else "")


class BlogSummariesStage(Stage[BlogSummariesConfig]):
    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        blog = config.plugins.get("material/blog")
        if blog is None:
            return env
        options = blog.config
        posts = posixpath.normpath(options.post_dir.format(blog=options.blog_dir)) + "/"
        cut = whole = 0
        for file in files.documentation_pages():
            page = file.page
            if page is None or page.markdown is None or not file.src_uri.startswith(posts):
                continue
            short = summary(page.markdown, options.post_excerpt_separator)
            if short is None:
                whole += 1
            else:
                page.markdown, cut = short, cut + 1
        if cut or whole:
            log.info("blog excerpts: %d converted from the summary alone, %d whole", cut, whole)
        return env
