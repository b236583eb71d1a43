"""Contributors' text files, read one way: UTF-8 text without control characters, or an
error naming the file and line."""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from study_wiki.core.portable import source_text
from study_wiki.messages import not_utf8

# C0 controls but tab, newline and carriage return, and DEL: invisible on the page and
# not allowed in XML (the feeds), they are nearly always pasted by accident.
CONTROL = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f]")


def control_character(text: str) -> str | None:
    """`line N: what: how to fix` for the first control character in `text`, or None."""
    found = CONTROL.search(text)
    if found is None:
        return None
    line = text.count("\n", 0, found.start()) + 1
    return (
        f"{line}: contains the control character U+{ord(found.group()):04X}, which shows as "
        "nothing: delete it (retype the text around it if you cannot see it)"
    )


class InputError(PluginError):
    """Bad contributor input; the message is `file:line: what is wrong: how to fix it`."""


def read_text(path: Path, shown: str) -> str:
    """The file's text, as core/portable.py reads every source (InputError when it is
    not UTF-8 or holds a control character); `shown` names it in the message."""
    data = path.read_bytes()
    try:
        text = source_text(data)
    except UnicodeDecodeError as error:
        raise InputError(not_utf8(shown, data, error)) from None
    if problem := control_character(text):
        raise InputError(f"{shown}:{problem}")
    return text
