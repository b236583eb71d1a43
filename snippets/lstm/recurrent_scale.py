"""The recurrent scale r as its own axis: the gradient left after K steps, RNN vs LSTM.

Every recurrent matrix is a random orthogonal matrix times r (the RNN's W_hh
and all four of the LSTM's W_h*), inputs are standard normal with the matched
input drive and warm-up of snippets/nn/runs.py. For each r the figure shows
‖∂L/∂h_{T-K}‖ / ‖∂L/∂h_T‖: the geometric mean over seeds and the band from the
smallest to the largest seed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from matplotlib.figure import Figure

from snippets.common import require, spread
from snippets.nn import lstm, rnn, runs
from snippets.style import FIGSIZE, PALETTE

K, D, H, B = 80, 8, 32, 16
RADII = (0.5, 1.0, 1.5, 2.0, 3.0, 4.0)
FORGET_BIASES = (0.0, 1.0, 3.0)


@dataclass(frozen=True)
class Sweep:
    rnn: np.ndarray  # (S, len(RADII)) relative norm at lag K
    lstm: dict[float, np.ndarray]  # b_f -> (S, len(RADII))


def rnn_at_lag(seed: int, radius: float) -> float:
    run = runs.rnn_run(seed, K, D, H, B, radius)
    norms = runs.norms_by_lag(rnn.backward(run.params, run.cache, run.dhs).dh, K)
    return float(norms[K] / norms[0])


def lstm_at_lag(seed: int, forget_bias: float, radius: float) -> float:
    run = runs.lstm_run(seed, K, D, H, B, forget_bias, radius)
    norms = runs.norms_by_lag(lstm.backward(run.params, run.cache, run.dhs).dh, K)
    return float(norms[K] / norms[0])


@cache
def sweep(seeds: tuple[int, ...] = runs.SHOWN_SEEDS) -> Sweep:
    return Sweep(
        rnn=np.array([[rnn_at_lag(s, r) for r in RADII] for s in seeds]),
        lstm={
            b: np.array([[lstm_at_lag(s, b, r) for r in RADII] for s in seeds])
            for b in FORGET_BIASES
        },
    )


def column(radius: float) -> int:
    return RADII.index(radius)


def claims(s: Sweep) -> dict[str, bool]:
    """What the page says about this figure; each must hold for every seed."""
    small = [column(r) for r in RADII if r <= 1.0]
    decades = np.log10
    return {
        # the RNN vanishes for r <= 1 and explodes from r = 2 on
        "rnn_vanishes_up_to_one": bool(np.all(s.rnn[:, small] < 1e-10)),
        "rnn_explodes_from_two": bool(np.all(s.rnn[:, column(2.0) :] > 1)),
        # the LSTM with b_f = 3 keeps between 1e-3 and 1 of the gradient up to r = 2
        "lstm_b3_flat_up_to_two": bool(
            np.all((s.lstm[3.0][:, : column(2.0)] > 1e-3) & (s.lstm[3.0][:, : column(2.0)] < 1))
        ),
        # over r = 0.5..2 the RNN's value moves by 30+ decades, the b_f = 3 LSTM's by < 3
        "lstm_b3_less_sensitive": bool(
            np.all(decades(s.rnn[:, column(2.0)] / s.rnn[:, 0]) > 30)
            and np.all(np.abs(decades(s.lstm[3.0][:, column(2.0)] / s.lstm[3.0][:, 0])) < 3)
        ),
        # the LSTM explodes too once r is large: every seed with b_f = 3 at r = 4,
        # and b_f = 1 on average (geometric mean over seeds)
        "lstm_explodes_at_four": bool(
            np.all(s.lstm[3.0][:, column(4.0)] > 1)
            and runs.geometric_mean(s.lstm[1.0][:, column(4.0)]) > 1
        ),
        # at every r, a larger b_f keeps more (seed by seed, up to r = 2)
        "forget_bias_orders": bool(
            np.all(s.lstm[0.0][:, : column(2.0) + 1] < s.lstm[1.0][:, : column(2.0) + 1])
            and np.all(s.lstm[1.0][:, : column(2.0) + 1] < s.lstm[3.0][:, : column(2.0) + 1])
        ),
    }


def alt_values() -> dict[str, str]:
    s = sweep()
    require(claims(s), __name__)
    values = {"K": f"{K}", "radii": ", ".join(f"{r:g}" for r in RADII)}
    for r in (0.5, 1.0, 2.0, 4.0):
        name = f"{r:g}".replace(".", "")
        values[f"rnn_{name}"] = spread(s.rnn[:, column(r)])
        for b in FORGET_BIASES:
            values[f"lstm{b:.0f}_{name}"] = spread(s.lstm[b][:, column(r)])
    return values


def figure() -> Figure:
    s = sweep()
    r = np.array(RADII)
    fig = Figure(figsize=FIGSIZE, layout="constrained")
    ax = fig.subplots()
    series = [
        ("바닐라 RNN", s.rnn, PALETTE["black"], "-", "o"),
        ("LSTM $b_f=0$", s.lstm[0.0], PALETTE["vermillion"], "--", "s"),
        ("LSTM $b_f=1$", s.lstm[1.0], PALETTE["sky"], "-.", "^"),
        ("LSTM $b_f=3$", s.lstm[3.0], PALETTE["blue"], "-", "D"),
    ]
    for label, rows, colour, ls, marker in series:
        ax.fill_between(r, rows.min(axis=0), rows.max(axis=0), color=colour, alpha=0.18, lw=0)
        ax.plot(
            r,
            runs.geometric_mean(rows),
            color=colour,
            ls=ls,
            marker=marker,
            ms=4,
            lw=2,
            label=label,
        )
    ax.axhline(1.0, color="0.4", lw=0.8, ls=":")
    ax.text(0.52, 1.6, "1: 줄지도 커지지도 않음", fontsize=8, color="0.3")
    ax.set_xscale("log")
    ax.set_xticks(r, [f"{v:g}" for v in r])
    ax.minorticks_off()
    ax.set_yscale("log")
    ax.set_ylim(1e-40, 1e12)
    ax.set_xlabel("순환 가중치의 크기 $r$ (직교 행렬 × $r$, 두 모델 같은 규칙)")
    ax.set_ylabel(rf"$\|\partial L/\partial h_{{T-{K}}}\|\;/\;\|\partial L/\partial h_T\|$")
    ax.set_title(
        f"{K}단계 뒤에 남는 기울기, 표준 정규 입력 (선: 시드 {len(runs.SHOWN_SEEDS)}개의"
        " 기하 평균, 띠: 최소~최대)",
        fontsize=10,
    )
    ax.grid(alpha=0.25)
    ax.legend(loc="lower right", fontsize=9, framealpha=0.9)
    return fig
