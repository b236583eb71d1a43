"""scripts/bench_build.py: synthetic notes and snippets are valid, the table reads right.

A full `--quick` run takes well over a minute (about 100 s on two cores), so the
test checks the pure pieces; no timing assertions.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

from note_schema import check_page

spec = importlib.util.spec_from_file_location("bench_build", ROOT / "scripts" / "bench_build.py")
bench = importlib.util.module_from_spec(spec)
sys.modules["bench_build"] = bench
spec.loader.exec_module(bench)

N, M = 25, 6


@pytest.fixture(scope="module")
def notes() -> list:
    return bench.make_notes(N, M, seed=0)


def test_notes_have_valid_front_matter(notes: list) -> None:
    authors = bench.known_authors(ROOT)
    categories = bench.blog_options(bench.read_config(ROOT))["categories_allowed"]
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
    again = bench.make_notes(N, M, seed=0)
    assert [n.text for n in notes] == [n.text for n in again]
    bodies = [n.text.split("---", 2)[2] for n in notes]
    assert len(set(bodies)) == N
    display = [re.findall(r"\$\$\n(.*?)\n\$\$", b, re.S) for b in bodies]
    assert all(len(d) == 2 for d in display)
    assert len({eq for d in display for eq in d}) == 2 * N  # no shared math cache entries


def test_every_figure_is_referenced(notes: list) -> None:
    referenced = {int(m) for n in notes for m in re.findall(r"snippet:bench/fig_(\d+)\.py", n.text)}
    assert referenced == set(range(M))
    plain = bench.strip_figures(notes[0].text)
    assert "snippet:" not in plain and "# " in plain


def test_math_delimiters_balance(notes: list) -> None:
    for note in notes:
        body = note.text.split("---", 2)[2]
        body = re.sub(r"```.*?```", "", body, flags=re.S)
        assert body.count("$$") % 2 == 0
        assert body.replace("$$", "").count("$") % 2 == 0


@pytest.mark.parametrize("index", [0, 1, M - 1])
def test_snippet_code_defines_figure(index: int) -> None:
    code = bench.snippet_code(index)
    tree = ast.parse(code)
    names = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    assert {"figure", "log_norms"} <= names
    assert code != bench.snippet_code(index + 1)
    notebook = bench.notebook_code(index)
    ast.parse(notebook)
    assert "plt.show()" in notebook


def test_snippet_runs_and_draws(tmp_path: Path) -> None:
    # The cheapest one still does real work; run it like the figure runner would.
    code = bench.snippet_code(0) + "\nfigure().savefig('out.svg')\n"
    (tmp_path / "fig.py").write_text(code, encoding="utf-8")
    subprocess.run(
        [sys.executable, "fig.py"], cwd=tmp_path, check=True, capture_output=True, timeout=120
    )
    assert (tmp_path / "out.svg").read_bytes().startswith(b"<?xml")


def test_lstm_sentences_are_plain_prose() -> None:
    sentences = bench.lstm_sentences()
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
        row["ratio"] = bench.ratio(row["seconds"], 10.0)
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
    assert bench.ratio(12.0, 10.0) == 1.2
    assert bench.ratio(None, 10.0) is None
    assert bench.format_ratio(1.234) == "1.23×"
    assert bench.format_seconds(None) == "–"
    results = fake_results()
    targets = bench.targets_held(results)
    assert targets["warm_vs_plain"]["held"] is True  # 1.1 <= 1.2
    assert targets["page_edit_vs_plain"]["held"] is False  # 1.5 > 1.2
    assert targets["page_edit_runs_no_snippet"]["held"] is True
    assert targets["snippet_edit_runs_one"]["held"] is False  # a rep ran 2
    assert targets["parallel_speedup"]["held"] is True
    assert targets["serve_seconds"]["held"] is None  # not measured
    assert targets["lstm_page_kb"]["held"] is True
    assert targets["search_index_mb"]["held"] is False


def test_tables(tmp_path: Path) -> None:
    results = fake_results()
    results["targets"] = bench.targets_held(results)
    lines = bench.table_lines(results["rows"])
    assert lines[0] == "| 상황 | 초 | plain 대비 | CPU 초 | 최대 메모리 MB |"
    assert "| warm | 11.00 | 1.10× | – | – |" in lines
    text = bench.report(results)
    assert "FAILS   search_index_mb" in text and "HOLDS   warm_vs_plain" in text
    out = tmp_path / "results.json"
    bench.write_results(results, out)
    assert json.loads(out.read_text(encoding="utf-8"))["rows"][1]["ratio"] == 1.1
    markdown = out.with_suffix(".md").read_text(encoding="utf-8")
    assert "| warm | 11.00 | 1.10× | – | – |" in markdown and "미달" in markdown


def test_katex_fonts_follow_classes() -> None:
    html = '<span class="katex"><span class="mord mathnormal">x</span></span>'
    assert bench.katex_fonts(html) == ["KaTeX_Main-Regular", "KaTeX_Math-Italic"]
    assert bench.katex_fonts("<p>no math</p>") == []


def test_arguments() -> None:
    quick = bench.parse_args(["--quick"])
    assert (quick.notes, quick.snippets, quick.reps) == (20, 6, 1)
    default = bench.parse_args([])
    assert (default.notes, default.snippets, default.reps) == (200, 30, 3)
    assert bench.parse_args(["--quick", "--reps", "2"]).reps == 2


def test_quick_runs_never_overwrite_the_committed_results() -> None:
    committed = ROOT / "benchmarks" / "results.json"
    quick = bench.parse_args(["--quick"])
    assert quick.out != committed and ROOT / "benchmarks" not in quick.out.parents
    assert bench.parse_args([]).out == committed
    large = bench.parse_args(["--notes", "1000"])
    assert large.out == ROOT / "benchmarks" / "results-n1000.json"
    assert (large.reps, large.skip_notebooks) == (1, True)
    assert bench.parse_args(["--quick", "--out", "/tmp/x.json"]).out == Path("/tmp/x.json")


def test_build_reports_cpu_and_peak_memory(tmp_path: Path) -> None:
    """run_build reads the child's own rusage: a process that allocates shows it."""
    project = tmp_path / "p"
    project.mkdir()
    fake = project / "mkdocs"
    fake.mkdir()
    (fake / "__init__.py").write_text("", encoding="utf-8")  # shadows the real mkdocs
    (fake / "__main__.py").write_text(
        "import time\nblock = bytearray(120 * 2**20)\nblock[::4096] = b'x' * len(block[::4096])\n"
        "end = time.process_time() + 0.3\nwhile time.process_time() < end: pass\n",
        encoding="utf-8",
    )
    build = bench.run_build(project, tmp_path / "site")
    assert build.peak_mb is not None and build.peak_mb > 120
    assert build.cpu_seconds is not None and build.cpu_seconds >= 0.3
