"""LSTM BPTT against central finite differences, and the cell/hidden path split."""

from __future__ import annotations

from dataclasses import fields, replace

import numpy as np
import pytest

from snippets.nn import lstm
from tests.support.finite_differences import TOL, assert_gradients_match, numeric_grad, rel_error

D, H, B = 3, 4, 2


def setup(seed: int, T: int, forget_bias: float = 1.0):
    rng = np.random.default_rng(seed)
    params = lstm.init(rng, D, H, forget_bias=forget_bias)
    # non-zero biases so that every bias gradient is exercised
    for k in ("i", "o", "c"):
        getattr(params, f"b_{k}")[:] = rng.standard_normal(H) * 0.3
    xs = rng.standard_normal((T, B, D))
    h0 = rng.standard_normal((B, H)) * 0.5
    c0 = rng.standard_normal((B, H)) * 0.5
    w_h = rng.standard_normal((T + 1, B, H))  # loss = Σ w_h ⊙ h_t + Σ w_c ⊙ c_t
    w_c = rng.standard_normal((T + 1, B, H))
    return params, xs, h0, c0, w_h, w_c


@pytest.mark.parametrize("T", [1, 3, 7])
@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("with_cell_loss", [False, True])
def test_bptt_matches_finite_differences(seed: int, T: int, with_cell_loss: bool) -> None:
    params, xs, h0, c0, w_h, w_c = setup(seed, T)
    if not with_cell_loss:
        w_c = np.zeros_like(w_c)

    def loss() -> float:
        cache = lstm.forward(params, xs, h0, c0)
        return float(np.sum(w_h * cache.hs) + np.sum(w_c * cache.cs))

    cache = lstm.forward(params, xs, h0, c0)
    grads = lstm.backward(params, cache, w_h, w_c if with_cell_loss else None)
    checks = {
        "xs": (grads.dxs, xs),
        "h0": (grads.dh[0], h0),
        "c0": (grads.dc[0], c0),
    }
    for field in fields(lstm.LSTMParams):
        checks[field.name] = (getattr(grads.params, field.name), getattr(params, field.name))
    assert_gradients_match(loss, checks)


def test_total_dh_dc_match_finite_differences_at_every_step() -> None:
    """dh[t], dc[t] are total gradients: restart the run from (h_t, c_t).

    For t >= 1, h_t = o_t ⊙ tanh(c_t) depends on c_t, so perturbing c_t
    also moves h_t (with o_t held at its value); dc[t] counts that route.
    """
    T = 5
    params, xs, h0, c0, w_h, w_c = setup(7, T)
    cache = lstm.forward(params, xs, h0, c0)
    grads = lstm.backward(params, cache, w_h, w_c)
    for t in range(T + 1):
        h_t, c_t = cache.hs[t].copy(), cache.cs[t].copy()

        def loss(t=t, h_t=h_t, c_t=c_t, via_c=False) -> float:
            h = cache.o[t - 1] * np.tanh(c_t) if via_c and t > 0 else h_t
            tail = lstm.forward(params, xs[t:], h, c_t)
            return float(np.sum(w_h[t:] * tail.hs) + np.sum(w_c[t:] * tail.cs))

        assert rel_error(grads.dh[t], numeric_grad(loss, h_t)) < TOL

        def loss_c(loss=loss) -> float:
            return loss(via_c=True)

        assert rel_error(grads.dc[t], numeric_grad(loss_c, c_t)) < TOL


def test_cell_path_false_differs_from_full() -> None:
    params, xs, h0, c0, w_h, _ = setup(3, 7, forget_bias=1.0)
    dhs = np.zeros_like(w_h)
    dhs[-1] = w_h[-1]
    cache = lstm.forward(params, xs, h0, c0)
    full = lstm.backward(params, cache, dhs)
    hidden = lstm.backward(params, cache, dhs, cell_path=False)
    # the last step has no earlier cell edge to cut yet
    np.testing.assert_allclose(hidden.dh[-1], full.dh[-1])
    assert rel_error(hidden.dh[0], full.dh[0]) > 1e-2
    assert rel_error(hidden.params.W_hf, full.params.W_hf) > 1e-3


def test_cell_path_false_equals_full_when_forget_gate_is_closed() -> None:
    params, xs, h0, c0, w_h, _ = setup(4, 7)
    params = replace(params, b_f=np.full(H, -50.0))  # f ≈ 2e-22
    cache = lstm.forward(params, xs, h0, c0)
    full = lstm.backward(params, cache, w_h)
    hidden = lstm.backward(params, cache, w_h, cell_path=False)
    for name in ("dh", "dc", "dxs"):
        np.testing.assert_allclose(
            getattr(hidden, name), getattr(full, name), rtol=1e-12, atol=1e-15
        )
    for field in fields(lstm.LSTMParams):
        np.testing.assert_allclose(
            getattr(hidden.params, field.name),
            getattr(full.params, field.name),
            rtol=1e-12,
            atol=1e-15,
        )
