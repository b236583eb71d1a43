"""Math helpers shared by the figure snippets and the numpy networks."""

from __future__ import annotations

import numpy as np


def sigmoid(z: np.ndarray) -> np.ndarray:
    """σ(z) = 1 / (1 + e^{-z}), written with tanh so it is stable for large |z|."""
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def sigmoid_grad(z: np.ndarray) -> np.ndarray:
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh_grad(z: np.ndarray) -> np.ndarray:
    return 1.0 - np.tanh(z) ** 2


def orthogonal(rng: np.random.Generator, n: int) -> np.ndarray:
    """A random (Haar-distributed) n×n orthogonal matrix: every singular value is 1."""
    q, r = np.linalg.qr(rng.standard_normal((n, n)))
    return q * np.sign(np.diag(r))


def spoken(x: float, digits: int = 1) -> str:
    """A number as alt text reads it: 0.5, 36, or 2×10의 -14제곱 (Korean)."""
    x = float(x)
    if 100 <= abs(x) < 1e4:
        return f"{x:.0f}"
    if x == 0 or 1e-3 <= abs(x) < 1e4:
        return f"{x:.{digits}g}" if abs(x) < 1 else f"{x:.{max(digits, 2)}g}"
    mantissa, exponent = f"{x:.{max(digits - 1, 0)}e}".split("e")
    return f"{mantissa}×10의 {int(exponent)}제곱"


def spread(values, digits: int = 1) -> str:
    """The range of a quantity over seeds as alt text reads it: "0.1에서 0.4"."""
    values = np.asarray(values, dtype=float)
    return f"{spoken(values.min(), digits)}에서 {spoken(values.max(), digits)}"


def require(claims: dict[str, bool], where: str) -> None:
    """Stop the build when a claim the page makes about an experiment is false."""
    failed = [name for name, holds in claims.items() if not holds]
    if failed:
        raise RuntimeError(
            f"{where}: the page's claims {', '.join(failed)} do not hold for these seeds: "
            "change the text (and the claim) or the experiment"
        )
