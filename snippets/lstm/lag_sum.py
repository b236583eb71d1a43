"""∂L/∂W as a sum over lags: how much each step back adds to the weight gradient.

With the loss on the last step, L = v · h_T, BPTT gives the recurrent weights'
gradient as a sum over the steps s = T, T-1, …: step s adds h_{s-1}^T δ_s, where
δ_s = ∂L/∂a_s is the gradient at that step's pre-activations, which has come
back k = T - s steps. For the LSTM, W_h stacks the four W_h* side by side.
The figure shows ‖term at lag k‖_F / ‖∂L/∂W_h‖_F per seed (band) and the
geometric mean, for the page's set-up (snippets/nn/runs.py, r = 1).
"""

from __future__ import annotations

from functools import cache

import numpy as np
from matplotlib.figure import Figure

from snippets.common import require, spread
from snippets.nn import lstm, rnn, runs
from snippets.style import FIGSIZE, PALETTE

K, D, H, B = 60, 8, 32, 16
MODELS = ("rnn", "lstm1", "lstm3")  # RNN r = 1; LSTM r = 1 with b_f = 1 and 3
FAR = 20  # "far" lags start here


def lag_terms(model: str, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """((T, H, ·) the term of every lag k = 0..T-1, (H, ·) BPTT's own ∂L/∂W_h).

    The run is WARMUP + K steps long; the terms of all its lags add up to ∂L/∂W_h."""
    if model == "rnn":
        run = runs.rnn_run(seed, K, D, H, B, 1.0)
        grads = rnn.backward(run.params, run.cache, run.dhs)
        total = grads.params.W_hh
    else:
        run = runs.lstm_run(seed, K, D, H, B, forget_bias=float(model[-1]))
        grads = lstm.backward(run.params, run.cache, run.dhs)
        total = lstm.stacked(grads.params)[1]
    hs, da = run.cache.hs, grads.da  # da[s-1] belongs to step s
    steps = np.arange(da.shape[0], 0, -1)  # s = T - k
    terms = np.einsum("kbi,kbj->kij", hs[steps - 1], da[steps - 1])
    return terms, total


def shares(model: str, seed: int) -> np.ndarray:
    """(K+1,) ‖term at lag k‖_F / ‖∂L/∂W_h‖_F."""
    terms, total = lag_terms(model, seed)
    return np.linalg.norm(terms[: K + 1], axis=(1, 2)) / np.linalg.norm(total)


@cache
def data(seeds: tuple[int, ...] = runs.SHOWN_SEEDS) -> dict[str, np.ndarray]:
    return {m: np.array([shares(m, s) for s in seeds]) for m in MODELS}


def far_share(rows: np.ndarray) -> np.ndarray:
    """Per seed: the norms of the terms at lags FAR..K, summed, over the total's norm."""
    return rows[:, FAR:].sum(axis=1)


def claims(d: dict[str, np.ndarray]) -> dict[str, bool]:
    """What the page says about this figure; each must hold for every seed."""
    return {
        # the nearest lags make the RNN's gradient: lags 20..K add under 1%
        "rnn_far_lags_negligible": bool(np.all(far_share(d["rnn"]) < 1e-2)),
        # b_f = 1: a few percent (between 1% and 10%)
        "lstm1_far_lags_few_percent": bool(
            np.all((far_share(d["lstm1"]) > 1e-2) & (far_share(d["lstm1"]) < 1e-1))
        ),
        # b_f = 3: a fifth of the total or more
        "lstm3_far_lags_count": bool(np.all(far_share(d["lstm3"]) > 0.2)),
        # every model, every seed: the term of lag 0 is the largest single term
        "lag_zero_is_largest": all(np.all(np.argmax(rows, axis=1) == 0) for rows in d.values()),
    }


def alt_values() -> dict[str, str]:
    d = data()
    require(claims(d), __name__)
    return {
        "K": f"{K}",
        "far": f"{FAR}",
        "seeds": f"{len(runs.SHOWN_SEEDS)}",
        "rnn_far": spread(100 * far_share(d["rnn"]), 2),
        "lstm1_far": spread(100 * far_share(d["lstm1"]), 2),
        "lstm3_far": spread(100 * far_share(d["lstm3"]), 2),
    }


def figure() -> Figure:
    d = data()
    k = np.arange(K + 1)
    fig = Figure(figsize=FIGSIZE, layout="constrained")
    ax = fig.subplots()
    series = (
        ("rnn", "바닐라 RNN ($r=1$)", PALETTE["black"], "-"),
        ("lstm1", "LSTM $b_f=1$", PALETTE["sky"], "--"),
        ("lstm3", "LSTM $b_f=3$", PALETTE["blue"], "-."),
    )
    for name, label, colour, ls in series:
        rows = d[name]
        ax.fill_between(k, rows.min(axis=0), rows.max(axis=0), color=colour, alpha=0.18, lw=0)
        ax.plot(k, runs.geometric_mean(rows), color=colour, ls=ls, lw=2, label=label)
    ax.axvline(FAR, color="0.5", lw=0.8, ls=":")
    ax.set_yscale("log")
    ax.set_ylim(1e-13, 3)
    ax.set_xlim(0, K)
    ax.set_xlabel(r"거슬러 올라간 시간 $k$ (항 $h_{T-k-1}^{\top}\delta_{T-k}$)")
    ax.set_ylabel(r"$\|k$단계 앞의 항$\|_F\;/\;\|\partial L/\partial W_h\|_F$")
    ax.set_title(
        rf"$\partial L/\partial W_h$ 를 이루는 단계별 항 "
        f"(선: 시드 {len(runs.SHOWN_SEEDS)}개의 기하 평균, 띠: 최소~최대)",
        fontsize=10,
    )
    ax.grid(alpha=0.25)
    ax.legend(loc="lower left", fontsize=9, framealpha=0.9)
    return fig
