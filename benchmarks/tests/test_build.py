"""`scripts/bench_build.py`: synthetic notes and snippets are valid, the table reads right.

A full `--quick` run takes well over a minute (about 100 s on two cores), so the
test checks the pure pieces; no timing assertions.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import ROOT, build, content, measure, project, report, weight
from study_wiki.core.config_file import ConfigEditError, blog_options, read_config
from study_wiki.notes.metadata import read_authors
from study_wiki.notes.schema import check_page
from tests.support.config_edit import edit_yaml

N, M = 25, 6


@pytest.fixture(scope="module")
def notes() -> list:
    return content.make_notes(N, M, seed=0)


def test_notes_have_valid_front_matter(notes: list) -> None:
    authors = sorted(read_authors(ROOT / "docs"))
    categories = blog_options(read_config(ROOT)).get("categories_allowed") or []
    for note in notes:
        meta, problems = check_page(note.path, note.path, note.text, authors, categories)
        assert problems == [], [str(p) for p in problems]
        assert meta["slug"] == note.slug
        assert note.path.startswith("daily/posts/")


def test_slugs_dates_and_paths_are_unique(notes: list) -> None:
    assert len({n.slug for n in notes}) == N
    assert len({n.date for n in notes}) == N
    assert len({n.path for n in notes}) == N
    assert not {n.path for n in notes} & {
        p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")
    }


def test_notes_vary_and_are_deterministic(notes: list) -> None:
    again = content.make_notes(N, M, seed=0)
    assert [n.text for n in notes] == [n.text for n in again]
    bodies = [n.text.split("---", 2)[2] for n in notes]
    assert len(set(bodies)) == N
    display = [re.findall(r"\$\$\n(.*?)\n\$\$", b, re.S) for b in bodies]
    assert all(len(d) == 2 for d in display)
    assert len({eq for d in display for eq in d}) == 2 * N  # no shared math cache entries


def test_every_figure_is_referenced(notes: list) -> None:
    referenced = {int(m) for n in notes for m in re.findall(r"snippet:bench/fig_(\d+)\.py", n.text)}
    assert referenced == set(range(M))
    plain = content.strip_figures(notes[0].text)
    assert "snippet:" not in plain and "# " in plain


def test_math_delimiters_balance(notes: list) -> None:
    for note in notes:
        body = note.text.split("---", 2)[2]
        body = re.sub(r"```.*?```", "", body, flags=re.S)
        assert body.count("$$") % 2 == 0
        assert body.replace("$$", "").count("$") % 2 == 0


@pytest.mark.parametrize("index", [0, 1, M - 1])
def test_snippet_code_defines_figure(index: int) -> None:
    code = content.snippet_code(index)
    tree = ast.parse(code)
    names = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    assert {"figure", "log_norms"} <= names
    assert code != content.snippet_code(index + 1)
    notebook = content.notebook_code(index)
    ast.parse(notebook)
    assert "plt.show()" in notebook


def test_snippet_runs_and_draws(tmp_path: Path) -> None:
    # The cheapest one still does real work; run it like the figure runner would.
    code = content.snippet_code(0) + "\nfigure().savefig('out.svg')\n"
    (tmp_path / "fig.py").write_text(code, encoding="utf-8")
    subprocess.run(
        [sys.executable, "fig.py"], cwd=tmp_path, check=True, capture_output=True, timeout=120
    )
    assert (tmp_path / "out.svg").read_bytes().startswith(b"<?xml")


def test_lstm_sentences_are_plain_prose() -> None:
    sentences = content.lstm_sentences()
    assert len(sentences) > 20
    for sentence in sentences:
        assert sentence.count("$") % 2 == 0
        assert not re.search(r"[\[\]`<>]", re.sub(r"\$[^$]+\$", "", sentence))


def fake_results() -> dict:
    rows = [
        {"key": "plain", "label": "plain", "seconds": 10.0},
        {"key": "warm", "label": "warm", "seconds": 11.0},
        {"key": "page_edit", "label": "edit", "seconds": 15.0, "figures_run": [0, 0]},
        {"key": "snippet_edit", "label": "snip", "seconds": 16.0, "figures_run": [1, 2]},
    ]
    for row in rows:
        row["ratio"] = report.ratio(row["seconds"], 10.0)
    return {
        "date": "2026-01-01T00:00:00+00:00",
        "machine": {"cpu_count": 2, "python": "3.11.7", "platform": "x"},
        "notes": 200,
        "snippets": 30,
        "reps": 3,
        "jobs": 2,
        "rows": rows,
        "snippet_phase": {"serial": 30.0, "parallel": 15.0, "speedup": 2.0},
        "lstm_page": {
            "html": 200 * 1024,
            "figures": 50 * 1024,
            "math_assets": 40 * 1024,
            "total": 290 * 1024,
            "total_gzip": 90 * 1024,
            "figure_count": 6,
        },
        "search_index_bytes": 3 * 2**20,
    }


def test_ratios_and_targets() -> None:
    assert report.ratio(12.0, 10.0) == 1.2
    assert report.ratio(None, 10.0) is None
    assert report.format_ratio(1.234) == "1.23×"
    assert report.format_seconds(None) == "–"
    results = fake_results()
    targets = report.targets_held(results)
    assert targets["warm_vs_plain"]["held"] is True  # 1.1 <= 1.2
    assert targets["page_edit_vs_plain"]["held"] is False  # 1.5 > 1.2
    assert targets["page_edit_runs_no_snippet"]["held"] is True
    assert targets["snippet_edit_runs_one"]["held"] is False  # a rep ran 2
    assert targets["parallel_speedup"]["held"] is True
    assert targets["serve_seconds"]["held"] is None  # not measured
    assert targets["unchanged_build_seconds"]["held"] is None
    results["rows"].append({"key": "make_build_unchanged", "label": "skip", "seconds": 0.2})
    assert report.targets_held(results)["unchanged_build_seconds"]["held"] is True
    assert targets["lstm_page_kb"]["held"] is True
    assert targets["search_index_mb"]["held"] is False


def test_tables(tmp_path: Path) -> None:
    results = fake_results()
    results["targets"] = report.targets_held(results)
    lines = report.table_lines(results["rows"])
    assert lines[0] == "| 상황 | 초 | plain 대비 | CPU 초 | 최대 메모리 MB |"
    assert "| warm | 11.00 | 1.10× | – | – |" in lines
    text = report.report(results)
    assert "FAILS   search_index_mb" in text and "HOLDS   warm_vs_plain" in text
    out = tmp_path / "results.json"
    build.write_results(results, out)
    assert json.loads(out.read_text(encoding="utf-8"))["rows"][1]["ratio"] == 1.1
    markdown = out.with_suffix(".md").read_text(encoding="utf-8")
    assert "| warm | 11.00 | 1.10× | – | – |" in markdown and "미달" in markdown


def test_katex_fonts_follow_classes() -> None:
    html = '<span class="katex"><span class="mord mathnormal">x</span></span>'
    assert weight.katex_fonts(html) == ["KaTeX_Main-Regular", "KaTeX_Math-Italic"]
    assert weight.katex_fonts("<p>no math</p>") == []


def test_arguments() -> None:
    quick = build.parse_args(["--quick"])
    assert (quick.notes, quick.snippets, quick.reps) == (20, 6, 1)
    default = build.parse_args([])
    assert (default.notes, default.snippets, default.reps) == (200, 30, 3)
    assert build.parse_args(["--quick", "--reps", "2"]).reps == 2


def test_the_stock_notebook_project_is_edited_as_data_and_refuses_a_missing_target(
    tmp_path: Path,
) -> None:
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    edit_yaml(config_file, project.stock_notebooks)
    edited = read_config(tmp_path)
    wiki = next(p["study-wiki"] for p in edited["plugins"] if "study-wiki" in p)
    assert wiki["figures"]["enabled"] is False and "math" in wiki
    jupyter = next(p["mkdocs-jupyter"] for p in edited["plugins"] if "mkdocs-jupyter" in p)
    assert "bench-notebooks/*.py" in jupyter["include"] and jupyter["execute"] is True
    # Tags such as !ENV survive the round trip.
    kept = config_file.read_text(encoding="utf-8")
    assert re.search(r"enabled: !ENV '?WIKI_SEARCH_KO'?\n", kept)
    assert "!ENV [WIKI_PROFILE, full]" in kept
    with pytest.raises(ConfigEditError, match="figures"):
        edit_yaml(config_file, project.stock_notebooks)
    # The site's own page tree (the benchmark edits a copy of it).
    nav = tmp_path / ".nav.yml"
    nav.write_text((ROOT / "docs" / ".nav.yml").read_text(encoding="utf-8"), encoding="utf-8")
    edit_yaml(nav, project.list_bench_notebooks)
    assert "- notebooks\n- bench-notebooks\n" in nav.read_text(encoding="utf-8")
    nav.write_text("nav:\n  - index.md\n", encoding="utf-8")
    with pytest.raises(ConfigEditError, match="notebooks"):
        edit_yaml(nav, project.list_bench_notebooks)


def test_quick_runs_never_overwrite_the_committed_results() -> None:
    committed = ROOT / "benchmarks" / "results.json"
    quick = build.parse_args(["--quick"])
    assert quick.out != committed and ROOT / "benchmarks" not in quick.out.parents
    assert build.parse_args([]).out == committed
    large = build.parse_args(["--notes", "1000"])
    assert large.out == ROOT / "benchmarks" / "results-n1000.json"
    assert (large.reps, large.skip_notebooks) == (1, True)
    assert build.parse_args(["--quick", "--out", "/tmp/x.json"]).out == Path("/tmp/x.json")


def test_build_reports_cpu_and_peak_memory(tmp_path: Path) -> None:
    """run_build reads the child's own rusage: a process that allocates shows it."""
    fake_project = tmp_path / "p"
    fake_project.mkdir()
    fake = fake_project / "mkdocs"
    fake.mkdir()
    (fake / "__init__.py").write_text("", encoding="utf-8")  # shadows the real mkdocs
    (fake / "__main__.py").write_text(
        "import time\nblock = bytearray(120 * 2**20)\nblock[::4096] = b'x' * len(block[::4096])\n"
        "end = time.process_time() + 0.3\nwhile time.process_time() < end: pass\n",
        encoding="utf-8",
    )
    result = measure.run_build(fake_project, tmp_path / "site")
    assert result.peak_mb is not None and result.peak_mb > 120
    assert result.cpu_seconds is not None and result.cpu_seconds >= 0.3


def test_search_lines_say_where_a_first_search_waits() -> None:
    latency = {"throttle": 4.0, "first_ms": 2407.9, "warm_ms": 173.2}
    assert report.search_lines(None) == []
    (only,) = report.search_lines(latency)
    assert "첫 검색 2408 ms" in only and "두 번째 검색 173 ms" in only
    latency["first_search_steps"] = {"page_fetch_ms": 12.4, "ready_ms": 231.6}
    first, steps = report.search_lines(latency)
    assert first == only
    assert "search_index.json 받기 12 ms" in steps and "있을 때까지 232 ms" in steps


def test_the_search_weight_is_what_a_first_search_downloads(tmp_path: Path) -> None:
    """The theme's index is a stub that points to the prebuilt one: both are counted."""
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_bytes(b'{"config": {}}')
    (tmp_path / "search" / "prebuilt.json").write_bytes(b"x" * 5000)
    size, gzipped = weight.search_weight(tmp_path)
    assert size == 5014
    assert gzipped == weight.gz(b'{"config": {}}') + weight.gz(b"x" * 5000)
