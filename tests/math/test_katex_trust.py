"""Math commands KaTeX refuses on this site (links, images, HTML) fail the strict build."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.mini_project import build, make_mini_project, write

HEAD = "---\ndescription: 조용히 지나가던 입력을 시험하는 페이지의 설명입니다.\n"


@pytest.mark.builds
def test_math_commands_refused_by_trust_fail_strict_with_file_and_line(tmp_path: Path) -> None:
    project = make_mini_project(tmp_path / "project")
    write(
        project / "docs" / "math.md",
        HEAD + "---\n# 수식\n\n링크 $\\href{javascript:alert(1)}{x}$ 입니다.\n\n"
        "그림 $\\includegraphics{a.png}$ 입니다.\n",
    )
    result = build(project, WIKI_SEARCH_KO="false")
    assert result.returncode != 0
    assert (
        'docs/math.md:6: KaTeX cannot typeset "\\\\href{javascript:alert(1)}{x}": '
        "\\href is not allowed in math on this site (links, images and HTML are refused): "
        "write it outside the $...$"
    ) in result.stderr, result.stderr[-3000:]
    assert "docs/math.md:8: KaTeX cannot typeset" in result.stderr
    assert "Traceback" not in result.stderr
