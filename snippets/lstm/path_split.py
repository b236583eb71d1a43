"""The LSTM gradient at h_{T-k} split into three sums over paths.

The loss sits on the last step, L = v · h_T. Every path from h_T back to
h_{T-k} through the unrolled graph is one of three kinds
(``lstm.backward_paths`` propagates each kind separately):

- hidden-only: never takes a conveyor edge c_{t-1} -> c_t; it steps back
  through h and the gates only (``backward(cell_path=False)``);
- pure conveyor: h_T -> c_T, then only conveyor edges (a factor
  diag(f) each, no weight matrix) until it leaves through the gates of the
  last step into h_{T-k}: the W-free ∏ diag(f) path the team asked about;
- mixed: uses the conveyor and also passes through some h in between.

The three are vectors that add up to the full gradient; the figure shows
the batch-mean norm of each.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from matplotlib.figure import Figure

from snippets.nn import lstm, runs
from snippets.style import FIGSIZE, PALETTE

T, D, H, B = 60, 8, 32, 16
FORGET_BIAS = 1.0
PARTS = ("full", "hidden_only", "conveyor", "mixed")


@dataclass(frozen=True)
class PathSplit:
    full: np.ndarray  # (T+1, B, H) ∂L/∂h_{T-k}, indexed by k
    hidden_only: np.ndarray  # (T+1, B, H)
    conveyor: np.ndarray  # (T+1, B, H)
    mixed: np.ndarray  # (T+1, B, H)


def split(seed: int = 0, forget_bias: float = FORGET_BIAS) -> PathSplit:
    run = runs.lstm_run(seed, T, D, H, B, forget_bias)
    full = lstm.backward(run.params, run.cache, run.dhs).dh
    parts = lstm.backward_paths(run.params, run.cache, run.dhs)
    return PathSplit(
        full=full[::-1],
        hidden_only=parts.hidden_only[::-1],
        conveyor=parts.conveyor[::-1],
        mixed=parts.mixed[::-1],
    )


def mean_norms(s: PathSplit) -> dict[str, np.ndarray]:
    """(T+1,) batch-mean norm of each part, divided by the full norm at k=0."""
    ref = np.linalg.norm(s.full[0], axis=1).mean()
    return {name: np.linalg.norm(getattr(s, name), axis=2).mean(axis=1) / ref for name in PARTS}


@cache
def _norms() -> dict[str, np.ndarray]:
    return mean_norms(split())


def alt_values() -> dict[str, str]:
    """Numbers the page's alt text quotes, read off the plotted data."""
    n = _norms()
    return {
        "T": f"{T}",
        "b_f": f"{FORGET_BIAS:g}",
        "full_T": f"{n['full'][T]:.1e}",
        "hidden_20": f"{n['hidden_only'][20]:.0e}",
        "conveyor_T": f"{n['conveyor'][T]:.1e}",
        "mixed_share_T": f"{100 * n['mixed'][T] / n['full'][T]:.0f}",
    }


def figure() -> Figure:
    norms = _norms()
    k = np.arange(T + 1)
    fig = Figure(figsize=FIGSIZE, layout="constrained")
    ax = fig.subplots()
    ax.plot(k, norms["full"], color=PALETTE["black"], lw=2.5, label="전체 기울기")
    # k = 0, 1: no conveyor edge lies between h_{T-k} and h_T; k = 2 for mixed
    ax.plot(
        k[2:],
        norms["conveyor"][2:],
        color=PALETTE["blue"],
        lw=2,
        ls=":",
        label=r"순수 컨베이어 몫 ($h_T\to c_T\to\cdots$, $\prod \mathrm{diag}(f)$만)",
    )
    ax.plot(
        k[3:],
        norms["mixed"][3:],
        color=PALETTE["sky"],
        lw=2,
        ls="--",
        label="섞인 몫 (셀 상태와 은닉 상태를 오가는 경로)",
    )
    ax.plot(
        k,
        norms["hidden_only"],
        color=PALETTE["vermillion"],
        lw=2,
        ls="-.",
        label=r"은닉 상태 전용 몫 ($c_{t-1}\to c_t$ 차단)",
    )
    ax.set_yscale("log")
    ax.set_ylim(1e-14, 3)
    ax.set_xlim(0, T)
    ax.set_xlabel("거슬러 올라간 시간 $k$")
    ax.set_ylabel(r"$\|\cdot\|\;/\;\|\partial L/\partial h_T\|$")
    ax.set_title(
        rf"LSTM ($b_f={FORGET_BIAS:g}$): $\partial L/\partial h_{{T-k}}$ 를 경로 세 갈래로 나누면"
    )
    ax.grid(alpha=0.25)
    ax.legend(loc="lower left", fontsize=8.5, framealpha=0.9)
    return fig
