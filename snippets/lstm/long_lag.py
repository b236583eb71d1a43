"""Does the LSTM gradient grow over long lags, and along which paths?

Two LSTMs with the same forget bias b_f = 3 and the page's set-up
(snippets/nn/runs.py: matched weights, warm-up, loss on the last step), one with
recurrent matrices orthogonal × 1 and one with orthogonal × 4. Each seed is one
thin line. The dotted lines are the pure conveyor part of each seed
(``lstm.backward_paths``): h_T -> c_T, only the factors diag(f) <= 1, then one
exit through the gates. Whatever growth there is comes along paths through h.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from matplotlib.figure import Figure

from snippets.common import require, spread
from snippets.nn import lstm, runs
from snippets.style import PALETTE

D, H, B = 8, 32, 16
FORGET_BIAS = 3.0
PANELS = ((1.0, 300), (4.0, 150))  # (r, K): the recurrent scale and how far back


@cache
def curves(radius: float, K: int, seeds: tuple[int, ...] = runs.SHOWN_SEEDS) -> dict:
    """Relative norms by lag k = 0..K, one row per seed: "full" and "conveyor"."""
    full, conveyor = [], []
    for seed in seeds:
        run = runs.lstm_run(seed, K, D, H, B, FORGET_BIAS, radius)
        dh = lstm.backward(run.params, run.cache, run.dhs).dh
        parts = lstm.backward_paths(run.params, run.cache, run.dhs)
        ref = runs.norms_by_lag(dh, K)[0]
        full.append(runs.norms_by_lag(dh, K) / ref)
        conveyor.append(runs.norms_by_lag(parts.conveyor, K) / ref)
    return {"full": np.array(full), "conveyor": np.array(conveyor)}


def claims(seeds: tuple[int, ...] = runs.SHOWN_SEEDS) -> dict[str, bool]:
    """What the page says about this figure; each must hold for every seed."""
    (r1, k1), (r4, k4) = PANELS
    calm, wild = curves(r1, k1, seeds), curves(r4, k4, seeds)
    return {
        # r = 1: no seed's gradient ever exceeds its value at k = 0
        "r1_never_above_start": bool(np.all(calm["full"][:, 1:] < 1)),
        # r = 1: it shrinks slowly, still above 1e-4 at the far end
        "r1_still_there": bool(np.all(calm["full"][:, k1] > 1e-4)),
        # r = 4: every seed grows, by the far end at least 10× its value at k = 0
        "r4_grows": bool(np.all(wild["full"][:, k4] > 10)),
        # both: the pure conveyor part is under 1% of the gradient at the far end
        "conveyor_negligible": bool(
            np.all(calm["conveyor"][:, k1] < 1e-2 * calm["full"][:, k1])
            and np.all(wild["conveyor"][:, k4] < 1e-2 * wild["full"][:, k4])
        ),
    }


def alt_values() -> dict[str, str]:
    require(claims(), __name__)
    (r1, k1), (r4, k4) = PANELS
    calm, wild = curves(r1, k1), curves(r4, k4)
    regrowth = calm["full"][:, k1 // 3 :].max(axis=1) / calm["full"][:, k1 // 3 :].min(axis=1)
    return {
        "b_f": f"{FORGET_BIAS:g}",
        "seeds": f"{len(runs.SHOWN_SEEDS)}",
        "r1": f"{r1:g}",
        "K1": f"{k1}",
        "end1": spread(calm["full"][:, k1]),
        "conveyor1": spread(100 * calm["conveyor"][:, k1] / calm["full"][:, k1], 2),
        "r4": f"{r4:g}",
        "K4": f"{k4}",
        "end4": spread(wild["full"][:, k4]),
        "conveyor4": spread(100 * wild["conveyor"][:, k4] / wild["full"][:, k4], 2),
        "wiggle": spread(regrowth),
    }


def figure() -> Figure:
    fig = Figure(figsize=(7.5, 4.4), layout="constrained")
    axes = fig.subplots(1, 2, sharey=True)
    for ax, (radius, K) in zip(axes, PANELS, strict=True):
        c = curves(radius, K)
        k = np.arange(K + 1)
        for j, (row, conv) in enumerate(zip(c["full"], c["conveyor"], strict=True)):
            first = j == 0
            ax.plot(
                k,
                row,
                color=PALETTE["blue"],
                lw=0.9,
                alpha=0.6,
                label="전체 기울기 (시드별)" if first else None,
            )
            ax.plot(
                k[2:],
                conv[2:],
                color=PALETTE["vermillion"],
                lw=0.9,
                ls=":",
                alpha=0.8,
                label=r"순수 컨베이어 몫 ($\prod\mathrm{diag}(f)$)" if first else None,
            )
        ax.axhline(1.0, color="0.4", lw=0.8, ls="--")
        ax.set_yscale("log")
        ax.set_ylim(1e-14, 1e8)
        ax.set_xlim(0, K)
        ax.set_xlabel("거슬러 올라간 시간 $k$")
        ax.set_title(f"순환 가중치 직교 행렬 × {radius:g}", fontsize=10)
        ax.grid(alpha=0.25)
    axes[0].set_ylabel(r"$\|\partial L/\partial h_{T-k}\|\;/\;\|\partial L/\partial h_T\|$")
    axes[0].legend(loc="lower left", fontsize=8, framealpha=0.9)
    fig.suptitle(
        rf"LSTM $b_f={FORGET_BIAS:g}$, 표준 정규 입력, 시드 {len(runs.SHOWN_SEEDS)}개",
        fontsize=10,
    )
    return fig
