"""Bad input gives `file:line: what is wrong: how to fix it`, never a traceback or a hang."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.support.links_project import make_links_project
from tests.support.mini_project import (
    build,
    build_with_mounts,
    make_mini_project,
    mount_namespaces,
    write,
)

pytestmark = pytest.mark.builds

PAGE = """\
---
description: 잘못된 입력을 모아 둔 시험 페이지의 설명입니다.
---
# 잘못된 입력

## 틀린 수식 $\\frac{1$ 제목

![문법 오류 그림](snippet:demo/syntax.py)

![None 그림](snippet:demo/none.py)

![메모리 그림](snippet:demo/hog.py)

![자식 프로세스 그림](snippet:demo/spawner.py)
"""

SNIPPETS = {
    "syntax.py": "from matplotlib.figure import Figure\n\n\ndef figure(:\n    return Figure()\n",
    "none.py": textwrap.dedent("""\
        from matplotlib.figure import Figure


        def figure():
            fig = Figure()
            fig.add_subplot().plot([1, 2])
        """),
    "hog.py": textwrap.dedent("""\
        from matplotlib.figure import Figure


        def figure():
            hog = bytearray(8 * 1024**3)
            return Figure()
        """),
    # Starts a child that outlives it and holds its output open.
    "spawner.py": textwrap.dedent("""\
        import os
        import subprocess
        import sys

        from matplotlib.figure import Figure


        def figure():
            child = subprocess.Popen(
                [sys.executable, "-c", "import time; time.sleep(300)"]
            )
            with open(os.environ["WIKI_TEST_SPAWNED_PID_FILE"], "w") as out:
                out.write(str(child.pid))
            fig = Figure()
            fig.add_subplot().plot([1, 2])
            return fig
        """),
}


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split()[2] != "Z"


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess]:
    tmp = tmp_path_factory.mktemp("messages")
    project = make_mini_project(tmp / "project")
    write(project / "docs" / "bad.md", PAGE)
    for name, code in SNIPPETS.items():
        write(project / "snippets" / "demo" / name, code)
    started = time.monotonic()
    result = build(
        project,
        strict=False,
        WIKI_SEARCH_KO="false",
        WIKI_SNIPPET_TIMEOUT="60",
        WIKI_SNIPPET_MEMORY="1024",
        WIKI_TEST_SPAWNED_PID_FILE=str(tmp / "spawned.pid"),
    )
    seconds = time.monotonic() - started
    return tmp, result, seconds


def test_no_traceback_and_the_build_finishes(bad_build) -> None:
    _, result, _ = bad_build
    assert "Traceback" not in result.stderr, result.stderr[-4000:]
    assert result.returncode == 0, result.stderr[-4000:]


def test_invalid_tex_in_a_heading_names_the_line(bad_build) -> None:
    _, result, _ = bad_build
    assert 'docs/bad.md:6: KaTeX cannot typeset "\\\\frac{1"' in result.stderr


def test_snippet_syntax_error_points_at_the_snippet_line(bad_build) -> None:
    _, result, _ = bad_build
    assert "snippets/demo/syntax.py:4: SyntaxError:" in result.stderr, result.stderr[-4000:]


def test_figure_returning_none_points_at_the_snippet(bad_build) -> None:
    _, result, _ = bad_build
    assert (
        "snippets/demo/none.py:4: FigureReturnError: figure() returned NoneType, "
        "not a matplotlib Figure: end figure() with `return fig`"
    ) in result.stderr, result.stderr[-4000:]


def test_memory_hog_is_stopped_with_a_message(bad_build) -> None:
    _, result, _ = bad_build
    assert "snippets/demo/hog.py:5: MemoryError: the snippet used more memory" in result.stderr


def test_a_snippets_child_neither_delays_the_build_nor_outlives_it(bad_build) -> None:
    tmp, result, seconds = bad_build
    assert "figure snippets/demo/spawner.py: ran in" in result.stderr, result.stderr[-4000:]
    assert seconds < 55, "the build waited for the snippet's child (timeout 60 s)"
    assert not alive(int((tmp / "spawned.pid").read_text()))


@pytest.mark.parametrize("value", ["2m", "90s", "120"])
def test_snippet_timeout_takes_units(tmp_path: Path, value: str) -> None:
    project = make_mini_project(tmp_path / "project")
    result = build(project, WIKI_SEARCH_KO="false", WIKI_SNIPPET_TIMEOUT=value)
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        (
            "WIKI_SNIPPET_TIMEOUT",
            "2x",
            "WIKI_SNIPPET_TIMEOUT='2x' is not a duration: write seconds (120) "
            "or a number with a unit (90s, 2m, 1h)",
        ),
        (
            "WIKI_SNIPPET_JOBS",
            "many",
            "WIKI_SNIPPET_JOBS='many' is not a number of processes: write a whole number",
        ),
        ("WIKI_SNIPPET_MEMORY", "lots", "WIKI_SNIPPET_MEMORY='lots' is not a size in MB"),
    ],
)
def test_a_bad_setting_is_a_message(
    tmp_path: Path, variable: str, value: str, message: str
) -> None:
    project = make_mini_project(tmp_path / "project")
    result = build(project, WIKI_SEARCH_KO="false", **{variable: value})
    assert result.returncode != 0
    assert message in result.stderr, result.stderr[-3000:]
    assert "Traceback" not in result.stderr


def test_a_note_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    project = make_mini_project(tmp_path / "project")
    note = project / "docs" / "euc-kr.md"
    note.write_bytes(
        "---\ndescription: 완성형으로 저장된 노트의 설명 문장입니다.\n---\n# 제목\n".encode(
            "euc-kr"
        )
    )
    result = build(project, WIKI_SEARCH_KO="false")
    assert result.returncode != 0
    assert "docs/euc-kr.md:2: is not UTF-8 text (byte 0x" in result.stderr, result.stderr[-3000:]
    assert "save the file as UTF-8" in result.stderr
    assert "Traceback" not in result.stderr


def euc_kr(text: str) -> bytes:
    return text.encode("euc-kr")


# A file the build reads, saved as EUC-KR: (path, its bytes, the one message expected).
NOT_UTF8 = [
    (
        "docs/daily/.authors.yml",
        euc_kr("authors:\n  team:\n    name: 팀\n"),
        "docs/daily/.authors.yml:3: is not UTF-8 text (byte 0xc6 at offset 27)",
    ),
    (
        "includes/glossary.yml",
        euc_kr("- ko: 순환 신경망\n"),
        "includes/glossary.yml:1: is not UTF-8 text (byte 0xbc at offset 6)",
    ),
    (
        "references.bib",
        euc_kr("@misc{a,\n  title = {가나},\n}\n"),
        "references.bib:2: is not UTF-8 text (byte 0xb0 at offset 20)",
    ),
    (
        "docs/.nav.yml",
        euc_kr("nav:\n  - index.md  # 첫 페이지\n"),
        "docs/.nav.yml:2: is not UTF-8 text (byte 0xc6 at offset 24)",
    ),
    (
        "docs/notebooks/demo.py",
        euc_kr("# %% [markdown]\n# # 노트북\n"),
        "docs/notebooks/demo.py:2: is not UTF-8 text (byte 0xb3 at offset 20)",
    ),
    (
        "snippets/demo/normal.py",
        euc_kr('"""정규 분포."""\n'),
        "figure snippet failed: snippets/demo/normal.py:1: is not UTF-8 text: save the file",
    ),
    (
        "includes/part.md",
        euc_kr("포함된 글\n"),
        "includes/part.md:1: is not UTF-8 text (byte 0xc6 at offset 0)",
    ),
]


@pytest.mark.parametrize(
    ("name", "data", "expected"), NOT_UTF8, ids=[name for name, _, _ in NOT_UTF8]
)
def test_every_file_the_build_reads_is_named_when_not_utf8(
    tmp_path: Path, name: str, data: bytes, expected: str
) -> None:
    project = make_mini_project(tmp_path / "project")
    (project / name).write_bytes(data)
    if name == "includes/part.md":
        index = project / "docs" / "index.md"
        write(index, index.read_text(encoding="utf-8") + '\n--8<-- "part.md"\n')
    result = build(project, WIKI_SEARCH_KO="false")
    assert result.returncode != 0
    assert expected in result.stderr, result.stderr[-3000:]
    assert "save the file as UTF-8" in result.stderr
    others = [e for e in error_lines(result.stderr) if "is not UTF-8 text" not in e]
    assert len(error_lines(result.stderr)) - len(others) == 1, result.stderr[-3000:]
    assert others in ([], ["ERROR   -  1 problem(s) in docs/; see the errors above"]), others
    assert "Traceback" not in result.stderr


def test_a_missing_include_is_named_at_its_line(tmp_path: Path) -> None:
    project = make_mini_project(tmp_path / "project")
    index = project / "docs" / "index.md"
    text = index.read_text(encoding="utf-8")
    write(index, text + '\n--8<-- "nowhere.md"\n')
    result = build(project, WIKI_SEARCH_KO="false")
    assert result.returncode != 0
    assert (
        f"docs/index.md:{text.count(chr(10)) + 2}: includes nowhere.md, which is not a file "
        "under . or includes: fix the name"
    ) in result.stderr, result.stderr[-3000:]
    assert "Traceback" not in result.stderr


def test_a_control_character_is_named_at_its_line(tmp_path: Path) -> None:
    project = make_mini_project(tmp_path / "project")
    page = project / "docs" / "ctl.md"
    write(page, "---\ndescription: 제어 문자가 들어간 설명 문장입니다.\n---\n본문\x08.\n")
    result = build(project, WIKI_SEARCH_KO="false")
    assert result.returncode != 0
    assert (
        "docs/ctl.md:4: contains the control character U+0008, which shows as nothing: delete it"
    ) in result.stderr, result.stderr[-3000:]
    write(page, '---\ndescription: "제어 문자\\x01가 들어간 설명 문장입니다."\n---\n')
    result = build(project, WIKI_SEARCH_KO="false")
    assert (
        "docs/ctl.md:2: front matter field 'description': contains the control character U+0001"
    ) in result.stderr, result.stderr[-3000:]


needs_mounts = pytest.mark.skipif(
    not mount_namespaces(), reason="needs Linux user and mount namespaces (unshare)"
)


@needs_mounts
@pytest.mark.parametrize(
    "mount",
    [
        "mount --bind .wiki-cache .wiki-cache && mount -o remount,bind,ro .wiki-cache",
        "mount -t tmpfs -o size=16k tmpfs .wiki-cache/figures",
    ],
    ids=["read-only", "full"],
)
def test_a_cache_that_cannot_be_written_is_one_warning(tmp_path: Path, mount: str) -> None:
    """The cache only saves time: the build warns once and makes the same site."""
    project = make_mini_project(tmp_path / "project")
    first = build(project, WIKI_SEARCH_KO="false")
    assert first.returncode == 0, first.stderr[-3000:]
    figures = project / ".wiki-cache" / "figures"
    shutil.rmtree(figures)  # they must run again, and have nowhere to go
    figures.mkdir()
    before = (project / "site" / "figures" / "demo" / "wave.svg").read_bytes()
    shutil.rmtree(project / "site")
    result = build_with_mounts(project, [mount], WIKI_SEARCH_KO="false")
    assert result.returncode == 0, result.stderr[-3000:]
    warnings = [line for line in result.stderr.splitlines() if "cannot write" in line]
    assert len(warnings) == 1, result.stderr[-3000:]
    assert warnings[0].startswith("WARNING -  .wiki-cache/"), warnings
    assert "the build goes on without caching" in warnings[0]
    assert "Traceback" not in result.stderr
    assert (project / "site" / "figures" / "demo" / "wave.svg").read_bytes() == before


WRITE_ON_A_FULL_DISK = """\
import os
from pathlib import Path
from study_wiki.core.atomic_file import NotWritable, write_text_atomic
try:
    write_text_atomic(Path("site/listing.html"), "x" * 100_000)
