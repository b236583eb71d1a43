"""Which generated pages a `mkdocs serve --dirty` rebuild can leave as they are.

MkDocs re-renders every page a plugin generates on every dirty rebuild: it cannot
tell whether generated text changed. Two kinds are told apart here.

Material's blog generates its list views (the daily log's pages, archive and
category pages) afresh on every build, so a dirty rebuild re-rendered all of them
(about 400 at 1,000 notes) for any saved file, while the first page of the daily
log, a real file, was never re-rendered at all. A view's HTML is a function of its
posts' front matter, addresses and summaries: its signature hashes exactly those,
and a view whose signature matches the last build's (and whose HTML is there) is
skipped; any other view is rendered.

The other generated pages (the programme's level and week pages, the members'
pages, the glossary) are Markdown written whole by their stage: their signature is
that Markdown. Both join what the other stages record of what each page shows
(serve/dirty.py).
"""

from __future__ import annotations

import hashlib
import json


def summary(markdown: str, separator: str) -> str:
    """The part of a post its list entry shows: everything above the separator."""
    return markdown.split(separator, 1)[0] if separator in markdown else markdown


def post_fingerprint(post, separator: str) -> str:
    data = [
        post.file.src_uri,
        post.url,
        post.title,
        json.dumps(post.meta, sort_keys=True, default=str, ensure_ascii=False),
        summary(post.markdown or "", separator),
    ]
    text = json.dumps(data, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fingerprint(post, separator: str, memo: dict[int, str]) -> str:
    if id(post) not in memo:
        memo[id(post)] = post_fingerprint(post, separator)
    return memo[id(post)]


def view_signature(view, separator: str, posts: dict[int, str] | None = None) -> str:
    """Hash of what a list view shows: its own address and source, its place among
    its pages, and every post it lists. `posts` memoises post fingerprints by id
    (the pages of a paginated view share one list of posts)."""
    posts = {} if posts is None else posts
    pages = list(getattr(view, "pages", None) or [])
    place = next((at for at, page in enumerate(pages) if page is view), 0)
    data = [
        view.file.src_uri,
        view.url,
        view.file.content_string,
        place,
        len(pages),
        [fingerprint(post, separator, posts) for post in view.posts],
    ]
    text = json.dumps(data, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def generated_page_signature(file) -> str:
    """Hash of a page a plugin generated whole: its addresses and its Markdown."""
    data = [file.src_uri, file.dest_uri, file.content_string]
    text = json.dumps(data, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
