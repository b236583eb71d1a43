"""A small throwaway site with its own snippets, for testing the build pipeline.

`make_mini_project` copies a template built once (tests/support/once.py), with its
caches: a test's build computes only what the test changed (a copy's first build
takes about 2 s instead of 18 s with two snippets, a notebook and the workers cold).
"""

from __future__ import annotations

import functools
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from study_wiki.core.paths import CACHE_DIR_NAME
from tests.support.once import expect_builds, kept
from tests.support.project import ROOT, build_env, mkdocs_build

SHARED = '''\
"""Shared helper: editing it must re-run every figure that imports it."""
import numpy as np

SCALE = 1.0


def wave(x: np.ndarray) -> np.ndarray:
    return SCALE * np.sin(x)
'''

FIGURE_USING_SHARED = '''\
"""Figure A, drawn with the shared helper."""
import numpy as np
from matplotlib.figure import Figure

from snippets.demo.shared import wave


def figure() -> Figure:
    x = np.linspace(0, 6, 50)
    fig = Figure(figsize=(4, 2))
    ax = fig.add_subplot()
    ax.plot(x, wave(x))
    ax.set_title("사인 곡선")
    return fig
'''

FIGURE_ALONE = '''\
"""Figure B, with no shared code."""
import numpy as np
from matplotlib.figure import Figure


def figure() -> Figure:
    rng = np.random.default_rng(0)
    fig = Figure(figsize=(4, 2))
    ax = fig.add_subplot()
    ax.hist(rng.normal(size=200), bins=20)
    ax.set_title("정규 분포")
    return fig
'''

NOTEBOOK = """\
# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 데모 노트북

# %%
from snippets.demo.shared import SCALE, wave

print("scale", SCALE, round(float(wave(1.0)), 6))
"""

PAGE = """\
---
description: 그림 파이프라인을 시험하는 작은 사이트의 첫 페이지입니다.
---
# 데모

수식 $a^2 + b^2 = c^2$ 입니다.

![사인 곡선 그림](snippet:demo/wave.py "공유 모듈을 쓰는 그림")

!!! note "들여쓴 그림"

    ![정규 분포 히스토그램](snippet:demo/normal.py)
"""


def glossary_entry(korean: str) -> str:
    """A one-term glossary: RNN, explained on the home page, with the given Korean name."""
    return textwrap.dedent(f"""\
        - ko: {korean}
          en: recurrent neural network
          abbr: RNN
          definition: 이전 시점의 은닉 상태를 다음 시점에 다시 넣는 신경망.
          link: index.md
        """)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def make_mini_project(destination: Path, *, warm: bool = True) -> Path:
    """Build configuration and theme of the real site; pages and snippets of its own.
    Warm: with the caches of a build of these very sources (figures, notebook, KaTeX,
    search stems, social cards); `warm=False` for a test about a cold build."""
    expect_builds()
    if not warm:
        return write_mini_project(destination)
    template = mini_template()
    shutil.copytree(
        template, destination, symlinks=True, ignore=build_state(template), dirs_exist_ok=True
    )
    return destination


def mini_template() -> Path:
    """The mini project built once, with its caches and site: what make_mini_project copies."""
    return kept("mini-project", built_template)


def built_template(folder: Path) -> None:
    write_mini_project(folder)
    result = build(folder)
    assert result.returncode == 0, result.stderr[-4000:]


def build_state(project: Path, *, site: bool = False) -> Callable[[str, list[str]], set[str]]:
    """A copytree filter leaving out the project's last build's own state and, unless
    `site`, its site; keeping the caches (content-addressed: any build of the same
    inputs may use them)."""
    left_out = {
        project: set() if site else {"site"},
        project / CACHE_DIR_NAME: {"dirty-serve", "build.lock", "up-to-date.json"},
    }

    def ignore(folder: str, names: list[str]) -> set[str]:
        return left_out.get(Path(folder), set()) & set(names)

    return ignore


