"""A worked example of the one-step Jacobian J_t for an LSTM with two units.

The page writes the gates as a = W h_{t-1} + b (column vectors, as in the
notes); here x_t = 0, so only the recurrent weights and biases matter. The
page's table quotes ``example()`` rounded to ``DIGITS`` decimals, and
tests/snippets/test_two_unit_example.py checks the page against it.
"""

from __future__ import annotations

import numpy as np

from snippets.common import sigmoid

DIGITS = 3
H_PREV = np.array([0.5, -1.0])
C_PREV = np.array([1.0, 0.5])
W = {
    "f": np.array([[1.0, 0.0], [0.0, 1.0]]),
    "i": np.array([[0.0, 1.0], [1.0, 0.0]]),
    "o": np.array([[1.0, -1.0], [0.0, 1.0]]),
    "c": np.array([[1.0, 0.0], [-1.0, 1.0]]),
}
BIAS = {"f": np.array([1.0, 1.0]), "i": np.zeros(2), "o": np.zeros(2), "c": np.zeros(2)}


def step(h_prev: np.ndarray, c_prev: np.ndarray) -> dict[str, np.ndarray]:
    f = sigmoid(W["f"] @ h_prev + BIAS["f"])
    i = sigmoid(W["i"] @ h_prev + BIAS["i"])
    o = sigmoid(W["o"] @ h_prev + BIAS["o"])
    g = np.tanh(W["c"] @ h_prev + BIAS["c"])
    c = f * c_prev + i * g
    return {"f": f, "i": i, "o": o, "g": g, "c": c, "h": o * np.tanh(c)}


def example() -> dict[str, np.ndarray]:
    """Gate values, δ_t, the four coefficient vectors and the blocks of J_t."""
    s = step(H_PREV, C_PREV)
    f, i, o, g, c = s["f"], s["i"], s["o"], s["g"], s["c"]
    delta = o * (1.0 - np.tanh(c) ** 2)
    coef = {
        "o": np.tanh(c) * o * (1.0 - o),
        "f": delta * C_PREV * f * (1.0 - f),
        "i": delta * g * i * (1.0 - i),
        "c": delta * i * (1.0 - g**2),
    }
    dc_dh = (
        np.diag(C_PREV * f * (1 - f)) @ W["f"]
        + np.diag(g * i * (1 - i)) @ W["i"]
        + np.diag(i * (1 - g**2)) @ W["c"]
    )
    dh_dh = sum(np.diag(coef[k]) @ W[k] for k in "ofic")
    J = np.block([[np.diag(f), dc_dh], [np.diag(delta * f), dh_dh]])
    return {**s, "delta": delta, **{f"coef_{k}": v for k, v in coef.items()}, "J": J}


def jacobian_by_differences(eps: float = 1e-6) -> np.ndarray:
    """J_t by central differences of step() in (c_{t-1}, h_{t-1}): an independent check."""
    state = np.concatenate([C_PREV, H_PREV])
    J = np.zeros((4, 4))
    for n in range(4):
        up, down = state.copy(), state.copy()
        up[n] += eps
        down[n] -= eps
        a, b = step(up[2:], up[:2]), step(down[2:], down[:2])
        J[:, n] = (np.concatenate([a["c"], a["h"]]) - np.concatenate([b["c"], b["h"]])) / (2 * eps)
    return J


def rounded(name: str) -> list[str]:
    """The entries of one quantity as the page prints them."""
    return [f"{v:.{DIGITS}f}" for v in np.ravel(example()[name])]
