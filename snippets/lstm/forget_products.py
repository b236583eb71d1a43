"""How much of c_{t-s} survives in c_t: the forget-gate product ∏ f over s steps.

∂c_t/∂c_{t-s} along the cell line alone is f_t ⊙ f_{t-1} ⊙ … ⊙ f_{t-s+1}.
Freshly initialised LSTMs (the page's set-up, snippets/nn/runs.py: matched
weights with r = 1, warm-up) are run on standard normal input; within the K
measured steps every unit, batch entry, start time and seed gives one product
per span s. The boxes pool all seeds; the alt text gives each seed's median.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from matplotlib.figure import Figure

from snippets.common import require, spoken, spread
from snippets.nn import runs
from snippets.style import FIGSIZE, PALETTE

K, D, H, B = 120, 16, 64, 8
SPANS = (1, 5, 20, 50)
FORGET_BIASES = (0.0, 1.0)


def forget_gates(seed: int = 0, forget_bias: float = 1.0) -> np.ndarray:
    """(K, B, H) forget-gate activations of the K measured steps (after the warm-up)."""
    return runs.lstm_run(seed, K, D, H, B, forget_bias).cache.f[runs.WARMUP :]


def span_products(f: np.ndarray, span: int) -> np.ndarray:
    """All products f_{a+1} ⋯ f_{a+span}, flattened: (K - span + 1) · B · H values."""
    log_cum = np.concatenate([np.zeros((1, *f.shape[1:])), np.cumsum(np.log(f), 0)])
    return np.exp(log_cum[span:] - log_cum[:-span]).ravel()


@cache
def products_by_span(
    forget_bias: float = 1.0, seeds: tuple[int, ...] = runs.SHOWN_SEEDS
) -> dict[int, np.ndarray]:
    """Span -> (S, n) products, one row per seed."""
    gates = [forget_gates(seed, forget_bias) for seed in seeds]
    return {s: np.array([span_products(f, s) for f in gates]) for s in SPANS}


def medians(forget_bias: float, seeds: tuple[int, ...] = runs.SHOWN_SEEDS) -> np.ndarray:
    """(S, len(SPANS)) each seed's median product at each span."""
    data = products_by_span(forget_bias, seeds)
    return np.array([np.median(data[s], axis=1) for s in SPANS]).T


def claims(seeds: tuple[int, ...] = runs.SHOWN_SEEDS) -> dict[str, bool]:
    """What the page says about this figure; each must hold for every seed."""
    low, high = medians(0.0, seeds), medians(1.0, seeds)
    longest = SPANS.index(SPANS[-1])
    return {
        "medians_shrink_with_span": bool(np.all(np.diff(low) < 0) and np.all(np.diff(high) < 0)),
        "bias_one_keeps_more": bool(np.all(high > low)),
        # at 50 steps both are tiny, b_f = 1 keeps over ten million times more
        "fifty_steps": bool(
            np.all(high[:, longest] < 1e-6) and np.all(high[:, longest] > 1e7 * low[:, longest])
        ),
    }


def alt_values() -> dict[str, str]:
    """Seed ranges of the medians at the longest span."""
    require(claims(), __name__)
    longest = SPANS[-1]
    values = {
        "spans": ", ".join(f"{s}" for s in SPANS),
        "longest": f"{longest}",
        "seeds": f"{len(runs.SHOWN_SEEDS)}",
    }
    for bias in FORGET_BIASES:
        values[f"median_b{bias:.0f}"] = spread(medians(bias)[:, -1])
    return values


def figure() -> Figure:
    fig = Figure(figsize=FIGSIZE, layout="constrained")
    ax = fig.subplots()
    colours = {0.0: PALETTE["vermillion"], 1.0: PALETTE["blue"]}
    width, gap = 0.35, 0.2
    handles = []
    for j, bias in enumerate(FORGET_BIASES):
        data = products_by_span(bias)
        positions = [i + (j - 0.5) * (width + gap / 2) for i in range(len(SPANS))]
        parts = ax.boxplot(
            [np.log10(data[s].ravel()) for s in SPANS],
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
            logs = np.log10(data[s].ravel())
            label = f"중앙값 {spoken(np.median(data[s]))}".replace("×10의 ", "e").replace(
                "제곱", ""
            )
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
    lo = -24
    ax.set_xlim(lo, 0.5)
    ticks = np.arange(lo, 1, 3)
    ax.set_xticks(ticks, [f"$10^{{{t}}}$" for t in ticks])
    ax.set_xlabel(r"$f_{t-s+1}\odot\cdots\odot f_t$ 의 성분 (로그 눈금)")
    ax.set_title(
        f"망각 게이트 곱: 셀 상태가 $s$단계 뒤에 남기는 몫 (시드 {len(runs.SHOWN_SEEDS)}개를 합침)",
        fontsize=10,
    )
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
