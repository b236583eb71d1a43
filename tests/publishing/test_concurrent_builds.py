"""Two `make build` at once: each must leave a whole site, never a mix or a fragment."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.support.mini_project import BUILD_COMMAND, build_site_env, make_mini_project

pytestmark = pytest.mark.builds

# Files every whole build of the mini project writes.
WHOLE_SITE = (
    "index.html",
    "404.html",
    "sitemap.xml",
    "search/search_index.json",
    "daily/index.html",
    "figures/demo/wave.svg",
    "figures/demo/normal.svg",
    "assets/katex/katex.min.css",
)


def test_two_builds_at_once_both_leave_a_whole_site(tmp_path: Path) -> None:
    project = make_mini_project(tmp_path / "project")
    runs = [
        subprocess.Popen(
            BUILD_COMMAND,
            cwd=project,
            env=build_site_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=600) for run in runs]
    for run, (_, stderr) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, stderr[-3000:]
    site = project / "site"
    missing = [name for name in WHOLE_SITE if not (site / name).is_file()]
    assert not missing, f"site/ is missing {missing}"
    leftovers = sorted(p.name for p in project.iterdir() if p.name.startswith("site."))
    leftovers += sorted(p.name for p in (project / ".wiki-cache").glob("site.next*"))
    assert not leftovers, leftovers
