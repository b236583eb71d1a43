"""A file saved at any moment of a `mkdocs serve --dirty` build is shown by the next
build, the one the watcher starts for that save (tests/support/dirty_rebuilds.py saves
it just before a chosen MkDocs event of a build)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.serve.test_serve_shared_files import BREAKAGES, POST, error_box
from tests.support.dirty_rebuilds import Save, dirty_rebuilds
from tests.support.mini_project import make_mini_project, write
from tests.support.project import build_env

pytestmark = pytest.mark.builds

POST_PATH = "docs/daily/posts/2021-09-20-shared.md"
POST_PAGE = "daily/2021/09/20/shared/index.html"


def pages_after_saves(project: Path, steps: list[tuple[list[Save], str]]) -> list[str]:
    """For each step (saves, page), the saves made during one dirty build (each just
    before its event), then `page` as the next build left it."""
    pages, log = dirty_rebuilds(project, steps, build_env(WIKI_GIT_DATES="false"))
    (project.parent / "builds.log").write_text(log, encoding="utf-8")
    return pages


def shared_project(tmp_path: Path) -> Path:
    project = make_mini_project(tmp_path / "project")
    write(project / POST_PATH, POST)
    write(project / "references.bib", "@misc{pascanu2013,\n  title = {On the difficulty},\n}\n")
    return project


@pytest.mark.slow
def test_each_input_error_saved_after_the_build_read_its_settings(tmp_path: Path) -> None:
    """Saved after the stages read the authors, glossary and bibliography (on_config),
    before the build lists the files (on_files): that build shows the old file, the
    next one the new, broken or fixed."""
    project = shared_project(tmp_path)
    steps = []
    for name, broken, _ in BREAKAGES:
        path = project / name
        good = path.read_bytes() if path.exists() else None
        page = "index.html" if name.startswith("snippets/") else POST_PAGE
        broken = broken if isinstance(broken, bytes) else broken.encode("utf-8")
        steps += [([(name, broken, "files")], page), ([(name, good, "files")], page)]
    pages = pages_after_saves(project, steps)
    log = (project.parent / "builds.log").read_text(encoding="utf-8")
    assert "Traceback" not in log, log  # a file deleted as the build starts is a message
    for (name, _, expected), shown, fixed in zip(BREAKAGES, pages[::2], pages[1::2], strict=True):
        assert expected in error_box(shown), f"{name} broken: {error_box(shown)!r}"
        assert not error_box(fixed), f"{name} fixed: {error_box(fixed)!r}"


@pytest.mark.slow
@pytest.mark.parametrize("event", ["env", "post_build"])
def test_a_page_saved_after_the_build_read_it(tmp_path: Path, event: str) -> None:
    """Saved as a build starts, then again after MkDocs read every page (env) or wrote
    every page (post_build): the page's HTML may be newer than its last version, yet the
    next build shows that version."""
    project = shared_project(tmp_path)
    index, post = project / "docs" / "index.md", project / POST_PATH
    text = {path: path.read_bytes() for path in (index, post)}

    def edits(path: Path, *sentences: str) -> list[Save]:
        name = str(path.relative_to(project))
        return [(name, text[path] + f"\n{said}\n".encode(), when) for said, when in sentences]

    pages = pages_after_saves(
        project,
        [
            (edits(index, ("처음 고친 문장.", "config"), ("다시 고친 문장.", event)), "index.html"),
            (edits(post, ("글에 더한 문장.", "config"), ("글을 고친 문장.", event)), POST_PAGE),
        ],
    )
    assert "다시 고친 문장" in pages[0] and "처음 고친 문장" not in pages[0]
    assert "글을 고친 문장" in pages[1] and "글에 더한 문장" not in pages[1]
