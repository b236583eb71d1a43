"""The build's errors, shown on the pages while `mkdocs serve` runs.

Bad input is logged as `file:line: what: how to fix` and the build goes on (a strict
build fails at the end). A page shows, above its text, the errors naming its source,
and every page shows those naming no page of the site (the authors file, the
glossary, references.bib, a navigation file, a page that could not be read): the page
a contributor has open says what to fix, and the server never has to stop.
"""

from __future__ import annotations

import logging

from markupsafe import Markup, escape

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

    def for_page(self, shown: str, pages: set[str]) -> list[str]:
        """Errors about the page shown as `shown` (docs/...), then those naming no page
        in `pages` (that were logged before the first page was rendered)."""
        if self.site_wide is None:
            self.site_wide = [m for m in self.messages if _source(m) not in pages]
        own = [m for m in self.messages if _source(m) == shown]
        return own + [m for m in self.site_wide if m not in own]


def _source(message: str) -> str:
    return message.split(":", 1)[0]


def errors_html(messages: list[str]) -> str:
    """The messages as a box for the top of a page (escaped: they quote contributors)."""
    items = Markup("").join(Markup("<li><code>{}</code></li>").format(m) for m in messages)
    box = Markup('<div class="build-error" role="alert"><p>{}</p><ul>{}</ul></div>\n')
    return str(box.format(escape(HEADING), items))
