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
