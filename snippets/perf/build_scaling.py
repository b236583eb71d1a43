"""Build seconds against the number of notes (N = 200, 500, 1000) from the benchmarks."""

from __future__ import annotations

import json
from pathlib import Path

from matplotlib.figure import Figure

ROOT = Path(__file__).resolve().parents[2]
# Files this figure reads: study_wiki/core/snippet_graph.py keys the figure cache on them too.
DATA_FILES = (
    "benchmarks/results.json",
    "benchmarks/results-n500.json",
    "benchmarks/results-n1000.json",
)
SERIES = (
    ("plain", "plain (그림 줄 없음)", "#999999", "o"),
    ("warm", "warm (바뀐 것 없음)", "#0072B2", "s"),
    ("page_edit", "페이지 하나 수정", "#009E73", "^"),
    ("cold", "cold (.wiki-cache 전부 삭제)", "#D55E00", "D"),
    ("serve", "make serve: 저장 → 새 페이지 제공", "#CC79A7", "P"),
    ("make_build_unchanged", "make build, 바뀐 것 없음 (건너뜀)", "#000000", "v"),
)


def load(root: Path = ROOT) -> list[dict]:
    """The benchmark results that exist, ordered by N."""
    results = []
    for name in DATA_FILES:
        path = root / name
        if path.is_file():
            results.append(json.loads(path.read_text(encoding="utf-8")))
    return sorted(results, key=lambda r: r["notes"])


def points(results: list[dict], key: str) -> tuple[list[int], list[float]]:
    xs, ys = [], []
    for result in results:
        row = next((r for r in result["rows"] if r["key"] == key), None)
        if row and row["seconds"] is not None:
            xs.append(result["notes"])
            ys.append(row["seconds"])
    return xs, ys


def spread(values: list[float], gap: float, floor: float | None = None) -> list[float]:
    """Label heights for line ends at `values`, moved apart to at least `gap` (same
    units) and kept centred on the ends they label: nearly equal times stay legible.
    No label goes below `floor` (labels above it move up to keep the gap)."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    placed: list[float] = []
    for i in order:
        placed.append(max(values[i], placed[-1] + gap) if placed else values[i])
    # Shift each cluster back down so it sits around its own values.
    result = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and placed[end + 1] - placed[end] <= gap + 1e-9:
            end += 1
        shift = (sum(placed[start : end + 1]) - sum(values[i] for i in order[start : end + 1])) / (
            end - start + 1
        )
        for k in range(start, end + 1):
            result[order[k]] = placed[k] - shift
        start = end + 1
    if floor is not None:
        lowest = floor - gap
        for i in order:
            result[i] = lowest = max(result[i], lowest + gap)
    return result


def figure() -> Figure:
    results = load()
    fig = Figure(figsize=(7.0, 3.8), layout="constrained")
    fig.patch.set_facecolor("white")
    ax = fig.add_subplot()
    ax.set_facecolor("white")
    ends = []
    for key, label, color, marker in SERIES:
        xs, ys = points(results, key)
        if xs:
            ax.plot(xs, ys, color=color, marker=marker, label=label)
            ends.append((xs[-1], ys[-1], color))
    top = max((y for _, y, _ in ends), default=1.0)
    heights = spread([y for _, y, _ in ends], gap=top * 0.06, floor=top * 0.03)
    for (x, y, color), height in zip(ends, heights, strict=True):
        ax.annotate(
            f"{y:.1f}초",
            (x, y),
            xytext=(x * 1.015, height),
            textcoords="data",
            va="center",
            fontsize=8.5,
            color=color,
        )
    ns = sorted({r["notes"] for r in results})
    ax.set_xticks(ns, [str(n) for n in ns])
    ax.set_xlim(0, (max(ns) if ns else 1000) * 1.12)
    ax.set_ylim(bottom=0)
    ax.set_xlabel("데일리 노트 수 N")
    ax.set_ylabel("시간 (초)")
    ax.set_title("노트 수에 따른 빌드 시간과 저장 후 반영 시간")
    ax.grid(axis="y", color="#dddddd", linewidth=0.8)
    ax.legend(frameon=False, fontsize=8.5, loc="upper left")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig
