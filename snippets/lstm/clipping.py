"""Exploding gradients and norm clipping on Pascanu et al. (2013)'s one-unit RNN.

    x_t = w σ(x_{t-1}) + b,   x_0 = 0.5,   L = (x_T - 0.7)^2,  T = 50

For some (w, b) the map has two stable fixed points, and x_T jumps from one
basin to the other: the loss surface has a cliff where the gradient is huge.
One plain gradient step there throws the parameters far away; rescaling the
gradient to norm at most θ (g <- θ g / ‖g‖ if ‖g‖ > θ) keeps the step small.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.figure import Figure

from snippets.common import sigmoid, spoken
from snippets.style import PALETTE

T = 50
X0 = 0.5
TARGET = 0.7
B_FIXED = -2.5  # b held fixed; only w is trained
W_START = 4.5
LR = 0.01
STEPS = 60
CLIP = 1.0


def loss(w: np.ndarray | float, b: np.ndarray | float) -> np.ndarray:
    """L(w, b), vectorised over broadcastable w and b."""
    w, b = np.broadcast_arrays(np.asarray(w, float), np.asarray(b, float))
    x = np.full(w.shape, X0)
    for _ in range(T):
        x = w * sigmoid(x) + b
    return (x - TARGET) ** 2


def loss_and_grad(w: float, b: float) -> tuple[float, np.ndarray]:
    """Exact L and ∇L = (∂L/∂w, ∂L/∂b) by backpropagation through time."""
    xs = np.empty(T + 1)
    xs[0] = X0
    for t in range(1, T + 1):
        xs[t] = w * sigmoid(xs[t - 1]) + b
    delta = 2.0 * (xs[T] - TARGET)  # ∂L/∂x_t, starting at t = T
    dw = db = 0.0
    for t in range(T, 0, -1):
        s = sigmoid(xs[t - 1])
        dw += delta * s
        db += delta
        delta *= w * s * (1.0 - s)
    return float((xs[T] - TARGET) ** 2), np.array([dw, db])


@dataclass(frozen=True)
class Trajectory:
    ws: np.ndarray  # (steps+1,) w after each update, ws[0] = start
    losses: np.ndarray  # (steps+1,)
    grads: np.ndarray  # (steps,) ∂L/∂w before clipping
    steps: np.ndarray  # (steps,) w_{k+1} - w_k


def descend(
    w0: float = W_START,
    lr: float = LR,
    steps: int = STEPS,
    clip: float | None = None,
    b: float = B_FIXED,
) -> Trajectory:
    """Gradient descent on w alone; the gradient is clipped to norm ``clip``."""
    ws, losses, grads = [float(w0)], [], []
    for _ in range(steps):
        value, g = loss_and_grad(ws[-1], b)
        g_w = float(g[0])
        losses.append(value)
        grads.append(g_w)
        if clip is not None and abs(g_w) > clip:
            g_w *= clip / abs(g_w)
        ws.append(ws[-1] - lr * g_w)
    losses.append(loss_and_grad(ws[-1], b)[0])
    ws_arr = np.array(ws)
    return Trajectory(ws_arr, np.array(losses), np.array(grads), np.diff(ws_arr))


def cliff_position(b: float = B_FIXED, lo: float = 3.0, hi: float = 7.0) -> float:
    """The w where x_T jumps basins, by bisection on the sign of x_T - TARGET."""
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        if loss_sign(mid, b) < 0:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def loss_sign(w: float, b: float) -> float:
    x = X0
    for _ in range(T):
        x = w * sigmoid(x) + b
    return float(np.sign(x - TARGET))


def bounces(t: Trajectory, w_cliff: float) -> np.ndarray:
    """Iterations after which w has crossed the cliff since the previous one."""
    side = np.sign(t.ws - w_cliff)
    return np.nonzero(np.diff(side))[0] + 1


def alt_values() -> dict[str, str]:
    """Numbers the page's alt text quotes, from the two runs the figure draws."""
    w_cliff = cliff_position()
    plain = descend()
    clipped = descend(clip=CLIP)
    jump = int(np.argmax(np.abs(plain.steps)))
    crossings = bounces(clipped, w_cliff)
    tail = clipped.losses[crossings[0] :]
    return {
        "cliff": f"{w_cliff:.2f}",
        "cliff_left": f"{loss(w_cliff - 0.01, B_FIXED):.1f}",
        "cliff_right": f"{loss(w_cliff + 0.01, B_FIXED):.2f}",
        "steps": f"{STEPS}",
        "jump_at": f"{jump}",
        "grad": f"{abs(plain.grads[jump]):.0f}",
        "w_before": f"{plain.ws[jump]:.2f}",
        "w_after": f"{plain.ws[jump + 1]:.0f}",
        "bounce_from": f"{crossings[0]}",
        "bounce_count": f"{len(crossings)}",
        "max_step": spoken(np.abs(clipped.steps).max(), 2),
        "loss_hi": f"{tail.max():.1f}",
        "loss_lo": f"{tail.min():.2f}",
    }


