"""Raw HTML in a note that would run script fails the strict build at its line."""

from __future__ import annotations

from pathlib import Path

from study_wiki.html_policy import findings
from tests.support.mini_project import build, make_mini_project, write

PAGE = """\
---
description: 본문에 스크립트를 넣어 보는 시험 페이지의 설명입니다.
---
# 본문의 HTML

<script>window.__pwned = 1</script>

<img src="x.png" alt="그림" onerror="window.__pwned = 2">

[링크](javascript:alert(1))

```html
<script>코드 블록 안의 글은 괜찮습니다</script>
```

`<img onerror=...>`도 코드 조각이면 괜찮습니다.
"""


def test_findings_ignore_escaped_text() -> None:
    assert findings("<pre><code>&lt;script&gt;</code></pre><p>onerror=x</p>") == []


def test_script_in_a_note_body_fails_strict_at_its_line(tmp_path: Path) -> None:
    project = make_mini_project(tmp_path / "project")
    write(project / "docs" / "raw.md", PAGE)
    result = build(project, WIKI_SEARCH_KO="false")
    assert result.returncode != 0
    tail = "would run script in readers' browsers: remove it: notes may not run script"
    for expected in (
        f"docs/raw.md:6: <script> {tail}",
        f"docs/raw.md:8: the onerror= attribute {tail}",
        f"docs/raw.md:10: a javascript: URL in href= {tail}",
    ):
        assert expected in result.stderr, result.stderr[-3000:]
    assert result.stderr.count("would run script") == 3


NOTEBOOKS = {
    "html.py": 'from IPython.display import HTML\nHTML(\'<img src="x" onerror="alert(1)">\')\n',
    "js.py": 'from IPython.display import Javascript\nJavascript("alert(1)")\n',
    "svg.py": 'from IPython.display import SVG\nSVG(\'<svg xmlns="http://www.w3.org/2000/svg">'
    "<script>alert(1)</script></svg>')\n",
    "table.py": "from IPython.display import HTML\n"
    "HTML('<table><tr><th>k</th><td>1</td></tr></table>')\n",
}


def notebook(code: str, markdown: str = "표와 `<script>` 코드 조각은 괜찮습니다.") -> str:
    return f"# %% [markdown]\n# # 노트북\n#\n# {markdown}\n\n# %%\n{code}"


def test_script_in_a_notebook_output_or_text_fails_at_the_cell(tmp_path: Path) -> None:
    project = make_mini_project(tmp_path / "project")
    folder = project / "docs" / "notebooks"
    for name, code in NOTEBOOKS.items():
        write(folder / name, notebook(code))
    write(folder / "text.py", notebook("x = 1\n", markdown="<script>alert(1)</script>"))
    result = build(project, WIKI_SEARCH_KO="false")
    assert result.returncode != 0
    tail = "remove it: notes may not run script (write code in a code block instead)"
    for expected in (
        f"docs/notebooks/html.py:7: notebook cell failed: the cell's output holds "
        f"the onerror= attribute: {tail}",
        f"docs/notebooks/js.py:7: notebook cell failed: the cell's output holds <script>: {tail}",
        f"docs/notebooks/svg.py:7: notebook cell failed: the cell's output holds <script>: {tail}",
        f"docs/notebooks/text.py:2: notebook cell failed: the cell's text holds <script>: {tail}",
    ):
        assert expected in result.stderr, result.stderr[-3000:]
    assert "table.py:7" not in result.stderr
    assert result.stderr.count("notebook cell failed") == 4
