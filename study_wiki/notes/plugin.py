"""The front matter stage: every page's front matter checked before anything reads it.
Unless the build is strict, a page that fails (it would stop the build, or make other
plugins fail) is replaced by a stand-in at its address (ARCHITECTURE.md, "The site model").
"""

from __future__ import annotations

import copy
import datetime as dt
import fnmatch
import posixpath
import re
import unicodedata
from pathlib import Path, PurePosixPath

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from study_wiki.core.atomic_file import cached_file
from study_wiki.core.stage import NoOptions, Stage
from study_wiki.core.text_file import InputError
from study_wiki.escaping import escape_authors, escape_meta, escape_titles, striptags_escaped
from study_wiki.messages import Problem, problems_logged
from study_wiki.model import STUDY, log, part_of, read_source
from study_wiki.notes.frontmatter import (
    NAV_FILE,
    check_pages,
    file_problem,
    include_problem,
)
from study_wiki.notes.schema import SLUG

TITLE = "빌드 오류"
DESCRIPTION = "이 페이지는 고쳐야 할 오류가 있어 내용 대신 오류를 보여 줍니다."
DATED_NAME = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})-(?P<name>.+)$")


class FrontMatterStage(Stage[NoOptions]):
    people: dict[str, dict]  # the authors file, escaped
    nav: Navigation | None = None

    def on_config(self, config: MkDocsConfig) -> None:
        self.people = copy.deepcopy(self.site.people)
        escape_authors(self.people)

    def before_files(self, files: Files, **_) -> Files:
        """Names in one spelling before any plugin looks pages up by name: pages named in
        decomposed Unicode (NFD, as macOS may write Korean names) get the name, URL and
        place in the site their NFC spelling has on Linux; they are still read from where
        they are on disk."""
        if all(unicodedata.is_normalized("NFC", file.src_uri) for file in files):
            return files
        renamed = []
        for file in files:
            name = unicodedata.normalize("NFC", file.src_uri)
            if name != file.src_uri:
                source = file.abs_src_path
                file = File(
                    name,
                    src_dir=file.src_dir,
                    dest_dir=file.dest_dir,
                    use_directory_urls=file.use_directory_urls,
                    inclusion=file.inclusion,
                )
                file.abs_src_path = source
            renamed.append(file)

        def walk_order(file: File) -> tuple:
            """MkDocs' own order (folders depth first, `index` first in each)."""
            *folders, name = file.src_uri.split("/")
            return folders, posixpath.splitext(name)[0] not in ("index", "README"), name

        return Files(sorted(renamed, key=walk_order))

    def on_files(self, files: Files, *, config: MkDocsConfig) -> None:
        """Every page checked, before Material's blog and the other stages read it.
        A page that fails is logged and, unless the build is strict, replaced by a
        stand-in (stand_in_markdown) in the files and in the site model."""
        problems = self._problems(files, config)
        for found in problems.values():
            for problem in found:
                log.error("%s", problem)
        docs_dir = Path(config.docs_dir)
        if problems and config.strict:
            # Strict mode's count: these and what other stages (file names) logged before.
            count = problems_logged()
            raise InputError(f"{count} problem(s) in {docs_dir.name}/; see the errors above")
        # The blog reads posts from their files: stand-ins are files too, in the cache.
        folder = self.project.cache / "stand-ins"
        for src_uri in problems:  # a navigation file left out: its folder's default order
            file = files.get_file_from_path(src_uri)
            if file is not None:
                files.remove(file)
            if src_uri.endswith(".md"):
                known = self.site.pages.get(src_uri)
                content = stand_in_markdown(src_uri, known.meta if known else {})
                path = cached_file(folder / src_uri, content)
                src_dir = str(path)[: -len(src_uri)]
                files.append(File(src_uri, src_dir, config.site_dir, config.use_directory_urls))
                shown = self.project.page(src_uri)
                self.site.pages[src_uri] = read_source(src_uri, shown, content.encode("utf-8"))
        blog = config.plugins.get("material/blog")
        if blog is not None and getattr(blog, "authors", None):
            escape_authors(blog.authors)

    def _problems(self, files: Files, config: MkDocsConfig) -> dict[str, list[Problem]]:
        """The problems of the model's pages, of their includes, and of the notebooks
        and navigation files (which the model does not hold), by src_uri."""
        blog = config.plugins.get("material/blog")
        problems = check_pages(
            self.site.pages.values(),
            sorted(self.people) if self.site.authors_readable else None,
            list(blog.config.categories_allowed) if blog else [],
            self.kept.setdefault("checked", {}),
        )
        if "pymdownx.snippets" in config.markdown_extensions:
            options = config.mdx_configs.get("pymdownx.snippets", {})
            for source in self.site.pages.values():
                if source.src_uri not in problems:
                    found = include_problem(source.shown, source.text, options, self.project.root)
                    if found is not None:
                        problems[source.src_uri] = [found]
        for file in other_sources(files, config):
            path = Path(str(file.abs_src_path))
            if problem := file_problem(path, self.project.page(file.src_uri)):
                problems[file.src_uri] = [problem]
        return dict(sorted(problems.items()))

    def on_nav(self, nav: Navigation, *, files: Files, **_) -> None:
        for file in files.documentation_pages():
            if file.page is not None and file.page.meta:
                escape_meta(file.page.meta)
        self.nav = nav

    def on_env(self, env, *, files: Files, **_):
        """Titles are final once every page is rendered, and no template has run yet."""
        env.filters["striptags"] = striptags_escaped
        pages = [file.page for file in files.documentation_pages() if file.page is not None]
        escape_titles(self.nav, pages)

    def on_page_markdown(self, markdown: str, *, page: Page, **_) -> None:
        """Escape contributor text; give templates the authors' display names (the blog
        does this for posts only)."""
        escape_meta(page.meta)
        authors = page.meta.get("authors")
        if authors and part_of(page.file.src_uri) != STUDY:
            # The id itself for someone not in the authors file.
            page.meta["author_names"] = [self.people.get(a, {}).get("name", a) for a in authors]


