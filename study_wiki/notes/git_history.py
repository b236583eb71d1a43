"""The git dates stage: each page's last update, creation date and contributors, from
one `git log` of the docs folder per build. Outside a git checkout (a source tarball)
pages carry no dates; in a shallow clone, those of the commits that were fetched."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from study_wiki.core.stage import Stage, SwitchOnly
from study_wiki.notes.metadata import KST

log = logging.getLogger("mkdocs.plugins.study_wiki.git_dates")

RECORD = "\x1e"  # starts each commit in the log output


@dataclass
class PageHistory:
    updated: int = 0
    created: int = 0
    contributors: list[str] = field(default_factory=list)


def parse_log(output: str) -> dict[str, PageHistory]:
    """Per path: newest and oldest commit time and authors, newest first."""
    pages: dict[str, PageHistory] = {}
    for record in output.split(RECORD)[1:]:
        header, _, names = record.partition("\n")
        timestamp, author = header.split("\x00", 1)
        for name in filter(None, (line.strip() for line in names.splitlines())):
            page = pages.setdefault(name, PageHistory(updated=int(timestamp)))
            page.created = int(timestamp)
            if author not in page.contributors:
                page.contributors.append(author)
    return pages


def read_history(docs_dir: Path) -> dict[str, PageHistory]:
    command = ["git", "log", f"--format={RECORD}%at%x00%an", "--name-only", "--", "."]
    git = functools.partial(
        subprocess.run, cwd=docs_dir, capture_output=True, text=True, check=True
    )
    try:
        top = git(["git", "rev-parse", "--show-toplevel", "--is-shallow-repository"]).stdout.split()
        output = git(command).stdout
    except (OSError, subprocess.CalledProcessError):
        log.info("not a git checkout: pages are shown without update dates")
        return {}
    if top[1] == "true":
        log.info("shallow clone: update dates come from the fetched commits only")
    root = Path(top[0])
    prefix = docs_dir.resolve().relative_to(root).as_posix() + "/"
    return {
        name.removeprefix(prefix): page
        for name, page in parse_log(output).items()
        if name.startswith(prefix)
    }


def korean_date(timestamp: int) -> str:
    day = dt.datetime.fromtimestamp(timestamp, KST).date()
    return f"{day.year}년 {day.month}월 {day.day}일"


class GitDatesStage(Stage[SwitchOnly]):
    history: dict[str, PageHistory]  # by src_uri, read in on_files

    def on_files(self, files: Files, *, config: MkDocsConfig) -> None:
        self.history = read_history(Path(config.docs_dir))

    def on_page_markdown(self, markdown: str, *, page: Page, **_) -> None:
        found = self.history.get(page.file.src_uri)
        if found is not None:
            page.meta["git_revision_date_localized"] = korean_date(found.updated)
            page.meta["git_creation_date_localized"] = korean_date(found.created)
            page.meta["git_contributors"] = found.contributors
            # The sitemap's <lastmod>: the last change, not the build date.
            updated = dt.datetime.fromtimestamp(found.updated, KST)
            page.update_date = updated.date().isoformat()
