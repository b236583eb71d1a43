"""scripts/engine_check.py, the engine table's measure: MkDocs' build of the site has
every feature, and a page an engine left unprocessed is named feature by feature."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tests.support.project import ROOT

spec = importlib.util.spec_from_file_location("engine_check", ROOT / "scripts" / "engine_check.py")
assert spec is not None and spec.loader is not None
engine_check = importlib.util.module_from_spec(spec)
spec.loader.exec_module(engine_check)

UNPROCESSED = """<!doctype html><html><head><title>x</title></head><body><article>
<p>LSTM <img src="snippet:lstm/gates.py" alt="게이트"> 식 <span class="arithmatex">\\(h_t\\)</span>
[@pascanu2013] 과 [[lstm]] 그리고 $$ a $$ {#eq:cell}</p>
<!-- timeline:latest -->
<pre><code>[[코드 안의 위키 링크]]은 글로 남습니다</code></pre>
</article></body></html>"""


@pytest.mark.builds
def test_mkdocs_builds_every_feature(site: Path) -> None:
    assert engine_check.missing(site) == {}


def test_each_unprocessed_feature_is_named(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(UNPROCESSED, encoding="utf-8")
    found = engine_check.missing(tmp_path)
    assert set(found) == set(engine_check.FEATURES)
    assert "snippet:" in found["figures"] and "raw TeX" in found["maths"]
    assert "[@key]" in found["citations"] and "wikilinks" in found["wikilinks"]
    assert found["timelines"] == "timeline markers are left in pages"
    assert engine_check.main([str(tmp_path), "--engine", "X"]) == 1


def test_code_is_not_counted_as_unprocessed(tmp_path: Path) -> None:
    page = (
        UNPROCESSED.split("<p>")[0]
        + "<pre><code>[[lstm]] [@key] {#eq:x}</code></pre></body></html>"
    )
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    found = engine_check.missing(tmp_path)
    assert not {"wikilinks", "citations", "equation numbers"} & set(found)