except NotWritable as error:
    print(error)
print(os.listdir("site"))
"""


@needs_mounts
def test_a_full_disk_is_one_message_saying_what_to_do(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "write.py").write_text(WRITE_ON_A_FULL_DISK, encoding="utf-8")
    mount = "mount -t tmpfs -o size=16k tmpfs site"
    result = subprocess.run(
        [
            "unshare",
            "--user",
            "--map-root-user",
            "--mount",
            "sh",
            "-c",
            f"{mount} && exec {sys.executable} write.py",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.stdout.splitlines() == [
        "site/listing.html: cannot write (No space left on device): free some disk space "
        "(deleting .wiki-cache/ is safe: it only holds build results), and build again",
        "[]",  # nothing half-written is left
    ], result.stdout + result.stderr


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("ERROR")]


def test_a_broken_bibliography_is_one_message_at_its_line(tmp_path: Path) -> None:
    project = make_links_project(tmp_path / "project")
    bib = project / "references.bib"
    lines = bib.read_text(encoding="utf-8").split("\n")
    broken = next(i for i, line in enumerate(lines) if line.lstrip().startswith("title"))
    lines[broken] = lines[broken].rstrip(",")
    bib.write_text("\n".join(lines), encoding="utf-8")
    result = build(project, WIKI_SEARCH_KO="false")
    assert result.returncode != 0
    assert [line for line in error_lines(result.stderr) if "bib" in line or "citation" in line] == [
        f"ERROR   -  references.bib:{broken + 1}: entry 'see2019cs224n': a comma is missing "
        "at the end of this line"
    ], result.stderr[-3000:]


def test_bad_tex_is_reported_once_at_its_source_line(tmp_path: Path) -> None:
    """The sentence holding it is also shown in the linked page's backlinks."""
    project = make_links_project(tmp_path / "project")
    write(
        project / "docs" / "topics" / "bad-tex.md",
        "---\ndescription: 틀린 수식이 있는 문장이 다른 노트를 가리키는 페이지입니다.\n---\n"
        "# 틀린 수식\n\n수식 $\\frac{1$ 은 [[lstm-demo]] 를 가리킵니다.\n",
    )
    result = build(project, WIKI_SEARCH_KO="false")
    assert result.returncode != 0
    assert [line for line in error_lines(result.stderr) if "KaTeX" in line] == [
        'ERROR   -  docs/topics/bad-tex.md:6: KaTeX cannot typeset "\\\\frac{1": KaTeX parse '
        "error: Unexpected end of input in a macro argument, expected '}' at end of input: "
        "\\frac{1. Fix the LaTeX on that line."
    ], result.stderr[-3000:]
    backlinks = (project / "site" / "topics" / "lstm-demo" / "index.html").read_text("utf-8")
    assert "math-error" in backlinks  # still shown where it is


def test_a_failed_figure_is_one_message_and_keeps_its_anchor(tmp_path: Path) -> None:
    """lstm-demo.md labels the figure {#fig:wave} and refers to it (@fig:wave); index.md
    shows it too."""
    project = make_links_project(tmp_path / "project")
    write(project / "snippets" / "demo" / "wave.py", "def figure(:\n")
    result = build(project, WIKI_SEARCH_KO="false")
    assert result.returncode != 0
    problems = [
        line for line in result.stderr.splitlines() if line.startswith(("ERROR", "WARNING"))
    ]
    assert len(problems) == 1, problems
    assert "figure snippet failed: snippets/demo/wave.py:1: SyntaxError" in problems[0]
    page = BeautifulSoup(
        (project / "site" / "topics" / "lstm-demo" / "index.html").read_text("utf-8"),
        "html.parser",
    )
    anchor = page.find(id="fig-wave")
    assert anchor is not None and anchor.get_text() == "그림 1."
    assert anchor.find_parent(class_="failure") is not None
    assert page.select('a[href="#fig-wave"]')
