"""The tests' kept builds (tests/support/once.py) are made again when what a build reads
changes, and not when a test does."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import once


def maker_in(path: Path):
    """A build function defined in the file `path`, as a test module defines one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("def make(folder):\n    pass\n", encoding="utf-8")
    namespace: dict = {}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    return namespace["make"]


def test_editing_a_test_keeps_the_builds_and_editing_a_build_input_does_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(once, "CHECKOUT", tmp_path)
    monkeypatch.setattr(once, "TESTS", tmp_path / "tests")
    files = {
        "docs/index.md": "# 글\n",
        "study_wiki/stage.py": "STAGE = 1\n",
        "tests/support/project.py": "SITE = 1\n",
        "tests/site/test_pages.py": "def test_page(): pass\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    make = maker_in(tmp_path / "tests/figures/test_fonts.py")
    before = once.build_inputs(make)

    (tmp_path / "tests/site/test_pages.py").write_text("def test_other(): pass\n")
    (tmp_path / "tests/site/test_new.py").write_text("")
    assert once.build_inputs(make) == before

    for name in ("docs/index.md", "study_wiki/stage.py", "tests/support/project.py"):
        original = (tmp_path / name).read_text(encoding="utf-8")
        (tmp_path / name).write_text(original + "# changed\n", encoding="utf-8")
        assert once.build_inputs(make) != before, name
        (tmp_path / name).write_text(original, encoding="utf-8")
    assert once.build_inputs(make) == before

    (tmp_path / "tests/figures/test_fonts.py").write_text("def make(folder):\n    return 1\n")
    assert once.build_inputs(make) != before
