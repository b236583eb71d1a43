"""Training a small RNN or LSTM in numpy on the adding problem, with Adam and clipping.

The adding problem (Hochreiter & Schmidhuber 1997): each step gets a pair
(u_t, m_t) with u_t ~ U(0, 1); m_t = 1 at exactly two steps, one in each half of
the sequence, and 0 elsewhere. The target is the sum of the two marked u's, read
from the last hidden state, ŷ = h_T · w_y + b_y, with the squared error as loss.
Always answering 1 (the mean) gives a mean squared error of 1/6.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from snippets.nn import lstm, rnn

BASELINE = 1.0 / 6.0  # variance of u_a + u_b: the loss of always answering 1


@dataclass
class Model:
    kind: str  # "rnn" or "lstm"
    cell: dict[str, np.ndarray]  # the RNNParams / LSTMParams fields, by name
    w_y: np.ndarray  # (H,) readout
    b_y: np.ndarray  # () readout bias

    def arrays(self) -> dict[str, np.ndarray]:
        return {**self.cell, "w_y": self.w_y, "b_y": self.b_y}

    def params(self):
        return (rnn.RNNParams if self.kind == "rnn" else lstm.LSTMParams)(**self.cell)

    def copy(self) -> Model:
        return Model(
            self.kind, {k: v.copy() for k, v in self.cell.items()}, self.w_y.copy(), self.b_y.copy()
        )


def new_model(kind: str, seed: int, hidden: int, forget_bias: float = 1.0) -> Model:
    """The page's matched initialisation (snippets/nn/runs.py) with r = 1."""
    rng = np.random.default_rng([seed, 10])
    if kind == "rnn":
        params = rnn.init(rng, 2, hidden)
    else:
        params = lstm.init(rng, 2, hidden, forget_bias)
    w_y = rng.standard_normal(hidden) / np.sqrt(hidden)
    return Model(kind, dict(vars(params)), w_y, np.array(1.0))


def adding_batch(rng: np.random.Generator, batch: int, steps: int):
    """xs (T, B, 2) of (u_t, m_t), targets (B,), and the two marked steps (2, B)."""
    u = rng.uniform(0.0, 1.0, (steps, batch))
    marks = np.stack([rng.integers(0, steps // 2, batch), rng.integers(steps // 2, steps, batch)])
    m = np.zeros((steps, batch))
    m[marks, np.arange(batch)] = 1.0
    return np.stack([u, m], axis=-1), (u * m).sum(axis=0), marks


@dataclass(frozen=True)
class Pass:
    loss: float
    grads: dict[str, np.ndarray]  # same names as Model.arrays()
    cache: object  # RNNCache or LSTMCache
    dxs: np.ndarray  # (T, B, 2) ∂L/∂x_t


def loss_and_grads(model: Model, xs: np.ndarray, y: np.ndarray) -> Pass:
    """Mean squared error of ŷ = h_T · w_y + b_y and its gradient by BPTT."""
    B, H = xs.shape[1], model.w_y.shape[0]
    zeros = np.zeros((B, H))
    p = model.params()
    if model.kind == "rnn":
        cache = rnn.forward(p, xs, zeros)
    else:
        cache = lstm.forward(p, xs, zeros, zeros)
    h_T = cache.hs[-1]
    err = h_T @ model.w_y + model.b_y - y  # (B,)
    d_pred = 2.0 * err / B
    dhs = np.zeros_like(cache.hs)
    dhs[-1] = np.outer(d_pred, model.w_y)
    if model.kind == "rnn":
        back = rnn.backward(p, cache, dhs)
    else:
        back = lstm.backward(p, cache, dhs)
    grads = dict(vars(back.params))
    grads["w_y"], grads["b_y"] = h_T.T @ d_pred, np.array(d_pred.sum())
    return Pass(float(np.mean(err**2)), grads, cache, back.dxs)


def clip_by_norm(grads: dict[str, np.ndarray], theta: float):
    """Rescale all gradients together so their global norm is at most theta."""
    norm = float(np.sqrt(sum(np.sum(g**2) for g in grads.values())))
    if norm <= theta:
        return grads, norm
    return {name: g * (theta / norm) for name, g in grads.items()}, norm


@dataclass
class Adam:
    lr: float
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8
    t: int = 0
    m: dict[str, np.ndarray] = field(default_factory=dict)
    v: dict[str, np.ndarray] = field(default_factory=dict)

    def update(self, model: Model, grads: dict[str, np.ndarray]) -> None:
        self.t += 1
        for name, value in model.arrays().items():
            g = grads[name]
            m = self.m[name] = self.beta1 * self.m.get(name, 0.0) + (1 - self.beta1) * g
            v = self.v[name] = self.beta2 * self.v.get(name, 0.0) + (1 - self.beta2) * g**2
            m_hat = m / (1 - self.beta1**self.t)
            v_hat = v / (1 - self.beta2**self.t)
            value -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)  # in place


@dataclass(frozen=True)
class Training:
    before: Model
    after: Model
    losses: np.ndarray  # (steps,) training loss of each batch
    norms: np.ndarray  # (steps,) gradient norm before clipping


def train(
    model: Model,
    seed: int,
    steps: int,
    seq_len: int,
    batch: int = 32,
    lr: float = 1e-2,
    clip: float = 1.0,
) -> Training:
    rng = np.random.default_rng([seed, 11])
    before, adam = model.copy(), Adam(lr)
    losses, norms = np.empty(steps), np.empty(steps)
    # --8<-- [start:loop]
    for step in range(steps):
        xs, y, _ = adding_batch(rng, batch, seq_len)
        result = loss_and_grads(model, xs, y)  # forward, then BPTT
        grads, norm = clip_by_norm(result.grads, clip)  # after backward, before the update
        adam.update(model, grads)  # the optimiser only ever sees clipped gradients
        losses[step], norms[step] = result.loss, norm
    # --8<-- [end:loop]
    return Training(before, model, losses, norms)


def input_sensitivity(model: Model, xs: np.ndarray) -> np.ndarray:
    """(T, B, 2) ∂ŷ_b/∂x_t: how much each prediction moves with each input."""
    B, H = xs.shape[1], model.w_y.shape[0]
    zeros = np.zeros((B, H))
    p = model.params()
    if model.kind == "rnn":
        cache = rnn.forward(p, xs, zeros)
    else:
        cache = lstm.forward(p, xs, zeros, zeros)
    dhs = np.zeros_like(cache.hs)
    dhs[-1] = np.broadcast_to(model.w_y, (B, H))
    if model.kind == "rnn":
        return rnn.backward(p, cache, dhs).dxs
    return lstm.backward(p, cache, dhs).dxs
