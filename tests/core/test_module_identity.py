"""Every module of the package has one import identity, even after a build in this process.

MkDocs hooks were registered under their file path (`sys.modules["hooks/x.py"]`), so a
module both registered and imported ran twice: two copies of its state.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

import study_wiki
from tests.support.mini_project import make_mini_project

pytestmark = pytest.mark.builds

PACKAGE = Path(study_wiki.__file__).resolve().parent


@pytest.mark.slow
def test_a_build_imports_each_study_wiki_module_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_mini_project(tmp_path / "project")
    monkeypatch.setenv("WIKI_GIT_DATES", "false")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.chdir(project)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    assert (tmp_path / "site" / "index.html").is_file()

    by_file: dict[Path, list[str]] = defaultdict(list)
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if file and Path(file).resolve().is_relative_to(PACKAGE):
            by_file[Path(file).resolve()].append(name)
    loaded = {path.relative_to(PACKAGE).as_posix() for path in by_file}
    assert {"figures/plugin.py", "math/plugin.py", "search/plugin.py"} <= loaded
    assert {str(p): names for p, names in by_file.items() if len(names) > 1} == {}
    # A module registered by file path (as MkDocs does for hooks) has a "/" in its name.
    assert [n for n in sys.modules if "/" in n] == []
    assert all(
        names[0] == "study_wiki" or names[0].startswith("study_wiki.") for names in by_file.values()
    )
