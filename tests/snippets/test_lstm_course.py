"""The LSTM page's course material: ∂L/∂W by lag, the trained models, the unrolled
one-unit graph and peepholes, each against central finite differences in float64."""

from __future__ import annotations

from dataclasses import fields, replace

import numpy as np
import pytest

from snippets.lstm import lag_sum, peephole, unrolled
from snippets.nn import lstm, rnn, train
from tests.support.finite_differences import TOL, assert_gradients_match, numeric_grad, rel_error


@pytest.mark.parametrize("model", lag_sum.MODELS)
def test_lag_terms_add_up_to_the_weight_gradient(model: str) -> None:
    terms, total = lag_sum.lag_terms(model, seed=3)
    assert rel_error(terms.sum(axis=0), total) < 1e-12


def lstm_with_step_weights(p, xs, h0, c0, s, W_h_s):
    """Run the LSTM with the stacked recurrent weights of step s alone replaced."""
    head = lstm.forward(p, xs[: s - 1], h0, c0)
    names = [f"W_h{k}" for k in lstm.GATES]
    parts = np.split(W_h_s, 4, axis=1)
    q = replace(p, **dict(zip(names, parts, strict=True)))
    mid = lstm.forward(q, xs[s - 1 : s], head.hs[-1], head.cs[-1])
    return lstm.forward(p, xs[s:], mid.hs[-1], mid.cs[-1]).hs[-1]


def test_each_lag_term_is_the_derivative_through_that_step_alone() -> None:
    """Untie the weights: the term of lag k is ∂L/∂W_h of step T - k only."""
    rng = np.random.default_rng(0)
    D, H, B, T = 2, 3, 2, 6
    p = lstm.init(rng, D, H, forget_bias=1.0)
    xs, v = rng.standard_normal((T, B, D)), rng.standard_normal((B, H))
    zeros = np.zeros((B, H))
    cache = lstm.forward(p, xs, zeros, zeros)
    dhs = np.zeros_like(cache.hs)
    dhs[-1] = v
    grads = lstm.backward(p, cache, dhs)
    W_h = lstm.stacked(p)[1]
    for s in range(1, T + 1):
        term = cache.hs[s - 1].T @ grads.da[s - 1]
        W = W_h.copy()

        def loss(W=W, s=s) -> float:
            return float(np.sum(v * lstm_with_step_weights(p, xs, zeros, zeros, s, W)))

        assert rel_error(term, numeric_grad(loss, W)) < TOL, s


def test_rnn_lag_terms_match_untied_finite_differences() -> None:
    rng = np.random.default_rng(1)
    D, H, B, T = 2, 3, 2, 5
    p = rnn.init(rng, D, H, radius=1.2)
    xs, v = rng.standard_normal((T, B, D)), rng.standard_normal((B, H))
    cache = rnn.forward(p, xs, np.zeros((B, H)))
    dhs = np.zeros_like(cache.hs)
    dhs[-1] = v
    grads = rnn.backward(p, cache, dhs)
    for s in range(1, T + 1):
        W = p.W_hh.copy()

        def loss(W=W, s=s) -> float:
            h = rnn.forward(p, xs[: s - 1], np.zeros((B, H))).hs[-1]
            h = rnn.forward(replace(p, W_hh=W), xs[s - 1 : s], h).hs[-1]
            return float(np.sum(v * rnn.forward(p, xs[s:], h).hs[-1]))

        term = cache.hs[s - 1].T @ grads.da[s - 1]
        assert rel_error(term, numeric_grad(loss, W)) < TOL, s


@pytest.mark.parametrize("kind", ["rnn", "lstm"])
def test_training_gradients_match_finite_differences(kind: str) -> None:
    model = train.new_model(kind, seed=4, hidden=3)
    xs, y, _ = train.adding_batch(np.random.default_rng(5), batch=4, steps=6)
    result = train.loss_and_grads(model, xs, y)

    def loss() -> float:
        return train.loss_and_grads(model, xs, y).loss

    checks = {name: (result.grads[name], array) for name, array in model.arrays().items()}
    assert_gradients_match(loss, checks)


def test_adding_batch_marks_one_step_in_each_half() -> None:
    xs, y, marks = train.adding_batch(np.random.default_rng(0), batch=64, steps=10)
    assert xs.shape == (10, 64, 2)
    np.testing.assert_array_equal(xs[..., 1].sum(axis=0), 2.0)
    assert np.all(marks[0] < 5) and np.all(marks[1] >= 5)
    np.testing.assert_allclose(y, (xs[..., 0] * xs[..., 1]).sum(axis=0))


def test_clip_by_norm_keeps_direction_and_bounds_the_norm() -> None:
    rng = np.random.default_rng(0)
    grads = {"a": rng.standard_normal(3) * 10, "b": rng.standard_normal((2, 2)) * 10}
    clipped, norm = train.clip_by_norm(grads, 1.0)
    flat = np.concatenate([g.ravel() for g in grads.values()])
    assert norm == pytest.approx(np.linalg.norm(flat))
    after = np.concatenate([g.ravel() for g in clipped.values()])
    assert np.linalg.norm(after) == pytest.approx(1.0)
    np.testing.assert_allclose(after / np.linalg.norm(after), flat / np.linalg.norm(flat))
    small = {"a": np.array([0.1, 0.2])}
    assert train.clip_by_norm(small, 1.0)[0] is small


