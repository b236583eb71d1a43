"""A notebook's kernel is held to a snippet's limits: its memory is capped, and what
its cells start does not outlive the build. Without a kernel, the build says how to
install one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.mini_project import build, make_mini_project, write

pytestmark = pytest.mark.builds

GREEDY_NOTEBOOK = """\
# %% [markdown]
# # 메모리를 너무 쓰는 셀

# %%
block = bytearray(6 * 1024**3)
"""

# The shell exits at once, so `sleep` is orphaned: no longer the kernel's child, but
# still in its process group.
SPAWNING_NOTEBOOK = """\
# %% [markdown]
# # 자식 프로세스를 남기는 셀

# %%
import subprocess
subprocess.run(["sh", "-c", "sleep 300 > /dev/null 2>&1 & echo $! > {pid_file}"], check=True)
"""


def is_running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
    except (FileNotFoundError, IndexError):
        return False
    return state not in "ZX"


def test_a_cell_over_the_memory_cap_fails_with_file_line_and_the_setting(
    tmp_path: Path,
) -> None:
    project = make_mini_project(tmp_path / "project")
    write(project / "docs" / "notebooks" / "demo.py", GREEDY_NOTEBOOK)
    result = build(project, WIKI_SEARCH_KO="false", WIKI_SNIPPET_MEMORY="2000")
    assert result.returncode != 0
    assert (
        "docs/notebooks/demo.py:5: notebook cell failed: MemoryError: the cell used more "
        "than its 2000 MB and was stopped: use less (smaller arrays), or raise "
        "WIKI_SNIPPET_MEMORY=<MB>"
    ) in result.stderr, result.stderr[-3000:]
    assert "Traceback" not in result.stderr


def test_a_process_a_cell_starts_is_stopped_with_the_kernel(tmp_path: Path) -> None:
    project = make_mini_project(tmp_path / "project")
    pid_file = tmp_path / "child.pid"
    write(
        project / "docs" / "notebooks" / "demo.py",
        SPAWNING_NOTEBOOK.format(pid_file=pid_file),
    )
    result = build(project, WIKI_SEARCH_KO="false")
    assert result.returncode == 0, result.stderr[-3000:]
    pid = int(pid_file.read_text())
    try:
        assert not is_running(pid), "the cell's child process outlived the build"
    finally:
        if is_running(pid):
            os.kill(pid, 9)


ENDLESS_NOTEBOOK = """\
# %% [markdown]
# # 끝나지 않는 셀

# %%
while True:
    pass
"""


def test_an_endless_notebook_cell_is_stopped_with_a_clean_message(tmp_path: Path) -> None:
    project = make_mini_project(tmp_path / "project")
    write(project / "docs" / "notebooks" / "demo.py", ENDLESS_NOTEBOOK)
    # The loop spins for the whole limit. The kernel's set-up cell, held to the same
    # limit, takes about half a second: 2 s, and 5 s only when a busy machine made the
    # set-up itself time out.
    for limit in ("2", "5"):
        result = build(project, WIKI_SEARCH_KO="false", WIKI_SNIPPET_TIMEOUT=limit)
        if "docs/notebooks/demo.py:5: notebook cell failed" in result.stderr:
            break
    assert result.returncode != 0
    assert (
        f"docs/notebooks/demo.py:5: notebook cell failed: the cell did not finish within {limit} s "
        "and was stopped: make it faster (an endless loop?), or raise the limit with "
        "WIKI_SNIPPET_TIMEOUT=<seconds>"
    ) in result.stderr, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    assert "-----" not in result.stderr


def test_a_missing_kernel_fails_the_build_with_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    def no_kernel(self, name: str):
        raise NoSuchKernel(name)

    project = make_mini_project(tmp_path / "project")
    monkeypatch.setattr(KernelSpecManager, "get_kernel_spec", no_kernel)
    write(project / "docs" / "notebooks" / "demo.py", "# %%\nprint('커널 없이')\n")
    result = build(project, WIKI_SEARCH_KO="false")
    assert result.returncode != 0
    assert (
        "notebooks: ipykernel's python3 kernel is not installed, and notebooks run on it: "
        "run `python -m study_wiki install`"
    ) in result.stderr, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
