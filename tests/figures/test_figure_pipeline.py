"""The figure pipeline: cached by code hash, re-run exactly when its code changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.support.mini_project import build, make_mini_project, ran

WAVE = "snippets/demo/wave.py"
NORMAL = "snippets/demo/normal.py"
NOTEBOOK = "docs/notebooks/demo.py"


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_mini_project(tmp_path_factory.mktemp("pipeline"), warm=False)
    (project / "docs-before.txt").write_text("\n".join(files_under(project / "docs")))
    cold = build(project)
    assert cold.returncode == 0, cold.stderr
    assert ran(cold.stderr) == {WAVE, NORMAL, NOTEBOOK}
    return project


@pytest.mark.builds
def test_figures_are_published_but_never_written_into_docs(project: Path) -> None:
    site = project / "site"
    for name in ("wave", "normal"):
        svg = site / "figures" / "demo" / f"{name}.svg"
        assert svg.read_bytes().startswith(b"<?xml")
    before = (project / "docs-before.txt").read_text().splitlines()
    assert files_under(project / "docs") == before, "the build wrote into docs/"
    page = (site / "index.html").read_text(encoding="utf-8")
    assert 'src="figures/demo/wave.svg"' in page
    assert "<figcaption>공유 모듈을 쓰는 그림</figcaption>" in page
    source_blocks = BeautifulSoup(page, "lxml").select("details.example")
    assert [d.summary.get_text() for d in source_blocks] == [
        "그림을 만든 코드: snippets/demo/wave.py",
        "그림을 만든 코드: snippets/demo/normal.py",
    ]
    listing = source_blocks[0].select_one("pre")
    if listing is None:  # fetched when opened (study_wiki/figures/listing.py)
        href = source_blocks[0].select_one(".lazy-listing__link a")["href"]
        listing = BeautifulSoup((site / href).read_bytes(), "lxml")
    assert "def figure() -> Figure:" in listing.get_text()


@pytest.mark.builds
def test_nothing_changed_runs_nothing(project: Path) -> None:
    warm = build(project)
    assert warm.returncode == 0, warm.stderr
    assert ran(warm.stderr) == set()
    assert "figures: 0 run, 2 cached" in warm.stderr


@pytest.mark.builds
def test_editing_one_snippet_reruns_only_that_snippet(project: Path) -> None:
    normal = project / NORMAL
    normal.write_text(normal.read_text().replace("bins=20", "bins=25"))
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert ran(result.stderr) == {NORMAL}


@pytest.mark.builds
def test_editing_a_shared_module_reruns_its_figures_and_notebooks(project: Path) -> None:
    shared = project / "snippets/demo/shared.py"
    shared.write_text(shared.read_text().replace("SCALE = 1.0", "SCALE = 2.0"))
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert ran(result.stderr) == {WAVE, NOTEBOOK}
    notebook_page = (project / "site/notebooks/demo/index.html").read_text(encoding="utf-8")
    assert "scale 2.0" in notebook_page, "the notebook page shows a stale result"


@pytest.mark.builds
def test_figures_are_byte_identical_after_a_clean_rebuild(project: Path, tmp_path: Path) -> None:
    before = {p.name: p.read_bytes() for p in (project / "site/figures/demo").glob("*.svg")}
    clean = make_mini_project(tmp_path / "clean", warm=False)
    for name in ("shared.py", "normal.py"):
        (clean / "snippets/demo" / name).write_text((project / "snippets/demo" / name).read_text())
    result = build(clean)
    assert result.returncode == 0, result.stderr
    assert ran(result.stderr) >= {WAVE, NORMAL}
    after = {p.name: p.read_bytes() for p in (clean / "site/figures/demo").glob("*.svg")}
    assert after == before


def test_figure_syntax_inside_fenced_code_is_shown_not_run() -> None:
    from study_wiki.figures.references import find_refs

    markdown = (
        "# 안내\n\n```markdown\n![예시](snippet:lstm/none.py)\n```\n\n"
        "![진짜 그림](snippet:lstm/activations.py)\n"
    )
    assert [(ref.line, ref.name) for ref in find_refs("a.md", markdown)] == [
        (7, "lstm/activations.py")
    ]


def test_a_figure_is_keyed_on_the_data_files_it_declares(tmp_path: Path) -> None:
    from study_wiki.core.snippet_graph import cache_key

    (tmp_path / "results.json").write_text('{"seconds": 1}')
    snippet = tmp_path / "snippets" / "chart.py"
    snippet.parent.mkdir()
    snippet.write_text('DATA_FILES = ("results.json",)\n\n\ndef figure():\n    pass\n')
    before = cache_key(tmp_path, snippet)
    assert cache_key(tmp_path, snippet) == before
    (tmp_path / "results.json").write_text('{"seconds": 2}')
    assert cache_key(tmp_path, snippet) != before
