"""LSTM in numpy with full backpropagation through time (float64).

    f_t = σ(x_t W_xf + h_{t-1} W_hf + b_f)        forget gate
    i_t = σ(x_t W_xi + h_{t-1} W_hi + b_i)        input gate
    o_t = σ(x_t W_xo + h_{t-1} W_ho + b_o)        output gate
    g_t = tanh(x_t W_xc + h_{t-1} W_hc + b_c)     candidate, c̃_t in the notes
    c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t
    h_t = o_t ⊙ tanh(c_t)

Shapes: xs (T, B, D); hs, cs (T+1, B, H) with hs[0] = h0, cs[0] = c0;
each gate (T, B, H), gate[t-1] belonging to step t.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from snippets.common import orthogonal, sigmoid

GATES = ("f", "i", "o", "c")  # suffix of W_x*, W_h*, b_* ; "c" is the candidate


@dataclass(frozen=True)
class LSTMParams:
    W_xf: np.ndarray  # (D, H)
    W_hf: np.ndarray  # (H, H)
    b_f: np.ndarray  # (H,)
    W_xi: np.ndarray
    W_hi: np.ndarray
    b_i: np.ndarray
    W_xo: np.ndarray
    W_ho: np.ndarray
    b_o: np.ndarray
    W_xc: np.ndarray
    W_hc: np.ndarray
    b_c: np.ndarray


@dataclass(frozen=True)
class LSTMCache:
    xs: np.ndarray  # (T, B, D)
    hs: np.ndarray  # (T+1, B, H)
    cs: np.ndarray  # (T+1, B, H)
    f: np.ndarray  # (T, B, H)
    i: np.ndarray  # (T, B, H)
    o: np.ndarray  # (T, B, H)
    g: np.ndarray  # (T, B, H), candidate c̃


@dataclass(frozen=True)
class LSTMGrads:
    dh: np.ndarray  # (T+1, B, H) total dL/dh_t
    dc: np.ndarray  # (T+1, B, H) total dL/dc_t
    dxs: np.ndarray  # (T, B, D)
    params: LSTMParams  # dL/dW_xf, ... in the same fields
    da: np.ndarray  # (T, B, 4H) dL/d(pre-activations) of step t at index t-1, gates as GATES


def init(
    rng: np.random.Generator,
    input_size: int,
    hidden_size: int,
    forget_bias: float = 1.0,
    radius: float = 1.0,
) -> LSTMParams:
    """The page's matched rule (see snippets/nn/runs.py), gate by gate as the RNN's:
    W_x* ~ N(0, 1/D), W_h* a random orthogonal matrix times ``radius``;
    b_f = forget_bias, the other biases 0."""
    D, H = input_size, hidden_size
    kw = {}
    for k in GATES:
        kw[f"W_x{k}"] = rng.standard_normal((D, H)) / np.sqrt(D)
        kw[f"W_h{k}"] = orthogonal(rng, H) * radius
        kw[f"b_{k}"] = np.full(H, float(forget_bias) if k == "f" else 0.0)
    return LSTMParams(**kw)


def stacked(p: LSTMParams) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(W_x (D, 4H), W_h (H, 4H), b (4H,)): the four gates side by side, as GATES."""
    return (
        np.concatenate([getattr(p, f"W_x{k}") for k in GATES], axis=1),
        np.concatenate([getattr(p, f"W_h{k}") for k in GATES], axis=1),
        np.concatenate([getattr(p, f"b_{k}") for k in GATES]),
    )


