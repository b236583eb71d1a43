"""The three-part path split of the LSTM gradient: hidden-only, pure conveyor, mixed."""

from __future__ import annotations

import numpy as np
import pytest

from snippets.lstm import path_split
from snippets.nn import lstm
from tests.support.finite_differences import TOL, numeric_grad, rel_error

D, H, B = 3, 4, 2


def setup(seed: int, T: int, forget_bias: float = 1.0):
    rng = np.random.default_rng(seed)
    params = lstm.init(rng, D, H, forget_bias=forget_bias)
    for k in ("i", "o", "c"):
        getattr(params, f"b_{k}")[:] = rng.standard_normal(H) * 0.3
    xs = rng.standard_normal((T, B, D))
    h0 = rng.standard_normal((B, H)) * 0.5
    c0 = rng.standard_normal((B, H)) * 0.5
    return params, xs, h0, c0, rng


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("T", [1, 4, 9])
def test_three_parts_sum_to_full_gradient(seed: int, T: int) -> None:
    params, xs, h0, c0, rng = setup(seed, T)
    cache = lstm.forward(params, xs, h0, c0)
    dhs = rng.standard_normal((T + 1, B, H))  # a loss on every h_t ...
    dcs = rng.standard_normal((T + 1, B, H))  # ... and on every c_t
    full = lstm.backward(params, cache, dhs, dcs).dh
    parts = lstm.backward_paths(params, cache, dhs, dcs)
    total = parts.hidden_only + parts.conveyor + parts.mixed
    assert rel_error(total, full) < 1e-12
    hidden = lstm.backward(params, cache, dhs, dcs, cell_path=False).dh
    assert rel_error(parts.hidden_only, hidden) < 1e-12
    if T >= 4:  # long enough for every kind of path to carry gradient
        for part in (parts.conveyor, parts.mixed):
            assert np.linalg.norm(part[0]) > 1e-6 * np.linalg.norm(full[0])


def conveyor_loss(params, cache, t: int, s: int, v: np.ndarray):
    """L = v · h_t where h_s may reach h_t only along the conveyor.

    h_s enters the gates of step s+1 (f, i, c̃; o does not touch c), which set
    c_{s+1}; from there every later f, i, c̃, o is frozen at its recorded value
    and only c is carried: c_r = f_r ⊙ c_{r-1} + i_r ⊙ c̃_r, h_t = o_t ⊙ tanh(c_t).
    Its derivative in h_s is exactly the sum of the pure conveyor paths.
    """
    p = params

    def loss(h_s: np.ndarray) -> float:
        x = cache.xs[s]
        f = lstm.sigmoid(x @ p.W_xf + h_s @ p.W_hf + p.b_f)
        i = lstm.sigmoid(x @ p.W_xi + h_s @ p.W_hi + p.b_i)
        g = np.tanh(x @ p.W_xc + h_s @ p.W_hc + p.b_c)
        c = f * cache.cs[s] + i * g
        for r in range(s + 2, t + 1):
            c = cache.f[r - 1] * c + cache.i[r - 1] * cache.g[r - 1]
        return float(np.sum(v * cache.o[t - 1] * np.tanh(c)))

    return loss


@pytest.mark.parametrize("seed", [0, 3])
def test_pure_conveyor_part_matches_finite_differences(seed: int) -> None:
    T = 8
    params, xs, h0, c0, rng = setup(seed, T, forget_bias=2.0)
    cache = lstm.forward(params, xs, h0, c0)
    v = rng.standard_normal((B, H))
    dhs = np.zeros((T + 1, B, H))
    dhs[T] = v
    parts = lstm.backward_paths(params, cache, dhs)
    for s in range(T - 1):  # lag k = T - s >= 2: at least one conveyor edge
        h_s = cache.hs[s].copy()
        loss = conveyor_loss(params, cache, T, s, v)
        numeric = numeric_grad(lambda h_s=h_s, loss=loss: loss(h_s), h_s)
        assert rel_error(parts.conveyor[s], numeric) < TOL, s
    # no conveyor edge lies between h_T, h_{T-1} and the loss at h_T
    assert np.abs(parts.conveyor[T - 1 :]).max() == 0.0
    assert np.abs(parts.mixed[T - 2 :]).max() == 0.0


def test_figure_split_sums_to_full_and_separates_the_parts() -> None:
    s = path_split.split(seed=1)
    total = s.hidden_only + s.conveyor + s.mixed
    np.testing.assert_allclose(total, s.full, rtol=1e-9, atol=1e-9 * np.abs(s.full).max())
    norms = path_split.mean_norms(s)
    k = path_split.K
    # the team's question: the conveyor alone is orders below the total
    assert norms["conveyor"][k] < 1e-2 * norms["full"][k]
    # far back, nearly everything came along mixed paths
    np.testing.assert_allclose(norms["mixed"][30:] / norms["full"][30:], 1.0, rtol=2e-2)
    assert norms["hidden_only"][20] < 1e-6 * norms["full"][20]
