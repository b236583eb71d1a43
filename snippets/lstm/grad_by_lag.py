"""How ‖∂L/∂h_{T-k}‖ falls with the lag k: vanilla RNN vs LSTM on the same inputs.

The loss sits on the last step only, L = v · h_T, so everything at h_{T-k}
has come back k steps. Norms are averaged over the batch and a few seeds and
divided by the norm at k = 0.

Both models see the very same input sequences, at two scales:
- small inputs (standard deviation 0.02) keep the RNN's tanh unsaturated, so
  an orthogonal W_hh with spectral radius r shows its r^k; the LSTM's gates
  then sit near σ(b), so the conveyor factor is about σ(b_f)^k;
- standard normal inputs saturate the units as in a real run: tanh' < 1 and
  gates away from σ(b) change both models.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from matplotlib.figure import Figure

from snippets.common import spoken
from snippets.nn import lstm, rnn, runs
from snippets.style import PALETTE

T, D, H, B = 80, 8, 32, 16
SEEDS = (0, 1, 2)
RADII = (0.9, 1.0, 1.1)
FORGET_BIASES = (0.0, 1.0, 3.0)
INPUT_SCALES = (0.02, 1.0)  # standard deviation of the inputs, both models alike


def rnn_grad_norms(radius: float, input_scale: float, seeds=SEEDS) -> np.ndarray:
    """(T+1,) relative ‖∂L/∂h_{T-k}‖, tanh RNN with orthogonal W_hh · radius."""
    rel = []
    for seed in seeds:
        run = runs.rnn_run(seed, T, D, H, B, radius, input_scale)
        norms = runs.norms_by_lag(rnn.backward(run.params, run.cache, run.dhs).dh)
        rel.append(norms / norms[0])
    return np.mean(rel, axis=0)


def lstm_grad_norms(forget_bias: float, input_scale: float, seeds=SEEDS) -> np.ndarray:
    """(T+1,) relative ‖∂L/∂h_{T-k}‖ for an LSTM with the given b_f."""
    rel = []
    for seed in seeds:
        run = runs.lstm_run(seed, T, D, H, B, forget_bias, input_scale)
        norms = runs.norms_by_lag(lstm.backward(run.params, run.cache, run.dhs).dh)
        rel.append(norms / norms[0])
    return np.mean(rel, axis=0)


@cache
def curves() -> dict[tuple[str, float, float], np.ndarray]:
    """("rnn", radius, scale) or ("lstm", b_f, scale) -> relative norms by lag."""
    out = {}
    for scale in INPUT_SCALES:
        for radius in RADII:
            out["rnn", radius, scale] = rnn_grad_norms(radius, scale)
        for bias in FORGET_BIASES:
            out["lstm", bias, scale] = lstm_grad_norms(bias, scale)
    return out


def alt_values() -> dict[str, str]:
    """Numbers the page's alt text quotes, read off the plotted curves at k = T."""
    c = curves()
    values = {"T": f"{T}"}
    for scale, name in zip(INPUT_SCALES, ("small", "normal"), strict=True):
        values[f"scale_{name}"] = f"{scale:g}"
        for radius in RADII:
            values[f"rnn{10 * radius:02.0f}_{name}"] = spoken(c["rnn", radius, scale][T])
        for bias in FORGET_BIASES:
            values[f"lstm{bias:.0f}_{name}"] = spoken(c["lstm", bias, scale][T])
    return values


def figure() -> Figure:
    k = np.arange(T + 1)
    c = curves()
    fig = Figure(figsize=(7.5, 6.4), layout="constrained")
    axes = fig.subplots(2, 2, sharey=True, sharex=True)
    colours = (PALETTE["vermillion"], PALETTE["black"], PALETTE["blue"])
    styles = ("-", "--", "-.")
    for row, scale in zip(axes, INPUT_SCALES, strict=True):
        ax_r, ax_l = row
        for radius, colour, ls in zip(RADII, colours, styles, strict=True):
            ax_r.plot(
                k,
                c["rnn", radius, scale],
                color=colour,
                ls=ls,
                lw=2,
                label=f"스펙트럼 반지름 {radius:g}",
            )
        for bias, colour, ls in zip(FORGET_BIASES, colours, styles, strict=True):
            ax_l.plot(
                k,
                c["lstm", bias, scale],
                color=colour,
                ls=ls,
                lw=2,
                label=f"망각 편향 $b_f={bias:g}$",
            )
        ax_r.set_title(f"바닐라 RNN (tanh), 입력 표준편차 {scale:g}", fontsize=10)
        ax_l.set_title(f"LSTM, 입력 표준편차 {scale:g}", fontsize=10)
        ax_r.set_ylabel(r"$\|\partial L/\partial h_{T-k}\|\;/\;\|\partial L/\partial h_T\|$")
    for ax in axes.ravel():
        ax.set_yscale("log")
        ax.set_xlim(0, T)
        ax.set_ylim(1e-16, 1e3)
        ax.grid(alpha=0.25, which="major")
        ax.legend(loc="lower left", fontsize=8, frameon=False)
    for ax in axes[1]:
        ax.set_xlabel("거슬러 올라간 시간 $k$")
    fig.suptitle("같은 입력에서 마지막 시점의 손실이 $k$ 단계 앞 은닉 상태에 남기는 기울기")
    return fig
