"""The preview's environment is `requirements.lock` and nothing else: no test tools, none
of what pyproject.toml's [tool.uv] leaves out, and a strict build with a notebook runs
with only those packages installed."""

from __future__ import annotations

import importlib.metadata
import json
import re
import subprocess
import sys
import sysconfig
import tomllib
import venv
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.support.mini_project import make_mini_project, write
from tests.support.project import ROOT, build_env

PINNED = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", re.M)
REQUIREMENT_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
LEFT_OUT = PYPROJECT["tool"]["uv"]["exclude-dependencies"]

REPORT_NOTEBOOK = """\
# %% [markdown]
# # 커널이 가진 패키지

# %%
import importlib.metadata, json
names = sorted({d.metadata["Name"] for d in importlib.metadata.distributions()})
print("installed:", json.dumps(names))
"""


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lock: str) -> dict[str, str]:
    text = (ROOT / lock).read_text(encoding="utf-8")
    return {normal(name): version for name, version in PINNED.findall(text)}


def names(requirements: list[str]) -> set[str]:
    return {normal(REQUIREMENT_NAME.match(line).group()) for line in requirements}


def test_the_preview_lock_has_no_test_tools_and_the_test_lock_the_same_pins() -> None:
    site, test = pins("requirements.lock"), pins("requirements-test.lock")
    project = PYPROJECT["project"]
    test_only = names(project["optional-dependencies"]["test"]) - names(project["dependencies"])
    tools = test_only - {"beautifulsoup4"}  # nbconvert (mkdocs-jupyter) needs it too
    assert {"pytest", "playwright", "ruff", "mypy"} <= tools
    assert not tools & site.keys()
    assert test_only <= test.keys()
    assert {name: test[name] for name in site} == site
    # jedi takes parso along: nothing else needs it.
    assert {"jedi", "debugpy"} <= set(LEFT_OUT)
    for lock in (site, test):
        assert not {*map(normal, LEFT_OUT), "parso"} & lock.keys()


def preview_environment(folder: Path) -> Path:
    """A virtual environment holding only this environment's packages that
    requirements.lock pins (and the project itself, installed editable); its Python."""
    venv.create(folder, with_pip=False, symlinks=True)
    python = folder / "bin" / "python"
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    wanted = {*pins("requirements.lock"), "study-wiki"}
    kept: set[str] = set()
    dropped: set[str] = set()
    for dist in importlib.metadata.distributions():
        tops = {f.parts[0] for f in dist.files or [] if f.parts and f.parts[0] != ".."}
        (kept if normal(dist.metadata["Name"]) in wanted else dropped).update(tops)
    for entry in Path(sysconfig.get_path("purelib")).iterdir():
        if entry.name in kept or entry.name not in dropped:
            (Path(purelib) / entry.name).symlink_to(entry)
    # Data files (nbconvert's templates, the kernel's spec) live beside site-packages.
    (folder / "share").symlink_to(Path(sys.prefix) / "share")
    return python


@pytest.mark.builds
@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX virtual environment")
def test_a_strict_build_runs_its_notebook_with_only_the_preview_packages(
    tmp_path: Path,
) -> None:
    python = preview_environment(tmp_path / "venv")
    project = make_mini_project(tmp_path / "project")
    write(project / "docs" / "notebooks" / "report.py", REPORT_NOTEBOOK)
    env = build_env(WIKI_GIT_DATES="false", WIKI_SEARCH_KO="false")
    env["VIRTUAL_ENV"] = str(tmp_path / "venv")
    result = subprocess.run(
        [python, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert "notebook docs/notebooks/report.py: ran in" in result.stderr
    for noise in ("WARNING", "Traceback", "debugpy", "jedi"):
        assert noise not in result.stderr, result.stderr[-4000:]
    page = project / "site" / "notebooks" / "report" / "index.html"
    text = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text()
    installed = set(map(normal, json.loads(re.search(r"installed: (\[.*?\])", text)[1])))
    assert {"ipykernel", "ipython", "matplotlib", "mkdocs"} <= installed
    assert installed <= {*pins("requirements.lock"), "study-wiki"}
    assert not {*map(normal, LEFT_OUT), "parso", "pytest", "pip"} & installed
