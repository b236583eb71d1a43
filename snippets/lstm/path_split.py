"""The LSTM gradient at h_{T-k} split into three sums over paths.

The loss sits on the last step, L = v · h_T (set-up of snippets/nn/runs.py:
matched weights with r = 1, warm-up, seeds). Every path from h_T back to h_{T-k}
through the unrolled graph is one of three kinds (``lstm.backward_paths``
propagates each kind separately):

- hidden-only: never takes a conveyor edge c_{t-1} -> c_t; it steps back
  through h and the gates only (``backward(cell_path=False)``);
- pure conveyor: h_T -> c_T, then only conveyor edges (a factor diag(f) each,
  no weight matrix) until it leaves through the gates of step T-k+1 into
  h_{T-k}: one weight matrix, at the exit;
- mixed: uses the conveyor and also passes through some h in between.

The three are vectors that add up to the full gradient; the figure shows the
batch-mean norm of each (geometric mean over seeds, band from the smallest to
the largest seed) and, for comparison, the gradient at the cell state c_{T-k}.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from matplotlib.figure import Figure

from snippets.common import require, spread
from snippets.nn import lstm, runs
from snippets.style import FIGSIZE, PALETTE

K, D, H, B = 60, 8, 32, 16
FORGET_BIAS = 1.0
PARTS = ("full", "hidden_only", "conveyor", "mixed", "cell")


@dataclass(frozen=True)
class PathSplit:
    full: np.ndarray  # (K+1, B, H) ∂L/∂h_{T-k}, indexed by k
    hidden_only: np.ndarray  # (K+1, B, H)
    conveyor: np.ndarray  # (K+1, B, H)
    mixed: np.ndarray  # (K+1, B, H)
    cell: np.ndarray  # (K+1, B, H) ∂L/∂c_{T-k}


def split(seed: int = 0, forget_bias: float = FORGET_BIAS) -> PathSplit:
    run = runs.lstm_run(seed, K, D, H, B, forget_bias)
    grads = lstm.backward(run.params, run.cache, run.dhs)
    parts = lstm.backward_paths(run.params, run.cache, run.dhs)

    def by_lag(a: np.ndarray) -> np.ndarray:
        return a[::-1][: K + 1]

    return PathSplit(
        full=by_lag(grads.dh),
        hidden_only=by_lag(parts.hidden_only),
        conveyor=by_lag(parts.conveyor),
        mixed=by_lag(parts.mixed),
        cell=by_lag(grads.dc),
    )


def mean_norms(s: PathSplit) -> dict[str, np.ndarray]:
    """(K+1,) batch-mean norm of each part, divided by the full norm at k=0."""
    ref = np.linalg.norm(s.full[0], axis=-1).mean()
    return {name: np.linalg.norm(getattr(s, name), axis=-1).mean(axis=-1) / ref for name in PARTS}


@cache
def norms(seeds: tuple[int, ...] = runs.SHOWN_SEEDS) -> dict[str, np.ndarray]:
    """Part name -> (S, K+1) relative norms, one row per seed."""
    rows = [mean_norms(split(seed)) for seed in seeds]
    return {name: np.array([row[name] for row in rows]) for name in PARTS}


def claims(n: dict[str, np.ndarray]) -> dict[str, bool]:
    """What the page says about this figure; each must hold for every seed."""
    share = n["mixed"][:, K] / n["full"][:, K]
    return {
        "hidden_only_gone_by_20": bool(np.all(n["hidden_only"][:, 20] < 1e-6 * n["full"][:, 20])),
        "conveyor_below_a_hundredth": bool(np.all(n["conveyor"][:, K] < 1e-2 * n["full"][:, K])),
        "mixed_carries_the_rest": bool(np.all((share > 0.98) & (share < 1.02))),
        # the gradient at c keeps more than at h: h pays the exit through a gate
        "cell_above_hidden": bool(np.all(n["cell"][:, 1:] > n["full"][:, 1:])),
    }


def alt_values() -> dict[str, str]:
    """Numbers the page's alt text quotes, read off the plotted data."""
    n = norms()
    require(claims(n), __name__)
    return {
        "K": f"{K}",
        "b_f": f"{FORGET_BIAS:g}",
        "seeds": f"{len(runs.SHOWN_SEEDS)}",
        "full_K": spread(n["full"][:, K]),
        "hidden_20": spread(n["hidden_only"][:, 20]),
        "conveyor_share_K": spread(100 * n["conveyor"][:, K] / n["full"][:, K], 2),
        "full_1": spread(n["full"][:, 1], 2),
        "cell_1": spread(n["cell"][:, 1], 2),
    }


def figure() -> Figure:
    n = norms()
    k = np.arange(K + 1)
    fig = Figure(figsize=FIGSIZE, layout="constrained")
    ax = fig.subplots()
    # k = 0, 1: no conveyor edge lies between h_{T-k} and h_T; k = 2 for mixed
    series = [
        ("full", 0, "전체 기울기 $\\partial L/\\partial h_{T-k}$", PALETTE["black"], "-", 2.5),
        ("cell", 0, "비교: 셀 상태의 기울기 $\\partial L/\\partial c_{T-k}$", "0.55", "-", 1.2),
        (
            "conveyor",
            2,
            "순수 컨베이어 몫 ($\\prod \\mathrm{diag}(f)$, 나갈 때 $W$ 한 번)",
            PALETTE["blue"],
            ":",
            2,
        ),
        ("mixed", 3, "섞인 몫 (셀 상태와 은닉 상태를 오가는 경로)", PALETTE["sky"], "--", 2),
        (
            "hidden_only",
            0,
            "은닉 상태 전용 몫 ($c_{t-1}\\to c_t$ 차단)",
            PALETTE["vermillion"],
            "-.",
            2,
        ),
    ]
    for name, first, label, colour, ls, lw in series:
        rows = n[name][:, first:]
        ax.fill_between(
            k[first:], rows.min(axis=0), rows.max(axis=0), color=colour, alpha=0.15, lw=0
        )
        ax.plot(k[first:], runs.geometric_mean(rows), color=colour, ls=ls, lw=lw, label=label)
    ax.set_yscale("log")
    ax.set_ylim(1e-18, 3)
    ax.set_xlim(0, K)
    ax.set_xlabel("거슬러 올라간 시간 $k$")
    ax.set_ylabel(r"$\|\cdot\|\;/\;\|\partial L/\partial h_T\|$")
    ax.set_title(
        rf"LSTM ($b_f={FORGET_BIAS:g}$, $r=1$): 경로 세 갈래 "
        f"(선: 시드 {len(runs.SHOWN_SEEDS)}개의 기하 평균, 띠: 최소~최대)",
        fontsize=10,
    )
    ax.grid(alpha=0.25)
    ax.legend(loc="lower left", fontsize=8, framealpha=0.9)
    return fig
