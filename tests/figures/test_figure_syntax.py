"""Figure lines are found the way Markdown reads the page; near-misses fail with file:line."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from study_wiki.figure_syntax import scan
from tests.support.mini_project import build, make_mini_project, write

NEAR_MISSES = {
    "![곡선](snippet:demo/wave.py '작은따옴표 캡션')": "caption must be in double quotes",
    "![곡선](snippet:demo/wave.py) 뒤에 글": "text follows the figure on its line",
    "문장 안에 ![곡선](snippet:demo/wave.py) 그림": "figure is inside a sentence",
    "[곡선](snippet:demo/wave.py)": "a link to `snippet:` is not a figure",
    "- ![곡선](snippet:demo/wave.py)": "cannot share its line with a list marker",
    '![곡선](snippet:demo/wave.py "큰 "따옴표" 캡션")': "cannot contain a double quote",
}

LEFT_ALONE = """\
# 문법 안내

```markdown
![펜스 안](snippet:demo/fenced.py)
```

들여쓴 코드 블록입니다:

    ![들여쓴 코드](snippet:demo/indented.py)

<!-- ![주석 안](snippet:demo/commented.py) -->

<!--
![여러 줄 주석](snippet:demo/commented2.py "캡션")
-->

`![코드 조각](snippet:demo/inline.py)`은 그림이 아닙니다.

!!! note "들여쓴 그림은 그림입니다"

    ![정규 분포](snippet:demo/normal.py)
"""


@pytest.mark.parametrize("line", NEAR_MISSES)
def test_near_miss_is_reported_with_its_line(line: str) -> None:
    found = scan(f"# 제목\n\n{line}\n")
    assert not found.figures
    assert [m.line for m in found.near_misses] == [3]
    assert NEAR_MISSES[line] in found.near_misses[0].problem


def test_code_comments_and_code_spans_are_left_alone() -> None:
    found = scan(LEFT_ALONE)
    assert [m.group("name") for m in found.figures] == ["demo/normal.py"]
    assert not found.near_misses


@pytest.mark.builds
def test_strict_build_fails_on_near_misses_and_leaves_code_alone(tmp_path: Path) -> None:
    project = make_mini_project(tmp_path / "project")
    body = "\n\n".join(NEAR_MISSES)
    write(
        project / "docs" / "near.md",
        "---\ndescription: 그림 문법을 잘못 쓴 줄이 모인 시험 페이지입니다.\n---\n"
        + f"# 거의 맞는 그림\n\n{body}\n\n![없는 그림](snippet:demo/missing.py)\n",
    )
    write(
        project / "docs" / "guide.md",
        "---\ndescription: 그림 문법을 보여 주기만 하는 안내 페이지입니다.\n---\n" + LEFT_ALONE,
    )
    result = build(project, WIKI_SEARCH_KO="false")
    assert result.returncode != 0
    for number, expected in enumerate(NEAR_MISSES.values()):
        line = 6 + 2 * number
        assert f"docs/near.md:{line}: " in result.stderr, result.stderr[-3000:]
        assert expected in result.stderr
    assert "docs/near.md:18: figure snippet 'snippets/demo/missing.py' does not exist" in (
        result.stderr
    )
    assert "guide.md" not in result.stderr
    assert "Traceback" not in result.stderr

    write(
        project / "docs" / "near.md",
        "---\ndescription: 이제는 문제가 없는 시험 페이지입니다.\n---\n# 빈\n",
    )
    result = build(project, WIKI_SEARCH_KO="false")
    assert result.returncode == 0, result.stderr[-3000:]
    guide = (project / "site" / "guide" / "index.html").read_text(encoding="utf-8")
    assert "![들여쓴 코드](snippet:demo/indented.py)" in guide  # shown as code
    assert 'src="snippet:' not in guide
    assert guide.count('class="snippet-figure"') == 1


def test_a_comment_opener_inside_a_code_span_hides_nothing() -> None:
    found = scan("`<!--` 는 주석을 엽니다.\n\n![정규 분포](snippet:demo/normal.py)\n")
    assert [m.group("name") for m in found.figures] == ["demo/normal.py"]


FIGURE = '![a](snippet:demo/wave.py "c")'
# Whether Python-Markdown shows the figure line that follows, by where `<!--` stands.
COMMENTS = {
    "<!-- x\n\n{figure}\n\n-->": False,  # opens a line and is closed later: hides
    "<!-- x -->\n\n{figure}": True,
    "<!-- x\n\n{figure}": True,  # never closed: text
    "text <!-- x\n\n{figure}\n\n-->": True,  # inside a line, not closed on it: text
    "text <!-- x --> more\n\n{figure}": True,
    '![b](snippet:demo/other.py "<!--")\n\n{figure}\n\n-->': True,  # in a caption: text
    '![a <!--](snippet:demo/wave.py "-->")': True,  # the image is read first
    "<!--\n\n{figure} -->": False,
}


@pytest.mark.parametrize("page", COMMENTS)
def test_comments_hide_figures_as_markdown_reads_them(page: str) -> None:
    text = "# 제목\n\n" + page.format(figure=FIGURE) + "\n"
    rendered = re.sub(r"<!--.*?-->", "", markdown.markdown(text), flags=re.DOTALL)
    shown = 'src="snippet:demo/wave.py"' in rendered
    assert shown is COMMENTS[page]
    found = [m.group("name") for m in scan(text).figures]
    assert ("demo/wave.py" in found) is COMMENTS[page]
