"""Which contributor files may be published, decided before anything reads them: a
link (symlink) must stay inside the repository and out of .git/ (a link to
/proc/self/environ would publish secrets); a script or HTML file in docs/ would run
from the site's address (only mkdocs.yml's extra_javascript is published); an SVG
only when nothing in it can run or load (svg_policy.py); file names follow one rule
(CONTRIBUTING.md). Each problem is `path[:line]: what: how to fix`; the file is left out.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from study_wiki.messages import Problem
from study_wiki.svg_policy import check_svg

ACTIVE_SUFFIXES = {".html", ".htm", ".xhtml", ".xml", ".xsl", ".xslt", ".js", ".mjs"}
SCRIPT_SUFFIXES = {".js", ".mjs"}
# Meaningful in HTML (<>"'&`) or in a URL or path (#?%\), or unsafe in a shell (|*:).
NAME_CHARACTERS = re.compile(r"[<>\"'&`#?%\\|*:\x00-\x1f\x7f]")
CONTENT_FOLDERS = ("docs", "snippets", "includes")


def suggested_name(name: str) -> str:
    """The name with each run of characters the rule forbids replaced by one '-', and
    none at either end of its stem (its suffix kept when the rule allows it)."""
    name = unicodedata.normalize("NFC", name)
    suffix = os.path.splitext(name)[1]
    if NAME_CHARACTERS.search(suffix) or suffix != suffix.strip():
        suffix = ""
    stem = NAME_CHARACTERS.sub("-", name.removesuffix(suffix))
    return (re.sub(r"-{2,}", "-", stem).strip("- ") or "page") + suffix


def name_problems(paths: Iterable[str]) -> list[Problem]:
    """File names against the rule; `paths` relative to the project root, with '/'."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for path in sorted(paths):
        parts = path.split("/")
        for depth, part in enumerate(parts):
            if NAME_CHARACTERS.search(part) or part != part.strip():
                fixed = "/".join([*parts[:depth], suggested_name(part)])
                problems.append(
                    Problem(
                        "/".join(parts[: depth + 1]),
                        None,
                        "the name holds a character that HTML, URLs or shells give a "
                        f"meaning to: rename it, e.g. to {fixed}",
                    )
                )
                break
        key = unicodedata.normalize("NFC", path).casefold()
        if key in seen:
            problems.append(
                Problem(
                    path,
                    None,
                    f"differs from {seen[key]} only in case or Unicode normalization "
                    "(on macOS and Windows they are one file): rename one of them",
                )
            )
        else:
            seen[key] = path
    return list(dict.fromkeys(problems))


def escaping_link(path: Path, root: Path, folders: dict[Path, Path] | None = None) -> str | None:
    """Where a link under the repository leads, when that is outside it (or into .git).
    `folders` keeps each folder's real path for many files checked in one pass: a file
    that is not a link is where its folder really is."""
    if folders is None or path.is_symlink():
        target = path.resolve()
    else:
        if path.parent not in folders:
            folders[path.parent] = path.parent.resolve()
        target = folders[path.parent] / path.name
    if not target.is_relative_to(root) or target.is_relative_to(root / ".git"):
        return str(target)
    return None


def repository_problems(root: Path, folders: Iterable[str] = CONTENT_FOLDERS) -> list[Problem]:
    """Links that lead out of the repository, and names against the rule, in the
    content folders (links are reported, not followed)."""
    problems, paths = [], []
    for folder in folders:
        for directory, subdirectories, names in os.walk(root / folder):
            for name in sorted([*subdirectories, *names]):
                path = Path(directory) / name
                paths.append(path.relative_to(root).as_posix())
                if path.is_symlink() and (target := escaping_link(path, root)):
                    problems.append(
                        Problem(
                            paths[-1],
                            None,
                            f"is a link to {target}, outside the repository: copy the "
                            "file into the repository instead of linking to it",
                        )
                    )
    return problems + name_problems(paths)


def active_file_problem(shown: str, src_uri: str, declared_scripts: set[str]) -> Problem | None:
    suffix = Path(src_uri).suffix.lower()
    if suffix not in ACTIVE_SUFFIXES or src_uri in declared_scripts:
        return None
    if suffix in SCRIPT_SUFFIXES:
        fix = (
            "would run from the site's own address: the site publishes only the scripts "
            "mkdocs.yml lists under extra_javascript; remove it (or list it there, "
            "reviewed like code)"
        )
    else:
        fix = (
            "would be published as a page that no check reads: write the page in "
            "Markdown (.md) instead"
        )
    return Problem(shown, None, fix)


def svg_problems(shown: str, data: bytes) -> list[Problem]:
    return [
        Problem(shown, finding.line, f"{finding.what}: {finding.why}: remove it (not published)")
        for finding in check_svg(data)
    ]
