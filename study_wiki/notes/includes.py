"""A page's `--8<--` includes (pymdownx.snippets), tried before the page is rendered.

An include that cannot be found or read stops the whole build at that page without
saying which line (and `mkdocs serve` waits until it is fixed). Each include line is
tried here on its own, by pymdownx's own preprocessor, to name the line; and the
page with its includes in place must stay within the size limit.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import markdown
from pymdownx.snippets import SnippetExtension, SnippetMissingError, SnippetPreprocessor

from study_wiki.core.text_file import text_of
from study_wiki.messages import Problem
from study_wiki.notes.source_limits import size_problem

MARKER = re.compile(r"-+8<-+")


def include_problem(shown: str, text: str, options: dict, root: Path) -> Problem | None:
    """The first include of `text` that cannot be read, or the includes making the
    page too big; None when all is well.
    `options` are pymdownx.snippets' settings from mkdocs.yml."""
    if not MARKER.search(text):
        return None
    snippets = SnippetPreprocessor(SnippetExtension(**options).getConfigs(), markdown.Markdown())
    bases = " or ".join(os.path.relpath(base, root) for base in snippets.base_path)
    for number, line in enumerate(text.split("\n"), start=1):
        found = snippets.RE_ALL_SNIPPETS.match(line)
        if not found or found.group("escape") or not found.group("inline_marker"):
            continue
        name = found.group("snippet")[1:-1].strip()
        try:
            snippets.run([line])
        except SnippetMissingError:
            return Problem(
                shown,
                number,
                f"includes {name}, which is not a file under {bases}: "
                "fix the name (a path relative to one of those folders)",
            )
        except UnicodeDecodeError:
            path = snippets.get_snippet_path(name.split(":")[0])
            _, problem = text_of(
                Path(path).read_bytes(), Path(os.path.relpath(path, root)).as_posix()
            )
            if problem is not None:
                return Problem(
                    problem.path, problem.line, f"{problem.message} (included by {shown}:{number})"
                )
    try:
        expanded = "\n".join(snippets.run(text.split("\n")))
    except (SnippetMissingError, UnicodeDecodeError) as error:
        return Problem(
            shown, 1, f"an include block (--8<-- on lines of its own) fails ({error}): fix it"
        )
    return size_problem(shown, len(expanded.encode("utf-8")))
