"""Build time per scenario from the latest benchmark, against the plain floor."""

from __future__ import annotations

import json
from pathlib import Path

from matplotlib.figure import Figure

ROOT = Path(__file__).resolve().parents[2]
# Files this figure reads: study_wiki/core/snippet_graph.py keys the figure cache on them too.
DATA_FILES = ("benchmarks/results.json",)
RESULTS = ROOT / DATA_FILES[0]
PLAIN = "plain"


def load(path: Path = RESULTS) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def bars(results: dict) -> tuple[list[str], list[float], list[float | None], float]:
    """Labels, seconds and ratios to plain (top to bottom), and the plain seconds."""
    rows = [row for row in results["rows"] if row["seconds"] is not None]
    plain = next(row["seconds"] for row in rows if row["key"] == PLAIN)
    return (
        [row["label"] for row in rows],
        [row["seconds"] for row in rows],
        [row["ratio"] for row in rows],
        plain,
    )


def figure() -> Figure:
    results = load()
    labels, seconds, ratios, plain = bars(results)
    fig = Figure(figsize=(8.0, 0.45 * len(labels) + 1.4), layout="constrained")
    fig.patch.set_facecolor("white")
    ax = fig.add_subplot()
    ax.set_facecolor("white")
    y = list(range(len(labels)))[::-1]  # first row at the top
    colors = ["#999999" if label.startswith(PLAIN) else "#0072B2" for label in labels]
    ax.barh(y, seconds, color=colors, height=0.65)
    ax.axvline(plain, color="#D55E00", linestyle="--", linewidth=1.2)
    ax.annotate(
        "plain 바닥",
        (plain, max(y) + 0.5),
        color="#D55E00",
        fontsize=9,
        xytext=(3, 0),
        textcoords="offset points",
        va="bottom",
    )
    for row_y, value, ratio in zip(y, seconds, ratios, strict=True):
        text = f"{value:.1f}초" + ("" if ratio is None else f"  ({ratio:.2f}×)")
        ax.text(value, row_y, " " + text, va="center", fontsize=8.5)
    ax.set_yticks(y, labels, fontsize=9)
    ax.set_xlim(0, max(seconds) * 1.3)
    ax.set_ylim(-0.6, max(y) + 1.1)
    ax.set_xlabel("빌드 시간 (초, 반복의 중앙값)")
    ax.set_title(f"노트 {results['notes']}개 · 그림 {results['snippets']}개에서 상황별 빌드 시간")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig
