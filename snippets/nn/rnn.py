"""Vanilla tanh RNN in numpy with full backpropagation through time (float64).

    h_t = tanh(x_t W_xh + h_{t-1} W_hh + b_h)

Shapes: xs (T, B, D), hidden states hs (T+1, B, H) with hs[0] = h0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class RNNParams:
    W_xh: np.ndarray  # (D, H)
    W_hh: np.ndarray  # (H, H)
    b_h: np.ndarray  # (H,)


@dataclass(frozen=True)
class RNNCache:
    xs: np.ndarray  # (T, B, D)
    hs: np.ndarray  # (T+1, B, H), hs[0] = h0


@dataclass(frozen=True)
class RNNGrads:
    dh: np.ndarray  # (T+1, B, H) total dL/dh_t, dh[0] = dL/dh0
    dxs: np.ndarray  # (T, B, D)
    params: RNNParams  # dL/dW_xh, dL/dW_hh, dL/db_h


def spectral_radius(W: np.ndarray) -> float:
    return float(np.max(np.abs(np.linalg.eigvals(W))))


def init(
    rng: np.random.Generator,
    input_size: int,
    hidden_size: int,
    spectral_radius_hh: float | None = None,
    orthogonal: bool = False,
) -> RNNParams:
    """Gaussian W_xh; W_hh Gaussian, or a random orthogonal matrix if asked.

    With ``spectral_radius_hh`` W_hh is rescaled to that spectral radius. An
    orthogonal W_hh scaled by r has every singular value equal to r, so
    ‖∂h_t/∂h_{t-k}‖ <= r^k exactly (tanh' <= 1); a Gaussian one is
    non-normal and its gradient norms show transients first.
    """
    D, H = input_size, hidden_size
    W_xh = rng.standard_normal((D, H)) / np.sqrt(D)
    if orthogonal:
        q, r = np.linalg.qr(rng.standard_normal((H, H)))
        W_hh = q * np.sign(np.diag(r))  # Haar-distributed
    else:
        W_hh = rng.standard_normal((H, H)) / np.sqrt(H)
    if spectral_radius_hh is not None:
        W_hh *= spectral_radius_hh / spectral_radius(W_hh)
    return RNNParams(W_xh=W_xh, W_hh=W_hh, b_h=np.zeros(H))


def forward(p: RNNParams, xs: np.ndarray, h0: np.ndarray) -> RNNCache:
    xs = np.asarray(xs, dtype=np.float64)
    T = xs.shape[0]
    hs = np.empty((T + 1, *h0.shape))
    hs[0] = h0
    for t in range(1, T + 1):
        hs[t] = np.tanh(xs[t - 1] @ p.W_xh + hs[t - 1] @ p.W_hh + p.b_h)
    return RNNCache(xs=xs, hs=hs)


def backward(p: RNNParams, cache: RNNCache, dhs: np.ndarray) -> RNNGrads:
    """BPTT. dhs[t] is the loss's direct gradient w.r.t. h_t (t = 0..T).

    The returned dh[t] is the total gradient: the direct part plus everything
    that flows back from later steps through h_{t+1}.
    """
    xs, hs = cache.xs, cache.hs
    T = xs.shape[0]
    dh = np.array(dhs, dtype=np.float64, copy=True)  # accumulated in place
    dxs = np.zeros_like(xs)
    dW_xh = np.zeros_like(p.W_xh)
    dW_hh = np.zeros_like(p.W_hh)
    db_h = np.zeros_like(p.b_h)
    for t in range(T, 0, -1):
        da = dh[t] * (1.0 - hs[t] ** 2)  # through tanh, (B, H)
        dW_xh += xs[t - 1].T @ da
        dW_hh += hs[t - 1].T @ da
        db_h += da.sum(axis=0)
        dxs[t - 1] = da @ p.W_xh.T
        dh[t - 1] += da @ p.W_hh.T
    grads = RNNParams(W_xh=dW_xh, W_hh=dW_hh, b_h=db_h)
    return RNNGrads(dh=dh, dxs=dxs, params=grads)