def figure() -> Figure:
    w_grid = np.linspace(3.5, 6.5, 1201)
    w_cliff = cliff_position()
    plain = descend()
    clipped = descend(clip=CLIP)
    crossings = bounces(clipped, w_cliff)
    tail = clipped.losses[crossings[0] :]
    jump = int(np.argmax(np.abs(plain.steps)))
    fig = Figure(figsize=(7.5, 6.6), layout="constrained")
    axes = fig.subplot_mosaic([["surface", "runs"], ["zoom", "loss"]])
    k = np.arange(STEPS + 1)

    ax = axes["surface"]
    ax.plot(w_grid, loss(w_grid, B_FIXED), color=PALETTE["black"], lw=2)
    ax.axvline(w_cliff, color=PALETTE["vermillion"], lw=1, ls=":")
    ax.annotate(
        "절벽: 기울기가\n폭발하는 곳",
        xy=(w_cliff, 2.0),
        xytext=(3.65, 2.2),
        fontsize=9,
        arrowprops={"arrowstyle": "->", "color": "0.25"},
    )
    ax.plot(W_START, loss(W_START, B_FIXED), "o", color=PALETTE["blue"], ms=7)
    ax.annotate(
        "시작점",
        xy=(W_START, loss(W_START, B_FIXED)),
        xytext=(3.7, 4.6),
        fontsize=9,
        arrowprops={"arrowstyle": "->", "color": "0.25"},
    )
    ax.set_xlabel("재귀 가중치 $w$")
    ax.set_ylabel(r"손실 $L=(x_{50}-0.7)^2$")
    ax.set_title(rf"손실 곡면 ($b={B_FIXED:g}$ 고정)", fontsize=10)
    ax.set_xlim(w_grid[0], w_grid[-1])
    ax.set_ylim(0, 8)

    ax = axes["runs"]
    ax.plot(k, plain.ws, color=PALETTE["vermillion"], lw=2, marker="o", ms=3, label="클리핑 없음")
    ax.plot(
        k,
        clipped.ws,
        color=PALETTE["blue"],
        lw=2,
        ls="--",
        marker="s",
        ms=3,
        label=rf"노름 클리핑 $\theta={CLIP:g}$",
    )
    ax.axhline(w_cliff, color=PALETTE["vermillion"], lw=1, ls=":")
    ax.annotate(
        f"한 걸음에 $w$ {plain.ws[jump]:.2f} → {plain.ws[jump + 1]:.0f}\n"
        f"($|\\partial L/\\partial w|\\approx${abs(plain.grads[jump]):.0f})",
        xy=(jump + 1, plain.ws[jump + 1]),
        xytext=(jump + 4, 20),
        fontsize=9,
        arrowprops={"arrowstyle": "->", "color": "0.25"},
    )
    ax.set_yscale("log")
    ax.set_xlabel("경사 하강 반복")
    ax.set_ylabel("$w$ (로그 눈금)")
    ax.set_title(f"학습률 {LR:g}로 {STEPS}번 갱신 (SGD)", fontsize=10)
    ax.set_xlim(0, STEPS)
    ax.legend(loc="upper left", fontsize=8, frameon=False)

    ax = axes["zoom"]
    ax.plot(k, 1e3 * (clipped.ws - w_cliff), color=PALETTE["blue"], lw=1.2, marker="s", ms=3)
    ax.axhline(0, color=PALETTE["vermillion"], lw=1, ls=":")
    ax.text(1, 4, "절벽", fontsize=9, color=PALETTE["vermillion"])
    ax.set_xlim(20, STEPS)
    ax.set_ylim(-125, 15)
    ax.set_xlabel("경사 하강 반복")
    ax.set_ylabel(r"$(w - w_c)\times 10^3$, $w_c$: 절벽")
    ax.set_title(
        f"클리핑한 실행을 확대 (보통 눈금): {crossings[0]}번째부터 매 걸음 넘나듦", fontsize=10
    )

    ax = axes["loss"]
    ax.plot(k, clipped.losses, color=PALETTE["blue"], lw=1.2, marker="s", ms=3)
    ax.set_xlim(0, STEPS)
    ax.set_ylim(0, 8)
    ax.set_xlabel("경사 하강 반복")
    ax.set_ylabel("손실")
    ax.set_title(f"클리핑한 실행의 손실: {tail.max():.1f} ↔ {tail.min():.2f}", fontsize=10)
    for ax in axes.values():
        ax.grid(alpha=0.25)
    return fig
