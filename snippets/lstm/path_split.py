"""The LSTM gradient at h_{T-k} split into cell-path and hidden-only parts.

``lstm.backward(cell_path=False)`` cuts the edge c_{t-1} -> c_t, leaving
the paths that step back through h only; the rest (full minus that) is the
part that rode the cell state for at least one step. The two parts are
vectors that add up to the full gradient; the figure shows their norms.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.figure import Figure

from snippets.lstm import FIGSIZE, PALETTE
from snippets.nn import lstm

T, D, H, B = 60, 8, 32, 16
FORGET_BIAS = 1.0


@dataclass(frozen=True)
class PathSplit:
    full: np.ndarray  # (T+1, B, H) ∂L/∂h_{T-k}, indexed by k
    hidden_only: np.ndarray  # (T+1, B, H)
    cell_path: np.ndarray  # (T+1, B, H) = full - hidden_only


def split(seed: int = 0, forget_bias: float = FORGET_BIAS) -> PathSplit:
    rng = np.random.default_rng(seed)
    p = lstm.init(rng, D, H, forget_bias=forget_bias)
    xs = rng.standard_normal((T, B, D))
    zeros = np.zeros((B, H))
    cache = lstm.forward(p, xs, zeros, zeros)
    dhs = np.zeros((T + 1, B, H))
    dhs[T] = rng.standard_normal((B, H))  # L = v · h_T
    full = lstm.backward(p, cache, dhs).dh[::-1]
    hidden = lstm.backward(p, cache, dhs, cell_path=False).dh[::-1]
    return PathSplit(full=full, hidden_only=hidden, cell_path=full - hidden)


def mean_norms(s: PathSplit) -> dict[str, np.ndarray]:
    """(T+1,) batch-mean norm of each part, divided by the full norm at k=0."""
    ref = np.linalg.norm(s.full[0], axis=1).mean()
    return {
        name: np.linalg.norm(getattr(s, name), axis=2).mean(axis=1) / ref
        for name in ("full", "cell_path", "hidden_only")
    }


def figure() -> Figure:
    norms = mean_norms(split())
    k = np.arange(T + 1)
    fig = Figure(figsize=FIGSIZE, layout="constrained")
    ax = fig.subplots()
    ax.plot(k, norms["full"], color=PALETTE["black"], lw=2.5, label="전체 기울기")
    # k = 0, 1: no c_{t-1} -> c_t edge lies between h_{T-k} and h_T, part = 0
    ax.plot(
        k[2:],
        norms["cell_path"][2:],
        color=PALETTE["blue"],
        lw=2,
        ls="--",
        label="셀 상태 경로 몫 (전체 − 은닉 전용)",
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
        rf"LSTM ($b_f={FORGET_BIAS:g}$): $\partial L/\partial h_{{T-k}}$ 를 "
        "경로별로 나누면"
    )
    ax.grid(alpha=0.25)
    ax.legend(loc="upper right", fontsize=9, framealpha=0.9)
    return fig
