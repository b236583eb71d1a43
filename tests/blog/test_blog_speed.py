"""study_wiki/blog_summaries.py: list views convert summaries, byte-identical output."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import markdown as python_markdown
import pytest

from study_wiki.blog_summaries import GOES_ON, split_at_separator, summary
from study_wiki.notes.scaffold import Day, day_files
from tests.support.project import copy_project, mkdocs_build, snapshot

SEP = "<!-- more -->"
EXTENSIONS = ["abbr", "footnotes", "pymdownx.superfences"]


@pytest.mark.parametrize(
    ("markdown", "safe"),
    [
        ("# T\n\nsummary\n\n<!-- more -->\n\n## rest\n\ntext\n", True),
        ("# T\n\nsummary\n\n<!-- more -->\n", True),
        ("# T\n\nsummary\n<!-- more -->\n\nrest\n", False),  # inside the paragraph
        ("# T\n\n```\n\n<!-- more -->\n\n```\n", False),  # inside a fence
        ("# T\n\nsee [a][x]\n\n<!-- more -->\n\n[x]: https://e.org\n", False),
        ("# T\n\nnote[^1]\n\n<!-- more -->\n\n[^1]: foot\n", False),
        ("# T\n\nHTML\n\n<!-- more -->\n\n*[HTML]: markup\n", True),  # carried over
        ("# T\n\nHTML\n\n<!-- more -->\n\n```\n*[HTML]: code\n```\n", False),
        ("# T\n\nHTML\n\n<!-- more -->\n\n```\ncode\n```\n\n*[HTML]: markup\n", True),
        ("# T\n\nHTML\n\n<!-- more -->\n\n```\n\n*[HTML]: in a fence\n```\n", False),
        ("# T\n\nHTML\n\n<!-- more -->\n\n<!--\n\n*[HTML]: in a comment\n\n-->\n", False),
        # Never closed: no fence and no comment, so the definition applies.
        ("# T\n\nHTML\n\n<!-- more -->\n\n```\n\n*[HTML]: after an open fence\n", True),
        ("# T\n\nHTML\n\n<!-- more -->\n\n<!--\n\n*[HTML]: after an open comment\n", True),
        ("# T\n\n`<!-- more -->`\n\n<!-- more -->\n\nrest\n", False),  # first one is code
        ("# T\n\nno separator\n", False),
        ('# T\n\nsummary\n\n<!-- more -->\n\n--8<-- "links.md"\n', False),  # may define refs
    ],
)
def test_split_only_when_the_tail_cannot_change_the_head(markdown: str, safe: bool) -> None:
    parts = split_at_separator(markdown, SEP)
    assert (parts is not None) == safe
    if parts:
        assert parts[0].startswith("# T\n\n") and SEP not in parts[0]
        # The head alone renders as the whole post does above the separator.
        whole = python_markdown.markdown(markdown, extensions=EXTENSIONS)
        head = python_markdown.markdown(parts[0], extensions=EXTENSIONS)
        assert head == whole.split(SEP)[0].rstrip("\n")


def test_abbreviations_after_the_separator_are_carried_over() -> None:
    markdown = "# T\n\nHTML and CSS\n\n<!-- more -->\n\nrest\n\n*[HTML]: markup\n*[CSS]: style\n"
    head, _ = split_at_separator(markdown, SEP)
    assert head == "# T\n\nHTML and CSS\n\n*[HTML]: markup\n*[CSS]: style"


def test_a_summary_keeps_the_separator_and_says_whether_the_post_goes_on() -> None:
    assert (
        summary("# T\n\nsum\n\n<!-- more -->\n\nrest\n", SEP) == f"# T\n\nsum\n\n{SEP}\n{GOES_ON}"
    )
    assert summary("# T\n\nsum\n\n<!-- more -->\n\n", SEP) == f"# T\n\nsum\n\n{SEP}\n"
    assert summary("# T\n\nno separator\n", SEP) is None
    # Kept for the next save by its text: a post changed since is cut anew.
    assert (
        summary("# T\n\nsum\n\n<!-- more -->\n\nmore\n", SEP) == f"# T\n\nsum\n\n{SEP}\n{GOES_ON}"
    )
    assert summary("# T\n\nsum two\n\n<!-- more -->\n", SEP) == f"# T\n\nsum two\n\n{SEP}\n"


def posts(count: int) -> dict[str, str]:
    """Study posts from the team's note scaffold, each with maths, code and the
    glossary's terms above and below its `<!-- more -->`."""
    found = {}
    for i in range(count):
        day = Day(
            date=dt.date(2020, 1, 1) + dt.timedelta(days=i),
            title=f"LSTM 게이트 정리 ({i}번째 노트)",
            slug=f"lstm-gates-{i:03d}",
            authors=["team"],
            tags=["LSTM"],
        )
        path, text = next(iter(day_files(day).items()))
        body = (
            f"LSTM의 셀 상태는 $c_t = f_t \\odot c_{{t-1}} + i_t \\odot g_t$ 로 {i}번"
            " 갱신됩니다.\n\n$$\nh_t = o_t \\odot \\tanh(c_t)\n$$\n\n"
            f"```python\nlstm = torch.nn.LSTM(16, {32 + i})\n```\n"
        )
        text = text.replace("## 공부한 내용 정리\n", "## 공부한 내용 정리\n\n" + body)
        found[path] = text.replace("오늘 공부한 내용을 한두 문장으로 요약해 주세요.", body)
    return found


@pytest.mark.builds
@pytest.mark.slow
def test_site_is_byte_identical_with_and_without(tmp_path: Path) -> None:
    """The real site plus synthetic notes (with and without separators, footnotes
    after the separator), built with the summaries on and off: every file equal."""
    project = copy_project(tmp_path / "project")
    for i, (path, text) in enumerate(posts(24).items()):
        if i % 4 == 1:
            text = text.replace("<!-- more -->\n", "")
        elif i % 4 == 2:
            text = text.replace(
                "## 공부한 내용 정리", "각주[^a]가 있는 문장.\n\n## 공부한 내용 정리"
            )
            text += "\n[^a]: 구분선 뒤에 정의된 각주\n"
        (project / path).write_text(text, encoding="utf-8")
    env = {"WIKI_GIT_DATES": "false", "WIKI_SEARCH_KO": "false"}
    on = mkdocs_build(project, tmp_path / "on", **env)
    assert on.returncode == 0, on.stderr[-3000:]
    off = mkdocs_build(project, tmp_path / "off", WIKI_BLOG_SPEED="false", **env)
    assert off.returncode == 0, off.stderr[-3000:]
    a, b = snapshot(tmp_path / "on"), snapshot(tmp_path / "off")
    assert a.keys() == b.keys()
    assert [name for name in a if a[name] != b[name]] == []
    # Every post carries the glossary's abbreviations; only the footnoted ones fall back.
    counts = re.search(
        r"blog excerpts: (\d+) converted from the summary alone, (\d+) whole", on.stderr
    )
    assert counts, on.stderr[-3000:]
    assert int(counts[1]) > int(counts[2]), counts[0]
    index = a["daily/index.html"].decode("utf-8")
    assert "구분선 뒤에 정의된 각주" not in index