def other_sources(files: Files, config: MkDocsConfig) -> list[File]:
    """The files of docs/ other plugins read as text that the model does not hold:
    notebooks (mkdocs-jupyter) and navigation files (mkdocs-awesome-nav)."""
    jupyter = config.plugins.get("mkdocs-jupyter")
    notebooks = list(jupyter.config["include"]) if jupyter is not None else []
    return [
        file
        for file in files
        if file.abs_src_path is not None
        and not file.generated_by
        and (
            any(fnmatch.fnmatch(file.src_uri, pattern) for pattern in notebooks)
            or posixpath.basename(file.src_uri) == NAV_FILE
        )
    ]


def stand_in_markdown(src_uri: str, meta: dict) -> str:
    """A page titled 빌드 오류; a post keeps its date and slug, hence its address,
    when they can be read from its front matter or its file name."""
    front: dict = {"title": TITLE, "description": DESCRIPTION, "search": {"exclude": True}}
    if part_of(src_uri) == STUDY:
        stem = PurePosixPath(src_uri).stem
        named = DATED_NAME.match(stem)
        date = meta.get("date")
        if not isinstance(date, dt.date):
            try:
                date = dt.date.fromisoformat(named["date"]) if named else dt.date(2000, 1, 1)
            except ValueError:
                date = dt.date(2000, 1, 1)
        slug = meta.get("slug")
        if not (isinstance(slug, str) and SLUG.match(slug)):
            slug = re.sub(r"[^a-z0-9]+", "-", (named["name"] if named else stem).lower())
            slug = slug.strip("-") or "page"
        front |= {"date": date, "slug": slug}
    dumped = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
    return f"---\n{dumped}---\n\n# {TITLE}\n"
