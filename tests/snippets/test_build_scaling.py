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


def test_end_labels_are_spread_apart_around_their_values() -> None:
    heights = build_scaling.spread([38.1, 38.2, 37.6, 118.6], gap=7.0)
    close = sorted(heights[:3])
    assert close[1] - close[0] >= 7.0 - 1e-9 and close[2] - close[1] >= 7.0 - 1e-9
    assert abs(sum(heights[:3]) / 3 - (38.1 + 38.2 + 37.6) / 3) < 1e-9
    assert heights[3] == 118.6
    # Order is kept: the highest end gets the highest label.
    assert heights[1] == max(heights[:3]) and heights[2] == min(heights[:3])
    assert build_scaling.spread([5.0, 50.0], gap=7.0) == [5.0, 50.0]


def test_no_end_label_goes_below_the_floor() -> None:
    # At N=1000 the skipped build (0.25 s) and serve (3 s) end near the axis.
    assert build_scaling.spread([0.25, 3.0, 33.0], gap=6.0, floor=3.0) == [3.0, 9.0, 33.0]
    assert build_scaling.spread([20.0, 30.0], gap=6.0, floor=3.0) == [20.0, 30.0]
