"""How much of c_{t-s} survives in c_t: the forget-gate product ∏ f over s steps.

∂c_t/∂c_{t-s} along the cell line alone is f_t ⊙ f_{t-1} ⊙ … ⊙ f_{t-s+1}.
A freshly initialised LSTM is run on random input; every unit, batch entry
and start time gives one product per span s.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from snippets.common import spoken
from snippets.nn import runs
from snippets.style import FIGSIZE, PALETTE

T, D, H, B = 120, 16, 64, 8
SPANS = (1, 5, 20, 50)
FORGET_BIASES = (0.0, 1.0)


def forget_gates(seed: int = 0, forget_bias: float = 1.0) -> np.ndarray:
    """(T, B, H) forget-gate activations of a random LSTM on N(0, 1) input."""
    return runs.lstm_run(seed, T, D, H, B, forget_bias).cache.f


def span_products(f: np.ndarray, span: int) -> np.ndarray:
    """All products f_{a+1} ⋯ f_{a+span}, flattened: (T - span + 1) · B · H values."""
    log_cum = np.concatenate([np.zeros((1, *f.shape[1:])), np.cumsum(np.log(f), 0)])
    return np.exp(log_cum[span:] - log_cum[:-span]).ravel()


def products_by_span(seed: int = 0, forget_bias: float = 1.0, spans=SPANS) -> dict[int, np.ndarray]:
    f = forget_gates(seed, forget_bias)
    return {s: span_products(f, s) for s in spans}


def alt_values() -> dict[str, str]:
    """Medians at the longest span, as the figure labels them."""
    longest = SPANS[-1]
    values = {"spans": ", ".join(f"{s}" for s in SPANS), "longest": f"{longest}"}
    for bias in FORGET_BIASES:
        median = np.median(products_by_span(forget_bias=bias)[longest])
        values[f"median_b{bias:.0f}"] = spoken(median)
    return values


def figure() -> Figure:
    fig = Figure(figsize=FIGSIZE, layout="constrained")
    ax = fig.subplots()
    colours = {0.0: PALETTE["vermillion"], 1.0: PALETTE["blue"]}
    width, gap = 0.35, 0.2
    handles = []
    for j, bias in enumerate(FORGET_BIASES):
        data = products_by_span(forget_bias=bias)
        positions = [i + (j - 0.5) * (width + gap / 2) for i in range(len(SPANS))]
        parts = ax.boxplot(
            [np.log10(data[s]) for s in SPANS],
            positions=positions,
            widths=width,
            orientation="horizontal",
            patch_artist=True,
            showfliers=False,
            whis=(5, 95),
            medianprops={"color": "black", "lw": 1.5},
        )
        for box in parts["boxes"]:
            box.set_facecolor(colours[bias])
            box.set_alpha(0.85)
        for pos, s in zip(positions, SPANS, strict=True):
            logs = np.log10(data[s])
            label = f"중앙값 {np.median(data[s]):.1e}"
            ax.text(
                np.percentile(logs, 5) - 0.3,
                pos,
                label,
                ha="right",
                va="center",
                fontsize=8,
                color="0.2",
            )
        handles.append(parts["boxes"][0])
    ax.set_yticks(range(len(SPANS)), [f"{s}단계" for s in SPANS])
    ax.set_ylabel("구간 길이 $s$")
    lo = -18
    ax.set_xlim(lo, 0.5)
    ticks = np.arange(lo, 1, 3)
    ax.set_xticks(ticks, [f"$10^{{{t}}}$" for t in ticks])
    ax.set_xlabel(r"$f_{t-s+1}\odot\cdots\odot f_t$ 의 성분 (로그 눈금)")
    ax.set_title("망각 게이트 곱: 셀 상태가 $s$단계 뒤에 남기는 몫")
    ax.legend(
        handles,
        [f"망각 편향 $b_f={b:g}$" for b in FORGET_BIASES],
        loc="lower left",
        fontsize=9,
        frameon=False,
    )
    ax.grid(axis="x", alpha=0.25)
    ax.invert_yaxis()
    return fig
