"""A small RNN and LSTM trained in numpy on the adding problem: before and after.

Both use the page's matched initialisation (r = 1, LSTM b_f = 1), H = 16 units,
sequences of SEQ_LEN steps, Adam with norm clipping (snippets/nn/train.py), the
same batches and the same number of updates. After training, on fresh test
sequences: how far back the gradient of the prediction reaches, ‖∂ŷ/∂h_{T-k}‖,
how much ŷ moves with the first marked value (ideal 1), which of the three path
kinds carries the gradient to the step before that value, and the forget gates.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from matplotlib.figure import Figure

from snippets.common import require, spread
from snippets.nn import lstm, rnn, runs, train
from snippets.style import PALETTE

SEQ_LEN, HIDDEN, STEPS, TEST_BATCH = 40, 16, 400, 256
SEEDS = (0, 1, 2)  # training is the costly part: three seeds on the page
HELD_OUT = (100, 101)
KINDS = ("rnn", "lstm")


@dataclass(frozen=True)
class State:
    """One model on the test sequences."""

    by_lag: np.ndarray  # (SEQ_LEN+1,) batch mean ‖∂ŷ/∂h_{T-k}‖
    first_value: float  # batch mean ∂ŷ/∂u at the first marked step
    parts: dict[str, float]  # LSTM: mean norm of each path part at h just before that step
    forget: np.ndarray  # LSTM: every f value on the test sequences (flattened)


@dataclass(frozen=True)
class Seed:
    losses: dict[str, np.ndarray]  # kind -> (STEPS,) training loss per batch
    before: dict[str, State]
    after: dict[str, State]


def measure(model: train.Model, seed: int) -> State:
    xs, _, marks = train.adding_batch(np.random.default_rng([seed, 12]), TEST_BATCH, SEQ_LEN)
    B, H = TEST_BATCH, HIDDEN
    p = model.params()
    zeros = np.zeros((B, H))
    cache = rnn.forward(p, xs, zeros) if model.kind == "rnn" else lstm.forward(p, xs, zeros, zeros)
    dhs = np.zeros_like(cache.hs)
    dhs[-1] = np.broadcast_to(model.w_y, (B, H))  # ŷ = h_T · w_y + b_y
    if model.kind == "rnn":
        back = rnn.backward(p, cache, dhs)
    else:
        back = lstm.backward(p, cache, dhs)
    rows = np.arange(B)
    first = float(back.dxs[marks[0], rows, 0].mean())
    parts, forget = {}, np.array([])
    if model.kind == "lstm":
        split = lstm.backward_paths(p, cache, dhs)
        for name in ("hidden_only", "conveyor", "mixed"):
            at_mark = getattr(split, name)[marks[0], rows]  # h_{s-1} of the step s reading u
            parts[name] = float(np.linalg.norm(at_mark, axis=-1).mean())
        forget = cache.f.ravel()
    by_lag = np.linalg.norm(back.dh, axis=-1).mean(axis=-1)[::-1]
    return State(by_lag, first, parts, forget)


@cache
def run_seed(seed: int) -> Seed:
    losses, before, after = {}, {}, {}
    for kind in KINDS:
        trained = train.train(train.new_model(kind, seed, HIDDEN), seed, STEPS, SEQ_LEN)
        losses[kind] = trained.losses
        before[kind] = measure(trained.before, seed)
        after[kind] = measure(trained.after, seed)
    return Seed(losses, before, after)


def final_loss(s: Seed, kind: str) -> float:
    return float(s.losses[kind][-50:].mean())


def claims(seeds: tuple[int, ...] = SEEDS) -> dict[str, bool]:
    """What the page says about this figure; each must hold for every seed."""
    runs_ = [run_seed(seed) for seed in seeds]
    base = train.BASELINE
    far = SEQ_LEN  # the far end: the start of the sequence
    reach = [s.after["lstm"].by_lag[far] / s.before["lstm"].by_lag[far] for s in runs_]
    return {
        "lstm_learns": all(final_loss(s, "lstm") < 0.2 * base for s in runs_),
        "rnn_stays_at_baseline": all(final_loss(s, "rnn") > 0.8 * base for s in runs_),
        "lstm_reads_first_value": all(
            s.after["lstm"].first_value > 0.5 and abs(s.before["lstm"].first_value) < 0.1
            for s in runs_
        ),
        "rnn_ignores_first_value": all(abs(s.after["rnn"].first_value) < 0.1 for s in runs_),
        # training made the LSTM's gradient at the far end at least 100× larger, and flat:
        # at k = T it is at least half of what it is at k = 1
        "lstm_gradient_reaches_back": all(r > 100 for r in reach)
        and all(s.after["lstm"].by_lag[far] > 0.5 * s.after["lstm"].by_lag[1] for s in runs_),
        # the RNN's does not: below 1e-3 at the far end after training
        "rnn_gradient_does_not": all(s.after["rnn"].by_lag[far] < 1e-3 for s in runs_),
        # ... and after training it comes mostly along mixed paths
        "mixed_paths_carry_it": all(
            s.after["lstm"].parts["mixed"]
            > max(s.after["lstm"].parts["conveyor"], s.after["lstm"].parts["hidden_only"])
            for s in runs_
        ),
        # the forget gates did not all open towards 1: their mean moved by under 0.1
        "forget_gate_mean_moves_little": all(
            abs(s.after["lstm"].forget.mean() - s.before["lstm"].forget.mean()) < 0.1 for s in runs_
        ),
    }


def alt_values() -> dict[str, str]:
    require(claims(), __name__)
    runs_ = [run_seed(seed) for seed in SEEDS]
    lstm_after = [s.after["lstm"] for s in runs_]
    conveyor_share = [
        100 * st.parts["conveyor"] / (st.parts["conveyor"] + st.parts["mixed"]) for st in lstm_after
    ]
    return {
        "T": f"{SEQ_LEN}",
        "H": f"{HIDDEN}",
        "steps": f"{STEPS}",
        "seeds": f"{len(SEEDS)}",
        "baseline": f"{train.BASELINE:.3f}",
        "lstm_loss": spread([final_loss(s, "lstm") for s in runs_], 2),
        "rnn_loss": spread([final_loss(s, "rnn") for s in runs_], 2),
        "lstm_first": spread([st.first_value for st in lstm_after], 2),
        "rnn_first": spread([s.after["rnn"].first_value for s in runs_], 2),
        "conveyor_share": spread(conveyor_share, 2),
        "f_before": spread([s.before["lstm"].forget.mean() for s in runs_], 2),
        "f_after": spread([st.forget.mean() for st in lstm_after], 2),
    }


def figure() -> Figure:
    runs_ = [run_seed(seed) for seed in SEEDS]
    fig = Figure(figsize=(7.5, 7.0), layout="constrained")
    axes = fig.subplot_mosaic([["loss", "loss"], ["lag", "forget"]])
    colour = {"rnn": PALETTE["black"], "lstm": PALETTE["blue"]}
    name = {"rnn": "바닐라 RNN", "lstm": "LSTM"}

    ax = axes["loss"]
    window = 10
    for kind in KINDS:
        for j, s in enumerate(runs_):
            smooth = np.convolve(s.losses[kind], np.ones(window) / window, mode="valid")
            ax.plot(
                np.arange(window, STEPS + 1),
                smooth,
                color=colour[kind],
                lw=1.2,
                alpha=0.8,
                label=name[kind] if j == 0 else None,
            )
    ax.axhline(train.BASELINE, color=PALETTE["vermillion"], lw=1, ls="--")
    ax.text(
        5,
        train.BASELINE * 1.25,
        "늘 1이라고 답할 때의 손실 1/6",
        fontsize=8,
        color=PALETTE["vermillion"],
    )
    ax.set_yscale("log")
    ax.set_ylim(1e-3, 1)
    ax.set_xlim(0, STEPS)
    ax.set_xlabel("갱신 횟수 (Adam, 노름 클리핑)")
    ax.set_ylabel("평균 제곱 오차 (10번 이동 평균)")
    ax.set_title(
        f"덧셈 문제, 길이 {SEQ_LEN}, 은닉 {HIDDEN}: 시드 {len(SEEDS)}개의 학습 곡선", fontsize=10
    )
    ax.legend(loc="lower left", fontsize=9, frameon=False)

    ax = axes["lag"]
    k = np.arange(SEQ_LEN + 1)
    for kind in KINDS:
        for when, ls in (("before", ":"), ("after", "-")):
            rows = np.array([getattr(s, when)[kind].by_lag for s in runs_])
            ax.plot(
                k,
                runs.geometric_mean(rows),
                color=colour[kind],
                ls=ls,
                lw=2,
                label=f"{name[kind]}, {'학습 전' if when == 'before' else '학습 후'}",
            )
    ax.axvspan(SEQ_LEN // 2, SEQ_LEN, color="0.9", lw=0)
    ax.text(SEQ_LEN // 2 + 1, 1.5, "첫 표시가 놓이는 구간", fontsize=8, color="0.3")
    ax.set_yscale("log")
    ax.set_ylim(1e-8, 10)
    ax.set_xlim(0, SEQ_LEN)
    ax.set_xlabel("거슬러 올라간 시간 $k$")
    ax.set_ylabel(r"$\|\partial \hat{y}/\partial h_{T-k}\|$ (시드 기하 평균)")
    ax.set_title("예측의 기울기가 닿는 거리", fontsize=10)
    ax.legend(loc="lower left", fontsize=7.5, frameon=False)

    ax = axes["forget"]
    bins = np.linspace(0, 1, 41)
    for when, fill in (("before", PALETTE["sky"]), ("after", PALETTE["blue"])):
        values = np.concatenate([getattr(s, when)["lstm"].forget for s in runs_])
        ax.hist(
            values,
            bins=bins,
            density=True,
            color=fill,
            alpha=0.6 if when == "after" else 0.8,
            label="학습 전" if when == "before" else "학습 후",
        )
    ax.set_xlabel("망각 게이트 값 $f_t$ (모든 유닛·시점·시퀀스)")
    ax.set_ylabel("밀도")
    ax.set_title("LSTM의 망각 게이트, 학습 전과 후", fontsize=10)
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    for ax in axes.values():
        ax.grid(alpha=0.25)
    return fig