def forward(p: LSTMParams, xs: np.ndarray, h0: np.ndarray, c0: np.ndarray) -> LSTMCache:
    xs = np.asarray(xs, dtype=np.float64)
    T, H = xs.shape[0], h0.shape[-1]
    W_x, W_h, b = stacked(p)
    hs = np.empty((T + 1, *h0.shape))
    cs = np.empty((T + 1, *c0.shape))
    hs[0], cs[0] = h0, c0
    drive = xs @ W_x + b  # (T, B, 4H), the input's part of every gate
    gates = np.empty((T, *h0.shape[:-1], 4 * H))
    for t in range(1, T + 1):
        a = drive[t - 1] + hs[t - 1] @ W_h
        gates[t - 1, ..., : 3 * H] = sigmoid(a[..., : 3 * H])
        gates[t - 1, ..., 3 * H :] = np.tanh(a[..., 3 * H :])
        f, i, o, g = np.split(gates[t - 1], 4, axis=-1)
        cs[t] = f * cs[t - 1] + i * g
        hs[t] = o * np.tanh(cs[t])
    f, i, o, g = np.split(gates, 4, axis=-1)
    return LSTMCache(xs=xs, hs=hs, cs=cs, f=f, i=i, o=o, g=g)


def backward(
    p: LSTMParams,
    cache: LSTMCache,
    dhs: np.ndarray,
    dcs: np.ndarray | None = None,
    cell_path: bool = True,
) -> LSTMGrads:
    """BPTT. dhs[t], dcs[t] are the loss's direct gradients w.r.t. h_t, c_t.

    Returned dh[t], dc[t] are total gradients (direct part plus what flows
    back from later steps); for t >= 1, dc[t] includes the route through
    h_t = o_t ⊙ tanh(c_t). dh[0], dc[0] are the gradients w.r.t. h0, c0.

    Path split: the gradient reaching h_{t-k} is a sum over paths through the
    unrolled graph. With ``cell_path=False`` the edge c_{t-1} -> c_t (the
    term dc_{t-1} += f_t ⊙ dc_t) is cut, so only paths that go back step by
    step through h (h_t -> gates/c̃ -> h_{t-1}) remain: the *hidden-only part*.
    The *cell path part* is full minus hidden-only, i.e. every path that
    uses the cell-state conveyor for at least one step. Within one step the
    route h_t -> c_t -> gates is kept either way. With cell_path=False the
    result is not the gradient of any loss; it is that partial sum of paths.
    """
    xs, hs, cs = cache.xs, cache.hs, cache.cs
    T, H = xs.shape[0], hs.shape[-1]
    W_x, W_h, _ = stacked(p)
    dh = np.array(dhs, dtype=np.float64, copy=True)  # accumulated in place
    if dcs is None:
        dc = np.zeros_like(dh)
    else:
        dc = np.array(dcs, dtype=np.float64, copy=True)
    tanh_c = np.tanh(cs)
    da = np.empty((T, *hs.shape[1:-1], 4 * H))  # pre-activation gradients, (B, 4H) a step
    for t in range(T, 0, -1):
        f, i, o, g = (cache.f[t - 1], cache.i[t - 1], cache.o[t - 1], cache.g[t - 1])
        dc[t] += dh[t] * o * (1.0 - tanh_c[t] ** 2)
        da_f, da_i, da_o, da_c = np.split(da[t - 1], 4, axis=-1)  # views into da
        da_f[...] = dc[t] * cs[t - 1] * f * (1.0 - f)
        da_i[...] = dc[t] * g * i * (1.0 - i)
        da_o[...] = dh[t] * tanh_c[t] * o * (1.0 - o)
        da_c[...] = dc[t] * i * (1.0 - g**2)
        dh[t - 1] += da[t - 1] @ W_h.T
        if cell_path:
            dc[t - 1] += f * dc[t]
    dW_x = np.einsum("tbd,tbg->dg", xs, da)
    dW_h = np.einsum("tbh,tbg->hg", hs[:-1], da)
    db = da.sum(axis=(0, 1))
    grads = {}
    for j, k in enumerate(GATES):
        part = slice(j * H, (j + 1) * H)
        grads[f"W_x{k}"], grads[f"W_h{k}"], grads[f"b_{k}"] = dW_x[:, part], dW_h[:, part], db[part]
    return LSTMGrads(dh=dh, dc=dc, dxs=da @ W_x.T, params=LSTMParams(**grads), da=da)


