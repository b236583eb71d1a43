"""Vanilla RNN BPTT against central finite differences (float64)."""

from __future__ import annotations

from dataclasses import fields

import numpy as np
import pytest

from snippets.nn import rnn
from tests.support.finite_differences import TOL, assert_gradients_match, numeric_grad, rel_error

D, H, B = 3, 4, 2


def setup(seed: int, T: int):
    rng = np.random.default_rng(seed)
    params = rnn.init(rng, D, H, radius=1.2)
    params = rnn.RNNParams(params.W_xh, params.W_hh, rng.standard_normal(H) * 0.1)
    xs = rng.standard_normal((T, B, D))
    h0 = rng.standard_normal((B, H)) * 0.5
    weights = rng.standard_normal((T + 1, B, H))  # loss = Σ_t Σ weights ⊙ h_t
    return params, xs, h0, weights


@pytest.mark.parametrize("T", [1, 3, 7])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_bptt_matches_finite_differences(seed: int, T: int) -> None:
    params, xs, h0, weights = setup(seed, T)

    def loss() -> float:
        return float(np.sum(weights * rnn.forward(params, xs, h0).hs))

    grads = rnn.backward(params, rnn.forward(params, xs, h0), weights)
    checks = {"xs": (grads.dxs, xs), "h0": (grads.dh[0], h0)}
    for field in fields(rnn.RNNParams):
        checks[field.name] = (getattr(grads.params, field.name), getattr(params, field.name))
    assert_gradients_match(loss, checks)


def test_total_dh_matches_finite_differences_at_every_step() -> None:
    """dh[t] is the total gradient: perturb h_t by restarting the run at t."""
    params, xs, h0, weights = setup(5, 4)
    cache = rnn.forward(params, xs, h0)
    grads = rnn.backward(params, cache, weights)
    for t in range(5):
        h_t = cache.hs[t].copy()

        def loss(t=t, h_t=h_t) -> float:
            tail = rnn.forward(params, xs[t:], h_t).hs
            return float(np.sum(weights[t:] * tail))

        err = rel_error(grads.dh[t], numeric_grad(loss, h_t))
        assert err < TOL, f"dh[{t}]: relative error {err:.2e}"


def test_init_follows_the_matched_rule() -> None:
    params = rnn.init(np.random.default_rng(1), 3, 8, radius=1.1)
    # orthogonal times r: spectral radius and every singular value are r
    assert rnn.spectral_radius(params.W_hh) == pytest.approx(1.1)
    np.testing.assert_allclose(np.linalg.svd(params.W_hh)[1], 1.1)
    # input drive of a unit: std of x_t W_xh over many draws is about std(x)
    big = rnn.init(np.random.default_rng(2), 400, 8)
    assert np.std(big.W_xh) * np.sqrt(400) == pytest.approx(1.0, abs=0.05)
