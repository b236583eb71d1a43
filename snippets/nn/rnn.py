"""Vanilla tanh RNN in numpy with full backpropagation through time (float64).

    h_t = tanh(x_t W_xh + h_{t-1} W_hh + b_h)

Shapes: xs (T, B, D), hidden states hs (T+1, B, H) with hs[0] = h0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from snippets.common import orthogonal


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
    da: np.ndarray  # (T, B, H) dL/da_t at the pre-activation of step t (index t-1)


def spectral_radius(W: np.ndarray) -> float:
    return float(np.max(np.abs(np.linalg.eigvals(W))))


def init(
    rng: np.random.Generator, input_size: int, hidden_size: int, radius: float = 1.0
) -> RNNParams:
    """The page's matched rule (see snippets/nn/runs.py): W_xh ~ N(0, 1/D), so the
    input drive of a unit has the inputs' standard deviation; W_hh is a random
    orthogonal matrix times ``radius``, so its spectral radius and every singular
    value equal ``radius`` and ‖∂h_t/∂h_{t-k}‖ <= radius^k (tanh' <= 1)."""
    D, H = input_size, hidden_size
    W_xh = rng.standard_normal((D, H)) / np.sqrt(D)
    W_hh = orthogonal(rng, H) * radius
    return RNNParams(W_xh=W_xh, W_hh=W_hh, b_h=np.zeros(H))


def forward(p: RNNParams, xs: np.ndarray, h0: np.ndarray) -> RNNCache:
    xs = np.asarray(xs, dtype=np.float64)
    T = xs.shape[0]
    hs = np.empty((T + 1, *h0.shape))
    hs[0] = h0
    drive = xs @ p.W_xh + p.b_h  # (T, B, H), the input's part of every step
    for t in range(1, T + 1):
        hs[t] = np.tanh(drive[t - 1] + hs[t - 1] @ p.W_hh)
    return RNNCache(xs=xs, hs=hs)


def backward(p: RNNParams, cache: RNNCache, dhs: np.ndarray) -> RNNGrads:
    """BPTT. dhs[t] is the loss's direct gradient w.r.t. h_t (t = 0..T).

    The returned dh[t] is the total gradient: the direct part plus everything
    that flows back from later steps through h_{t+1}.
    """
    xs, hs = cache.xs, cache.hs
    T = xs.shape[0]
    dh = np.array(dhs, dtype=np.float64, copy=True)  # accumulated in place
    da = np.empty((T, *hs.shape[1:]))
    for t in range(T, 0, -1):
        da[t - 1] = dh[t] * (1.0 - hs[t] ** 2)  # through tanh, (B, H)
        dh[t - 1] += da[t - 1] @ p.W_hh.T
    grads = RNNParams(
        W_xh=np.einsum("tbd,tbh->dh", xs, da),
        W_hh=np.einsum("tbi,tbh->ih", hs[:-1], da),
        b_h=da.sum(axis=(0, 1)),
    )
    return RNNGrads(dh=dh, dxs=da @ p.W_xh.T, params=grads, da=da)
