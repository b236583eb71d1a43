"""The serve stage: the build's errors shown above the text of the pages they name (and those
naming no page on every page), so the page a contributor has open says what to fix; with
`--dirty`, pages rendered again exactly when what they show changed (serve/dirty.py)."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from material.plugins.blog.plugin import BlogPlugin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation

from study_wiki.core.atomic_file import forget_cache
from study_wiki.core.json_cache import read_json_object
from study_wiki.core.stage import NoOptions, Stage
from study_wiki.serve.dirty import (
    SITE,
    digest,
    generated_page_signature,
    save_record,
    shared_inputs_digest,
    view_signature,
)

log = logging.getLogger("mkdocs.plugins.study_wiki.dirty_serve")
NOT_FOUND = "404.html"
HEADING = "빌드 오류: 고칠 때까지 strict 빌드(make build)는 실패합니다."


class BuildErrors(logging.Handler):
    """Errors logged under MkDocs' logger during one build, and plugins' warnings
    (MkDocs' own warnings are about the build, e.g. that it is a dirty one)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []
        self.site_wide: list[str] | None = None  # fixed once pages start rendering

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR or record.name.startswith("mkdocs.plugins."):
            self.messages.append(record.getMessage())

    def start(self) -> None:
        self.messages, self.site_wide = [], None

    def fix_site_wide(self, pages: set[str]) -> None:
        """The errors so far naming no page in `pages` are shown on every page."""
        self.site_wide = [m for m in self.messages if _source(m) not in pages]

    def for_page(self, shown: str) -> list[str]:
        """Errors about the page shown as `shown` (docs/...), then the site's."""
        own = [m for m in self.messages if _source(m) == shown]
        return own + [m for m in self.site_wide or [] if m not in own]


def _source(message: str) -> str:
    return message.split(":", 1)[0]


def errors_html(messages: list[str]) -> str:
    """The messages as a box for the top of a page (escaped: they quote contributors)."""
    items = Markup("").join(Markup("<li><code>{}</code></li>").format(m) for m in messages)
    box = Markup('<div class="build-error" role="alert"><p>{}</p><ul>{}</ul></div>\n')
    return str(box.format(escape(HEADING), items))


class DirtyServeStage(Stage[NoOptions]):
    current: dict[str, str]  # this dirty build's record: what each page shows, hashed
    previous: dict[str, str]
    recorded: dict[str, dict]  # the last dirty build's record (serve/dirty.py)

    def __init__(self, *args: Any) -> None:
        """Made before any stage's on_config: records the errors of the whole build."""
        super().__init__(*args)
        if "errors" not in self.kept:
            self.kept["errors"] = BuildErrors()
            logging.getLogger("mkdocs").addHandler(self.kept["errors"])
        self.errors: BuildErrors = self.kept["errors"]
        self.errors.start()
        # Built pages that showed errors: this build renders them again, whatever
        # changed (the fix may be in a file that is not theirs).
        for html in self.kept.pop("with_errors", set()):
            Path(html).unlink(missing_ok=True)
        self.with_errors: set[str] = self.kept.setdefault("with_errors", set())
        # The files many pages show, hashed before any stage or plugin reads them (the
        # folders are the last build's): one saved while this build runs is a change
        # for the next build, whichever version this one read.
        folders = self.kept.get("shared_folders")
        self.shared_at_start = (
            (folders, shared_inputs_digest(*folders)) if self.run.dirty and folders else None
        )

    def on_shutdown(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self.errors)
        self.kept.pop("errors", None)

    def on_page_content(self, html: str, *, files: Files, **_) -> None:
        """Errors logged before the first page renders that name no page are the site's."""
        if self.errors.site_wide is None:
            pages = {self.project.page(f.src_uri) for f in files if f.is_documentation_page()}
            self.errors.fix_site_wide(pages)

    def on_env(self, env, *, files: Files, **_):
        """The build's errors above the text of each page rendered, once all are: links to
        headings are checked then."""
        for file in files.documentation_pages():
            if file.page is None or not file.page.content:
                continue
            messages = self.errors.for_page(self.project.page(file.src_uri))
            if messages:
                self.with_errors.add(file.abs_dest_path)
                file.page.content = errors_html(messages) + file.page.content

    def on_files(self, files: Files, *, config: MkDocsConfig) -> None:
        self.record = self.project.cache / "dirty-serve" / "shown.json"
        if not self.run.dirty:  # a full build renders every page: the next dirty one too
            forget_cache(self.record)
            return
        # The last dirty build's `shown`, what each page showed, hashed, and `headings`,
        # the headings each page got (SiteModel.headings); {} when there is none.
        self.recorded = read_json_object(self.record)
        self.previous = self.recorded.get("shown", {})
        recorded = self.recorded.get("headings", {}).items()
        self.site.headings.update((src, ids) for src, ids in recorded if src in self.site.pages)
        pages = sorted(file.src_uri for file in files.documentation_pages())
        folders = self.kept["shared_folders"] = (self.project.root, Path(config.docs_dir))
        if self.shared_at_start and self.shared_at_start[0] == folders:
            shared = self.shared_at_start[1]
        else:  # a session's first build: MkDocs starts watching files after it
            shared = shared_inputs_digest(*folders)
        self.current = {SITE: digest([pages, shared])}
        if self.previous.get(SITE) != self.current[SITE]:
            built = list(Path(config.site_dir).rglob("*.html"))
            for html in built:
                html.unlink(missing_ok=True)
            if SITE in self.previous and built:
                log.info(
                    "pages were added or removed, or a file many pages show changed: "
                    "re-rendering every page"
                )
        elif (Path(config.site_dir) / NOT_FOUND).is_file():
            # The error page shows what every page shows (the navigation, the shared
            # files), unchanged: MkDocs would render it again on every save.
            config.theme.static_templates.discard(NOT_FOUND)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> None:
        """Drops the HTML of every page whose record changed; generated pages and blog
        views, which MkDocs would render on every dirty build, are rendered only then."""
        if not self.run.dirty:
            return
        views = self._record_views(config)
        pages = {file.src_uri: file for file in views}
        for file in files.documentation_pages():
            if file.src_uri not in pages and file.abs_src_path is None:
                self.site.shows(file.src_uri, generated_page_signature(file))
            pages.setdefault(file.src_uri, file)
        # A page's own text too, as the model read it: saved again after MkDocs read the
        # page, its HTML is newer than its source but holds the version before.
        shown = {src: [source.text] for src, source in self.site.pages.items()}
        for src, what in self.site.shown.items():
            shown.setdefault(src, []).extend(what)
        self.current.update((src, digest(what)) for src, what in shown.items())
        view_ids = {id(file) for file in views}
        counts = {"blog views": [0, 0], "generated pages": [0, 0]}  # [re-rendered, unchanged]
        for src, file in pages.items():
            if src not in self.current:
                continue  # not in the model (a notebook): rendered when its source is newer
            unchanged = self.previous.get(src) == self.current[src]
            unchanged = unchanged and os.path.isfile(file.abs_dest_path)
            if not unchanged:
                Path(file.abs_dest_path).unlink(missing_ok=True)
            is_view = id(file) in view_ids
            if file.abs_src_path is None or is_view:
                # MkDocs asks each page's file whether to render it again. The daily log's
                # first page is a real file, never newer than its HTML: forced when changed.
                vars(file)["is_modified"] = (
                    unless_built(file.abs_dest_path) if unchanged else (lambda: True)
                )
                counts["blog views" if is_view else "generated pages"][unchanged] += 1
        for kind, (rendered, skipped) in counts.items():
            if rendered + skipped:
                log.info("%s: %d re-rendered, %d unchanged", kind, rendered, skipped)

    def _record_views(self, config: MkDocsConfig) -> list[File]:
        """The blog's views' files, each with what it shows recorded in the model."""
        views = []
        for plugin in config.plugins.values():
            if isinstance(plugin, BlogPlugin):
                separator = plugin.config.post_excerpt_separator
                posts: dict[int, str] = {}
                for view in all_views(plugin.blog):
                    self.site.shows(view.file.src_uri, view_signature(view, separator, posts))
                    views.append(view.file)
        return views

    def on_post_build(self, **_) -> None:
        if self.run.dirty:  # recorded once the build has written the pages
            current: dict[str, dict] = {"shown": self.current, "headings": self.site.headings}
            save_record(self.record, current)


def unless_built(html: str):
    """`File.is_modified` for a page whose signature is unchanged: render it only if its
    HTML is gone (dropped as stale by a plugin between now and its rendering)."""
    return lambda: not os.path.isfile(html)


def all_views(blog) -> list:
    """The blog's index and every archive and category view, with their further pages."""
    found, seen, stack = [], set(), [blog]
    while stack:
        view = stack.pop()
        for page in [view, *(getattr(view, "pages", None) or [])]:
            if id(page) not in seen:
                seen.add(id(page))
                found.append(page)
        stack.extend(view.views)
    return found