# Path labels of backward_paths. A path runs backwards from where the loss
# touches the network to the state whose gradient is reported.
#   start     the loss's own gradient at h_t (no edge yet)
#   fresh     no conveyor edge, no intermediate h_s passed through yet
#   hidden    no conveyor edge, at least one intermediate h_s
#   conveyor  at least one conveyor edge c_s -> c_{s-1}, no intermediate h_s
#   mixed     at least one conveyor edge and at least one intermediate h_s
PATH_LABELS = ("start", "fresh", "hidden", "conveyor", "mixed")
_LEAVE_H = {
    "start": "fresh",
    "fresh": "hidden",
    "hidden": "hidden",
    "conveyor": "mixed",
    "mixed": "mixed",
}  # passing through h_s
_RIDE_C = {
    "fresh": "conveyor",
    "hidden": "mixed",
    "conveyor": "conveyor",
    "mixed": "mixed",
}  # taking the edge c_s -> c_{s-1}


@dataclass(frozen=True)
class PathParts:
    """dL/dh_t split by the kind of path it came along; the three add up to dh."""

    hidden_only: np.ndarray  # (T+1, B, H) no conveyor edge: backward(cell_path=False).dh
    conveyor: np.ndarray  # only conveyor edges between h_T's cell and h_t: ∏ diag(f)
    mixed: np.ndarray  # conveyor edges and at least one h in between


def backward_paths(
    p: LSTMParams, cache: LSTMCache, dhs: np.ndarray, dcs: np.ndarray | None = None
) -> PathParts:
    """dL/dh_t as three sums over paths of the unrolled graph, computed separately.

    The gradient is propagated once per path label (see PATH_LABELS): each
    label is a linear backward pass of its own, and an edge moves gradient
    from one label to another. No part is obtained by subtraction, so
    ``hidden_only + conveyor + mixed == backward(...).dh`` is a real check.

    The *pure conveyor* part of dL/dh_{t-k} for a loss at h_t follows
    h_t -> c_t (through tanh, δ_t = o_t ⊙ tanh'(c_t)) -> c_{t-1} -> ... ->
    c_{t-k+1} (a factor f at each edge, no weight matrix) and leaves the
    conveyor only at the end, through the gates of step t-k+1 into h_{t-k}.
    """
    xs, cs = cache.xs, cache.cs
    T = xs.shape[0]
    shape = np.shape(dhs)
    dh = {label: np.zeros(shape) for label in PATH_LABELS}
    dc = {label: np.zeros(shape) for label in PATH_LABELS[1:]}
    dh["start"] = np.array(dhs, dtype=np.float64, copy=True)
    if dcs is not None:
        dc["fresh"] += np.asarray(dcs, dtype=np.float64)
    W_h = {k: getattr(p, f"W_h{k}") for k in GATES}
    for t in range(T, 0, -1):
        f, i, o, g = (cache.f[t - 1], cache.i[t - 1], cache.o[t - 1], cache.g[t - 1])
        tanh_c = np.tanh(cs[t])
        # gradient that now goes on from h_t, relabelled for passing through it
        go = {label: np.zeros(shape[1:]) for label in PATH_LABELS[1:]}
        for label, value in dh.items():
            go[_LEAVE_H[label]] += value[t]
        for label in PATH_LABELS[1:]:
            dc[label][t] += go[label] * o * (1.0 - tanh_c**2)
            da = {
                "f": dc[label][t] * cs[t - 1] * f * (1.0 - f),
                "i": dc[label][t] * g * i * (1.0 - i),
                "o": go[label] * tanh_c * o * (1.0 - o),
                "c": dc[label][t] * i * (1.0 - g**2),
            }
            for k in GATES:
                dh[label][t - 1] += da[k] @ W_h[k].T
            dc[_RIDE_C[label]][t - 1] += f * dc[label][t]
    return PathParts(
        hidden_only=dh["start"] + dh["fresh"] + dh["hidden"],
        conveyor=dh["conveyor"],
        mixed=dh["mixed"],
    )
