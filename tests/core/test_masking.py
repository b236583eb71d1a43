"""The one masker (study_wiki/masking.py) hides exactly what Python-Markdown, with the
site's block extensions, shows as code or leaves out as a comment."""

from __future__ import annotations

import re

import markdown
import pytest

from study_wiki.masking import mask_code

EXTENSIONS = ["admonition", "pymdownx.superfences", "pymdownx.details", "pymdownx.tabbed"]
PAGES = [
    "```\nMARK\n```",
    "````\nMARK\n```\n````",  # a shorter fence does not close a longer one
    "```\nMARK\n````",  # nor a longer one: never closed, so no fence but text
    "```\nMARK",
    "~~~python\nMARK\n~~~",
    "  ```\n  MARK\n  ```",
    "- item\n\n    ```\n    MARK\n    ```",
    "text\n\n    MARK",  # indented code
    "text\n    MARK",  # a paragraph's next line
    "    code\n\n    MARK",
    "- item\n\n    MARK",  # a list item's next paragraph
    "1. item\n\n    MARK",
    "- a\n    - b\n\n        MARK",
    "!!! note\n\n    MARK",
    "!!! note\n\n        MARK",
    '??? note "t"\n\n    MARK',
    '=== "tab"\n\n    MARK',
    "<!-- MARK -->",
    "<!--\nMARK\n-->",
    "<!--\n\nMARK",  # never closed: text
    "text <!-- x\n\nMARK\n\n-->",  # opened inside a line and not closed on it: text
    "text <!-- MARK --> more",
    "`<!--` a\n\nMARK\n\n-->",  # inside a code span: opens nothing
    "`a\nMARK b`",  # a code span goes on to the paragraph's next line
    "`a\n\nMARK b`",  # but not past its end
    "x `a\n<!-- b` -->\nMARK",  # nor past an HTML block
    "<!--\n`\n-->\nMARK `",  # a backtick in a comment opens no span
    "<!-- a --> <!-- b\nMARK\n-->",  # a comment after one that begins the line
    "x <!-- a --> <!-- b\n\nMARK\n\n-->",
    "``a ` MARK``",
]


@pytest.mark.parametrize("page", PAGES)
def test_the_mask_hides_what_markdown_shows_as_code_or_comment(page: str) -> None:
    rendered = markdown.markdown(page + "\n", extensions=EXTENSIONS)
    shown = "MARK" in re.sub(r"<code>.*?</code>|<!--.*?-->", "", rendered, flags=re.S)
    masked = mask_code(page + "\n")
    assert ("MARK" in masked) is shown
    assert [len(line) for line in masked.split("\n")] == [
        len(line) for line in (page + "\n").split("\n")
    ]
