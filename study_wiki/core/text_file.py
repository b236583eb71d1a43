"""Contributors' text files, read one way: UTF-8 text without control characters, or a
problem naming the file and line."""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from study_wiki.core.portable import source_text
from study_wiki.messages import Problem, not_utf8

# C0 controls but tab, newline and carriage return, and DEL: invisible on the page and
# not allowed in XML (the feeds), they are nearly always pasted by accident.
CONTROL = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f]")


class InputError(PluginError):
    """Bad contributor input; the message is `file:line: what is wrong: how to fix it`."""


def text_of(data: bytes, shown: str) -> tuple[str, Problem | None]:
    """A file's text as core/portable.py reads every source, or "" and what is wrong
    with it (not UTF-8, a control character); `shown` names it in the problem."""
    try:
        text = source_text(data)
    except UnicodeDecodeError as error:
        return "", not_utf8(shown, data, error)
    found = CONTROL.search(text)
    if found is None:
        return text, None
    return "", Problem(
        shown,
        text.count("\n", 0, found.start()) + 1,
        f"contains the control character U+{ord(found.group()):04X}, which shows as "
        "nothing: delete it (retype the text around it if you cannot see it)",
    )


def read_text(path: Path, shown: str) -> str:
    """The file's text (InputError when it is not UTF-8 or holds a control character)."""
    text, problem = text_of(path.read_bytes(), shown)
    if problem is not None:
        raise InputError(str(problem))
    return text
