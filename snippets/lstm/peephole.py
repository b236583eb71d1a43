"""Peephole connections (Gers & Schmidhuber 2000; Greff et al. 2017's baseline) and J_t.

With peepholes the input and forget gates also see c_{t-1}, and the output gate
sees c_t, each through a vector p (an element-wise weight):

    i_t = σ(a_i + p_i ⊙ c_{t-1}),  f_t = σ(a_f + p_f ⊙ c_{t-1}),
    c_t = f_t ⊙ c_{t-1} + i_t ⊙ c̃_t,  o_t = σ(a_o + p_o ⊙ c_t),  h_t = o_t ⊙ tanh(c_t)

where a_* = W_x* x_t + W_h* h_{t-1} + b_* as on the page. The top-left block of
J_t, ∂c_t/∂c_{t-1}, is still diagonal, but no longer diag(f_t), and it can exceed 1.
"""

from __future__ import annotations

import numpy as np

from snippets.common import sigmoid

# One unit's worth of example numbers for the page's exercise.
EXAMPLE = {
    "a_f": 1.0,
    "a_i": 0.0,
    "a_o": 0.0,
    "g": 0.5,
    "c_prev": 2.0,
    "p_f": 1.0,
    "p_i": 1.0,
    "p_o": 1.0,
}


def step(a_f, a_i, a_o, g, c_prev, p_f, p_i, p_o):
    """(c_t, h_t) of one peephole step; g = c̃_t is held fixed (it does not see c)."""
    f = sigmoid(a_f + p_f * c_prev)
    i = sigmoid(a_i + p_i * c_prev)
    c = f * c_prev + i * g
    o = sigmoid(a_o + p_o * c)
    return c, o * np.tanh(c)


# --8<-- [start:cell_block]
def cell_block(a_f, a_i, a_o, g, c_prev, p_f, p_i, p_o):
    """The diagonal of ∂c_t/∂c_{t-1} and of ∂h_t/∂c_{t-1} with peepholes."""
    f = sigmoid(a_f + p_f * c_prev)
    i = sigmoid(a_i + p_i * c_prev)
    c = f * c_prev + i * g
    o = sigmoid(a_o + p_o * c)
    dc = f + c_prev * f * (1 - f) * p_f + g * i * (1 - i) * p_i  # diag(f) and two more
    dh = (o * (1 - np.tanh(c) ** 2) + np.tanh(c) * o * (1 - o) * p_o) * dc
    return dc, dh


# --8<-- [end:cell_block]


def cell_block_by_differences(eps: float = 1e-6, **values) -> tuple[float, float]:
    up = dict(values, c_prev=values["c_prev"] + eps)
    down = dict(values, c_prev=values["c_prev"] - eps)
    (c1, h1), (c0, h0) = step(**up), step(**down)
    return (c1 - c0) / (2 * eps), (h1 - h0) / (2 * eps)