def write_mini_project(destination: Path) -> Path:
    """The mini project's sources, with no cache."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in ("overrides",):
        shutil.copytree(
            ROOT / name, destination / name, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy2(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    shutil.copy2(ROOT / "CONTRIBUTING.md", destination / "CONTRIBUTING.md")  # watched
    (destination / "node_modules").symlink_to(ROOT / "node_modules")
    write(destination / "includes" / "glossary.yml", glossary_entry("순환 신경망"))
    docs = destination / "docs"
    for asset in ("assets", "stylesheets"):
        shutil.copytree(ROOT / "docs" / asset, docs / asset)
    write(docs / "index.md", PAGE)
    write(
        docs / "daily" / "index.md",
        textwrap.dedent("""\
        ---
        description: 데모 사이트의 데일리 노트 목록 페이지입니다.
        ---
        # 데일리 노트
        """),
    )
    write(
        docs / "daily" / ".authors.yml",
        textwrap.dedent("""\
        authors:
          team:
            name: NLP 스터디 팀
            description: 데모 저자
            avatar: ../assets/avatar.svg
        """),
    )
    write(docs / "notebooks" / "demo.py", NOTEBOOK)
    snippets = destination / "snippets"
    write(snippets / "__init__.py", "")
    write(snippets / "demo" / "__init__.py", "")
    write(snippets / "demo" / "shared.py", SHARED)
    write(snippets / "demo" / "wave.py", FIGURE_USING_SHARED)
    write(snippets / "demo" / "normal.py", FIGURE_ALONE)
    return destination


def build(project: Path, site_dir: Path | None = None, *, strict: bool = True, **env: str):
    env.setdefault("WIKI_GIT_DATES", "false")
    return mkdocs_build(project, site_dir or project / "site", strict=strict, **env)


def ran(log: str) -> set[str]:
    """Snippets and notebooks the build executed, as named in its log."""
    names = set()
    for line in log.splitlines():
        if ": ran in " in line:
            names.add(line.split(" - ", 1)[-1].split(":")[0].split()[-1])
    return names


BUILD_COMMAND = [sys.executable, "-m", "study_wiki", "build"]


def build_site(project: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`make build` (strict build, then swap into site/), run in `project`."""
    expect_builds()
    return subprocess.run(
        BUILD_COMMAND,
        cwd=project,
        env=build_site_env(**env),
        capture_output=True,
        text=True,
    )


def built_mini_project(destination: Path) -> Path:
    """A mini project with a site/ that `make build` built: a copy of a template built
    so once (a test of what `make build` records runs it itself)."""
    expect_builds()
    template = kept("mini-project-built", built_with_make)
    shutil.copytree(
        template,
        destination,
        symlinks=True,
        ignore=build_state(template, site=True),
        dirs_exist_ok=True,
    )
    return destination


def built_with_make(folder: Path) -> None:
    project = make_mini_project(folder)
    first = build_site(project, WIKI_SEARCH_KO="false")
    assert first.returncode == 0, first.stderr[-3000:]
    assert "is up to date" not in first.stdout


def build_site_env(**env: str) -> dict[str, str]:
    env.setdefault("WIKI_GIT_DATES", "false")
    return build_env(**env)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def interruptible() -> None:
    """For `preexec_fn`: a suite started from a background job inherits SIGINT ignored,
    and Python then never raises KeyboardInterrupt; the child gets the default back, so
    Ctrl-C's signal stops it as it stops a person's `mkdocs serve` or build."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@contextmanager
def serving(project: Path, log: Path | None = None) -> Iterator[tuple[str, subprocess.Popen]]:
    """`mkdocs serve --dirty`, as `make serve` runs it; yields the site's URL and process.
    The server's log goes to `log` when given."""
    expect_builds()
    port = free_port()
    output = open(log, "wb") if log else subprocess.DEVNULL
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=build_env(WIKI_GIT_DATES="false"),
        stdout=output,
        stderr=output,
        start_new_session=True,
        # Without it the SIGINT below did nothing: 20 s lost, then SIGKILL, and serve's
        # temporary site left behind.
        preexec_fn=interruptible,
    )
    try:
        # site_url has a path; mkdocs serve mounts the site under it.
        yield f"http://127.0.0.1:{port}/study-wiki/", server
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        if log:
            output.close()


def wait_for_page(
    url: str,
    predicate: Callable[[str], bool],
    timeout: float = 90,
    *,
    what: str = "",
    log: Path | None = None,
) -> str:
    """The page at `url` once `predicate` holds. On timeout the failure names `what`
    was awaited and ends with the tail of the server's `log`, when given."""
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                last = response.read().decode("utf-8")
            if predicate(last):
                return last
        except OSError:
            pass
        time.sleep(0.1)
    message = f"{url} never matched{f' ({what})' if what else ''}; last content:\n{last[-2000:]}"
    if log is not None:
        tail = log.read_text(encoding="utf-8", errors="replace")[-4000:] if log.exists() else ""
        message += f"\n--- end of the server's log ---\n{tail}"
    raise AssertionError(message)


@functools.cache
def mount_namespaces() -> bool:
    """Whether this machine lets a user mount in a namespace of their own (Linux)."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return False
    probe = subprocess.run([unshare, "--user", "--map-root-user", "--mount", "true"])
    return probe.returncode == 0


def build_with_mounts(project: Path, mounts: list[str], **env: str):
    """A strict `mkdocs build` after `mounts`, shell commands that make a folder of the
    project read-only or full, in a mount namespace of its own: nothing outside the
    build sees those mounts (a user namespace lets a user without root make them)."""
    expect_builds()
    env.setdefault("WIKI_GIT_DATES", "false")
    build = f"{shlex.quote(sys.executable)} -m mkdocs build --strict"
    script = " && ".join([*mounts, f"exec {build}"])
    return subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script],
        cwd=project,
        env=build_env(**env),
        capture_output=True,
        text=True,
        timeout=600,
    )
