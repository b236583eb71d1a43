"""snippets/perf/build_scaling.py: one point per benchmark file that exists, by N."""

from __future__ import annotations

import json
from pathlib import Path

from snippets.perf import build_scaling


def write(root: Path, name: str, notes: int, seconds: dict[str, float]) -> None:
    rows = [{"key": key, "seconds": value} for key, value in seconds.items()]
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"notes": notes, "rows": rows}), encoding="utf-8")


def test_points_follow_n_and_skip_missing_files(tmp_path: Path) -> None:
    write(tmp_path, "benchmarks/results-n1000.json", 1000, {"plain": 20.0, "warm": 4.0})
    write(tmp_path, "benchmarks/results.json", 200, {"plain": 5.0, "warm": 1.5, "cold": 30.0})
    results = build_scaling.load(tmp_path)
    assert [r["notes"] for r in results] == [200, 1000]
    assert build_scaling.points(results, "plain") == ([200, 1000], [5.0, 20.0])
    assert build_scaling.points(results, "cold") == ([200], [30.0])
    assert build_scaling.points(results, "serve") == ([], [])


def test_figure_draws_the_committed_results() -> None:
    fig = build_scaling.figure()
    ax = fig.axes[0]
    assert ax.get_xlabel() == "데일리 노트 수 N"
    assert len(ax.lines) >= 1
