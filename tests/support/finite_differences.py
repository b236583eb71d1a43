"""Central finite differences in float64, to check hand-written backpropagation."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

EPS = 1e-6
TOL = 1e-6


def rel_error(a: np.ndarray, b: np.ndarray) -> float:
    scale = max(np.linalg.norm(a), np.linalg.norm(b), 1e-12)
    return float(np.linalg.norm(a - b) / scale)


def numeric_grad(loss: Callable[[], float], array: np.ndarray) -> np.ndarray:
    """Central differences of loss() w.r.t. every entry of array (in place)."""
    grad = np.zeros_like(array)
    for idx in np.ndindex(array.shape):
        saved = array[idx]
        array[idx] = saved + EPS
        up = loss()
        array[idx] = saved - EPS
        down = loss()
        array[idx] = saved
        grad[idx] = (up - down) / (2 * EPS)
    return grad


def assert_gradients_match(
    loss: Callable[[], float], checks: dict[str, tuple[np.ndarray, np.ndarray]]
) -> None:
    """Each name maps (analytic gradient, the array it is the gradient of)."""
    for name, (analytic, array) in checks.items():
        err = rel_error(analytic, numeric_grad(loss, array))
        assert err < TOL, f"{name}: relative error {err:.2e}"
