"""Sigmoid and tanh with their derivatives: why σ' <= 1/4 shrinks gradients."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from snippets.common import sigmoid, sigmoid_grad, tanh_grad
from snippets.style import FIGSIZE, PALETTE


def curves(lo: float = -6.0, hi: float = 6.0, n: int = 601) -> dict[str, np.ndarray]:
    z = np.linspace(lo, hi, n)
    return {
        "z": z,
        "sigmoid": sigmoid(z),
        "sigmoid_grad": sigmoid_grad(z),
        "tanh": np.tanh(z),
        "tanh_grad": tanh_grad(z),
    }


def figure() -> Figure:
    c = curves()
    fig = Figure(figsize=FIGSIZE, layout="constrained")
    ax_s, ax_t = fig.subplots(1, 2, sharey=True)
    panels = (
        (ax_s, "sigmoid", r"$\sigma(z)$", r"$\sigma'(z)$", 0.25, PALETTE["blue"]),
        (ax_t, "tanh", r"$\tanh(z)$", r"$\tanh'(z)$", 1.0, PALETTE["vermillion"]),
    )
    for ax, name, label, dlabel, peak, colour in panels:
        ax.axhline(0, color="0.6", lw=0.8)
        ax.axvline(0, color="0.6", lw=0.8)
        ax.plot(c["z"], c[name], color=colour, lw=2, label=label)
        ax.plot(c["z"], c[f"{name}_grad"], color=colour, lw=2, ls="--", label=dlabel)
        ax.axhline(peak, color="0.35", lw=0.8, ls=":")
        ax.annotate(
            f"최댓값 {peak:g}  ($z=0$)",
            xy=(0, peak),
            xytext=(1.2, peak + 0.22),
            arrowprops={"arrowstyle": "->", "color": "0.25"},
            fontsize=9,
        )
        ax.set_xlabel("입력 $z$")
        ax.set_xlim(c["z"][0], c["z"][-1])
        ax.legend(loc="lower right", fontsize=9, frameon=False)
        ax.grid(alpha=0.25)
    ax_s.set_ylim(-1.15, 1.45)
    ax_s.set_title("시그모이드: 도함수는 0.25 이하")
    ax_t.set_title("tanh: 도함수는 1 이하")
    ax_s.set_ylabel("값")
    return fig