def test_adam_first_step_moves_each_weight_by_the_learning_rate() -> None:
    model = train.new_model("rnn", seed=0, hidden=2)
    before = {name: a.copy() for name, a in model.arrays().items()}
    grads = {name: np.full_like(a, 3.0) for name, a in before.items()}
    grads["b_y"] = np.array(-0.5)
    train.Adam(lr=0.01).update(model, grads)
    for name, a in model.arrays().items():
        # first step: m̂ = g, v̂ = g², so the step is lr · sign(g) (up to eps)
        np.testing.assert_allclose(before[name] - a, 0.01 * np.sign(grads[name]), rtol=1e-6)


def test_training_is_deterministic() -> None:
    a = train.train(train.new_model("lstm", 7, 4), 7, steps=3, seq_len=6)
    b = train.train(train.new_model("lstm", 7, 4), 7, steps=3, seq_len=6)
    np.testing.assert_array_equal(a.losses, b.losses)
    for name in a.after.arrays():
        np.testing.assert_array_equal(a.after.arrays()[name], b.after.arrays()[name])


def test_unrolled_paths_add_up_to_the_two_step_jacobian_and_finite_differences() -> None:
    sums = unrolled.sums()
    J = unrolled.two_step_jacobian()
    numeric = unrolled.by_differences()
    dh_dc = sums["c", "cell"] + sums["c", "mixed"]
    dh_dh = sums["h", "hidden"] + sums["h", "cell"]
    assert dh_dc == pytest.approx(J[1, 0], rel=1e-12)
    assert dh_dh == pytest.approx(J[1, 1], rel=1e-12)
    np.testing.assert_allclose([dh_dc, dh_dh], numeric, rtol=1e-8)


def test_unrolled_paths_are_all_there_and_classified_as_on_the_page() -> None:
    paths = unrolled.paths()
    assert len(paths) == 8 and len({p.nodes for p in paths}) == 8
    kinds = {p.nodes: p.kind for p in paths}
    assert kinds["c0", "c1", "c2", "h2"] == "cell"  # weight-free to c_{t-2}
    assert kinds["h0", "c1", "c2", "h2"] == "cell"  # leaves through one G (weights)
    assert kinds["c0", "c1", "h1", "h2"] == "mixed"
    assert kinds["h0", "c1", "h1", "h2"] == "hidden"  # c_{t-1} -> h_{t-1} is no conveyor edge
    assert sum(p.kind == "hidden" for p in paths) == 4


def test_one_step_scalar_jacobian_matches_finite_differences() -> None:
    eps = 1e-6
    J = unrolled.jacobian(unrolled.H0, unrolled.C0)
    numeric = np.zeros((2, 2))
    for col, (dc, dh) in enumerate([(eps, 0.0), (0.0, eps)]):
        up = unrolled.step(unrolled.H0 + dh, unrolled.C0 + dc)
        down = unrolled.step(unrolled.H0 - dh, unrolled.C0 - dc)
        numeric[:, col] = [(up["c"] - down["c"]) / (2 * eps), (up["h"] - down["h"]) / (2 * eps)]
    np.testing.assert_allclose(J, numeric, rtol=1e-8)


@pytest.mark.parametrize("seed", range(5))
def test_peephole_cell_block_matches_finite_differences(seed: int) -> None:
    rng = np.random.default_rng(seed)
    values = dict(zip(peephole.EXAMPLE, rng.standard_normal(len(peephole.EXAMPLE)), strict=True))
    analytic = peephole.cell_block(**values)
    numeric = peephole.cell_block_by_differences(**values)
    np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-10)


def test_peepholes_can_push_the_cell_block_above_one() -> None:
    dc, _ = peephole.cell_block(**peephole.EXAMPLE)
    f = lstm.sigmoid(peephole.EXAMPLE["a_f"] + peephole.EXAMPLE["p_f"] * peephole.EXAMPLE["c_prev"])
    assert f < 1 < dc
    no_peeps = dict(peephole.EXAMPLE, p_f=0.0, p_i=0.0, p_o=0.0)
    assert peephole.cell_block(**no_peeps)[0] == pytest.approx(
        lstm.sigmoid(peephole.EXAMPLE["a_f"])
    )


def test_lstm_fields_unchanged_by_stacking() -> None:
    p = lstm.init(np.random.default_rng(0), 2, 3)
    W_x, W_h, b = lstm.stacked(p)
    assert W_x.shape == (2, 12) and W_h.shape == (3, 12) and b.shape == (12,)
    np.testing.assert_array_equal(W_h[:, 3:6], p.W_hi)
    assert [f.name for f in fields(lstm.LSTMParams)][:3] == ["W_xf", "W_hf", "b_f"]
