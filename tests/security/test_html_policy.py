"""Raw HTML in a note that would run script fails the strict build at its line."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from study_wiki.html_policy import findings, sanitize
from tests.support.hostile_project import HTML_PAYLOADS
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


@pytest.mark.builds
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


@pytest.mark.builds
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


RUNS = re.compile(r"\bon[a-z]+\s*=|javascript:|vbscript:|<script|<style|<iframe|<object|<embed")


@pytest.mark.parametrize("payload", HTML_PAYLOADS.values(), ids=HTML_PAYLOADS.keys())
def test_every_payload_is_removed_and_reported(payload: str) -> None:
    clean, removed = sanitize(payload)
    assert removed, "a removal the build would not report"
    assert sanitize(clean) == (clean, []), "sanitizing is not a fixed point"
    for element in lxml.html.fragment_fromstring(clean, create_parent="div").iter():
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), clean
            if name in ("href", "src", "xlink:href", "action", "formaction", "poster"):
                assert not re.match(r"\s*(javascript|vbscript|data|https?:|//)", value), clean
        assert element.tag not in ("script", "style", "iframe", "object", "embed", "base"), clean
    assert element is not None
    assert not RUNS.search(clean.replace("&lt;", "<")) or "&lt;" in clean, clean


BENIGN = [
    '<table><thead><tr><th align="center">a</th></tr></thead><tbody><tr><td style="text-align: '
    'center;">1</td></tr></tbody></table>',
    '<ul class="task-list"><li class="task-list-item"><label class="task-list-control">'
    '<input type="checkbox" disabled checked><span class="task-list-indicator"></span></label>'
    " 할 일</li></ul>",
    '<div class="tabbed-set tabbed-alternate" data-tabs="1:2"><input checked id="__tabbed_1_1" '
    'name="__tabbed_1" type="radio"><div class="tabbed-labels"><label for="__tabbed_1_1">가'
    "</label></div></div>",
    '<details class="note"><summary>요약</summary><p>본문</p></details>',
    '<p>주석<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>',
    '<p><abbr title="Long Short-Term Memory">LSTM</abbr> <kbd>Ctrl</kbd> <mark>표시</mark></p>',
    '<span class="twemoji"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
    '<path d="M1 1h2v2H1z"></path></svg></span>',
    '<figure class="snippet-figure"><img alt="그림" src="snippet:demo/wave.py" loading="lazy">'
    "<figcaption>설명</figcaption></figure>",
    '<p><img alt="사진" src="../assets/photo.webp" width="320" height="200"></p>',
    '<p><a href="https://arxiv.org/abs/1211.5063">논문</a> <a href="#vanishing">절</a></p>',
]


def tree(html_text: str) -> list[tuple[str, dict[str, str], str]]:
    """Elements, attributes (a style's spacing and a boolean's spelling aside) and text,
    in document order."""
    root = lxml.html.fragment_fromstring(html_text, create_parent="div")
    same = {
        "style": lambda v: re.sub(r"\s|;$", "", v),
        "checked": lambda v: "",
        "disabled": lambda v: "",
    }
    return [
        (
            str(el.tag),
            {k: same.get(k, str)(v) for k, v in el.attrib.items()},
            (el.text or "") + (el.tail or ""),
        )
        for el in root.iter()
    ]


@pytest.mark.parametrize("html_text", BENIGN)
def test_what_the_notes_write_passes_untouched(html_text: str) -> None:
    clean, removed = sanitize(html_text)
    assert removed == []
    assert tree(clean) == tree(html_text)


ISSUE_PAGE = """\
---
description: 브라우저와 다르게 읽히던 HTML을 넣어 보는 시험 페이지의 설명입니다.
---
# 우회 시도

<!--><img src=x onerror="window.__p=1">-->

<![CDATA[><img src=x onerror="window.__p=2">]]>

<a href="jav&#x09;ascript:alert(1)">tab</a>

<a href="java
script:alert(1)">newline</a>

[[index|<img src=x onerror=window.__p=6>]]

<img src="https://evil.example/z.png" alt="z">

[마크다운 링크](javascript:alert(7))
"""


@pytest.mark.builds
def test_each_bypass_is_reported_at_its_own_line(tmp_path: Path) -> None:
    project = make_mini_project(tmp_path / "project")
    write(project / "docs" / "raw.md", ISSUE_PAGE)
    result = build(project, WIKI_SEARCH_KO="false")
    assert result.returncode != 0
    for line, what in (
        (6, "the onerror= attribute would run script"),
        (8, "the onerror= attribute would run script"),
        (10, "a javascript: URL in href= would run script"),
        (12, "a javascript: URL in href= would run script"),
        (17, "<img src='https://evil.example/z.png'>: readers' browsers would request it"),
        (19, "a javascript: URL in href= would run script"),
    ):
        assert f"docs/raw.md:{line}: {what}" in result.stderr, result.stderr[-3000:]
    # The wikilink's label is text: nothing in it reaches the page as markup.
    assert "docs/raw.md:15" not in result.stderr
    page = (project / "site" / "raw" / "index.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=window.__p=6&gt;" in page
