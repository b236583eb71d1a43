"""How ‖∂L/∂h_{T-k}‖ falls with the lag k: vanilla RNN vs LSTM.

The loss sits on the last step only, L = v · h_T, so everything at h_{T-k}
has come back k steps. Norms are averaged over the batch and a few seeds and
divided by the norm at k = 0.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from snippets.lstm import FIGSIZE, PALETTE
from snippets.nn import lstm, rnn

T, D, H, B = 80, 8, 32, 16
SEEDS = (0, 1, 2)
RADII = (0.9, 1.0, 1.1)
FORGET_BIASES = (0.0, 1.0, 3.0)
RNN_INPUT_SCALE = 0.02  # keeps tanh out of saturation so r^k shows


def _last_step_upstream(rng: np.random.Generator) -> np.ndarray:
    dhs = np.zeros((T + 1, B, H))
    dhs[T] = rng.standard_normal((B, H))
    return dhs


def _by_lag(dh: np.ndarray) -> np.ndarray:
    """(T+1, B, H) -> mean over batch of ‖dh_t‖, indexed by k = T - t."""
    return np.linalg.norm(dh, axis=2).mean(axis=1)[::-1]


def rnn_grad_norms(radius: float, seeds=SEEDS) -> np.ndarray:
    """(T+1,) relative ‖∂L/∂h_{T-k}‖, tanh RNN with orthogonal W_hh · radius."""
    runs = []
    for seed in seeds:
        rng = np.random.default_rng(seed)
        p = rnn.init(rng, D, H, spectral_radius_hh=radius, orthogonal=True)
        xs = rng.standard_normal((T, B, D)) * RNN_INPUT_SCALE
        cache = rnn.forward(p, xs, np.zeros((B, H)))
        norms = _by_lag(rnn.backward(p, cache, _last_step_upstream(rng)).dh)
        runs.append(norms / norms[0])
    return np.mean(runs, axis=0)


def lstm_grad_norms(forget_bias: float, seeds=SEEDS) -> np.ndarray:
    """(T+1,) relative ‖∂L/∂h_{T-k}‖ for an LSTM with the given b_f."""
    runs = []
    for seed in seeds:
        rng = np.random.default_rng(seed)
        p = lstm.init(rng, D, H, forget_bias=forget_bias)
        xs = rng.standard_normal((T, B, D))
        zeros = np.zeros((B, H))
        cache = lstm.forward(p, xs, zeros, zeros)
        norms = _by_lag(lstm.backward(p, cache, _last_step_upstream(rng)).dh)
        runs.append(norms / norms[0])
    return np.mean(runs, axis=0)


def figure() -> Figure:
    k = np.arange(T + 1)
    fig = Figure(figsize=FIGSIZE, layout="constrained")
    ax_r, ax_l = fig.subplots(1, 2, sharey=True)
    colours = (PALETTE["vermillion"], PALETTE["black"], PALETTE["blue"])
    styles = ("-", "--", "-.")
    for radius, colour, ls in zip(RADII, colours, styles, strict=True):
        ax_r.plot(
            k,
            rnn_grad_norms(radius),
            color=colour,
            ls=ls,
            lw=2,
            label=f"스펙트럼 반지름 {radius:g}",
        )
    for bias, colour, ls in zip(FORGET_BIASES, colours, styles, strict=True):
        ax_l.plot(
            k, lstm_grad_norms(bias), color=colour, ls=ls, lw=2, label=f"망각 편향 $b_f={bias:g}$"
        )
    ax_r.set_title("바닐라 RNN (tanh)")
    ax_l.set_title("LSTM")
    ax_r.set_ylabel(r"$\|\partial L/\partial h_{T-k}\|\;/\;\|\partial L/\partial h_T\|$")
    for ax in (ax_r, ax_l):
        ax.set_yscale("log")
        ax.set_xlabel("거슬러 올라간 시간 $k$")
        ax.set_xlim(0, T)
        ax.set_ylim(1e-12, 1e2)
        ax.grid(alpha=0.25, which="major")
        ax.legend(loc="lower left", fontsize=9, frameon=False)
    fig.suptitle("마지막 시점의 손실이 $k$ 단계 앞 은닉 상태에 남기는 기울기")
    return fig
