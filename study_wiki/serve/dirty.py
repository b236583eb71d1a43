"""What `mkdocs serve --dirty` must render again beyond pages whose source is newer: the
record of what each page shows (ARCHITECTURE.md, "The site model"), kept from one dirty
build to the next, and the files many pages show, whose change renders every page.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from study_wiki.core.atomic_file import holds, write_cache
from study_wiki.core.portable import portable_path

SITE = ""  # the record's entry for what every page shows
SHARED_IN_DOCS = (".authors.yml", ".nav.yml")
SHARED_FOLDERS = ("includes", "overrides")
SHARED_AT_ROOT = ("references.bib",)


def shared_inputs_digest(root: Path, docs_dir: Path) -> str:
    """A hash over the names and bytes of every file many pages show."""
    digest = hashlib.sha256()
    files = [p for name in SHARED_IN_DOCS for p in docs_dir.rglob(name)]
    files += [p for folder in SHARED_FOLDERS for p in (root / folder).rglob("*")]
    files += [root / name for name in SHARED_AT_ROOT]
    for path in sorted(p for p in files if p.is_file()):
        digest.update(portable_path(path.relative_to(root)).encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"unreadable")
    return digest.hexdigest()


def digest(shown: object) -> str:
    text = json.dumps(shown, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def save_record(record: Path, current: dict[str, dict]) -> None:
    """Writes the record unless the file holds it already (its keys are sorted)."""
    text = json.dumps(current, ensure_ascii=False, sort_keys=True)
    if not holds(record, text):
        write_cache(record, text)


def view_signature(view, separator: str, posts: dict[int, str]) -> str:
    """Hash of what a list view shows: its own address and source, its place among
    its pages, and every post it lists (`posts` keeps the hash of each post and of each
    list of posts by id: the pages of a paginated view share one list of posts)."""
    pages = list(getattr(view, "pages", None) or [])
    place = next((at for at, page in enumerate(pages) if page is view), 0)
    if id(view.posts) not in posts:
        for post in view.posts:
            if id(post) not in posts:
                summary = (post.markdown or "").split(separator, 1)[0]
                shown = [post.file.src_uri, post.url, post.title, post.meta, summary]
                posts[id(post)] = digest(shown)
        posts[id(view.posts)] = digest([posts[id(post)] for post in view.posts])
    listed = posts[id(view.posts)]
    return digest(
        [view.file.src_uri, view.url, view.file.content_string, place, len(pages), listed]
    )


def generated_page_signature(file) -> str:
    """Hash of a page a plugin generated whole: its addresses and its Markdown."""
    return digest([file.src_uri, file.dest_uri, file.content_string])
