"""b_f = 3 over 400 steps: does the LSTM gradient keep shrinking, or grow back?

The run is K + WARMUP steps long with the loss on the last step; lags
k = 0..K are measured after WARMUP steps, so the states there are past the
start from h_0 = c_0 = 0 (the first steps, with c near 0, have larger
Jacobians and would add a jump of their own at the far end). Each seed is
one thin line; the thick line is their geometric mean. The dotted line is
the pure conveyor part (``lstm.backward_paths``): whatever growth there is
comes along paths that pass through h, not along ∏ diag(f) <= 1.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from matplotlib.figure import Figure

from snippets.common import spoken
from snippets.nn import lstm, runs
from snippets.style import FIGSIZE, PALETTE

K, WARMUP, D, H, B = 400, 100, 8, 32, 16
FORGET_BIAS = 3.0
SEEDS = (0, 1, 2, 3, 4, 5)


@cache
def curves() -> dict[str, np.ndarray]:
    """Relative norms by lag k = 0..K: per seed ("seeds", (S, K+1)), their
    geometric mean ("mean") and the geometric mean of the pure conveyor part."""
    T = K + WARMUP
    full, conveyor = [], []
    for seed in SEEDS:
        run = runs.lstm_run(seed, T, D, H, B, FORGET_BIAS)
        dh = lstm.backward(run.params, run.cache, run.dhs).dh
        parts = lstm.backward_paths(run.params, run.cache, run.dhs)
        ref = runs.norms_by_lag(dh)[0]
        full.append(runs.norms_by_lag(dh)[: K + 1] / ref)
        conveyor.append(runs.norms_by_lag(parts.conveyor)[: K + 1] / ref)
    seeds = np.array(full)
    with np.errstate(divide="ignore"):
        conv_mean = np.exp(np.mean(np.log(conveyor), axis=0))
    return {"seeds": seeds, "mean": np.exp(np.mean(np.log(seeds), axis=0)), "conveyor": conv_mean}


def growth() -> dict[str, float]:
    """Where the mean curve bottoms out, and how far it has grown back by k = K."""
    mean = curves()["mean"]
    k_min = int(np.argmin(mean))
    return {
        "k_min": k_min,
        "min": float(mean[k_min]),
        "end": float(mean[K]),
        "ratio": float(mean[K] / mean[k_min]),
    }


def alt_values() -> dict[str, str]:
    g = growth()
    c = curves()
    per_seed = c["seeds"][:, K] / c["seeds"].min(axis=1)
    return {
        "K": f"{K}",
        "warmup": f"{WARMUP}",
        "seeds": f"{len(SEEDS)}",
        "k_min": f"{g['k_min']}",
        "min": spoken(g["min"]),
        "end": spoken(g["end"]),
        "ratio": f"{g['ratio']:.1f}",
        "seed_ratio_lo": f"{per_seed.min():.1f}",
        "seed_ratio_hi": f"{per_seed.max():.0f}",
        "conveyor_end": spoken(c["conveyor"][K]),
    }


def figure() -> Figure:
    c = curves()
    g = growth()
    k = np.arange(K + 1)
    fig = Figure(figsize=FIGSIZE, layout="constrained")
    ax = fig.subplots()
    for j, row in enumerate(c["seeds"]):
        ax.plot(
            k,
            row,
            color=PALETTE["blue"],
            lw=0.8,
            alpha=0.45,
            label="시드별 (6개)" if j == 0 else None,
        )
    ax.plot(k, c["mean"], color=PALETTE["black"], lw=2.5, label="기하 평균")
    ax.plot(
        k[2:],
        c["conveyor"][2:],
        color=PALETTE["vermillion"],
        lw=2,
        ls=":",
        label=r"그중 순수 컨베이어 몫 ($\prod \mathrm{diag}(f)$만)",
    )
    ax.annotate(
        f"최저 {g['min']:.2g} ($k={g['k_min']}$)",
        xy=(g["k_min"], g["min"]),
        xytext=(g["k_min"] + 40, g["min"] / 300),
        fontsize=9,
        arrowprops={"arrowstyle": "->", "color": "0.25"},
    )
    ax.annotate(
        f"$k={K}$: {g['end']:.2g}\n(최저점의 {g['ratio']:.1f}배)",
        xy=(K, g["end"]),
        xytext=(K - 120, g["end"] * 8),
        fontsize=9,
        arrowprops={"arrowstyle": "->", "color": "0.25"},
    )
    ax.set_yscale("log")
    ax.set_ylim(1e-10, 1e2)
    ax.set_xlim(0, K)
    ax.set_xlabel("거슬러 올라간 시간 $k$")
    ax.set_ylabel(r"$\|\partial L/\partial h_{T-k}\|\;/\;\|\partial L/\partial h_T\|$")
    ax.set_title(rf"LSTM $b_f={FORGET_BIAS:g}$, 표준 정규 입력, {K}단계 (앞 {WARMUP}단계는 예열)")
    ax.grid(alpha=0.25)
    ax.legend(loc="lower left", fontsize=9, framealpha=0.9)
    return fig
