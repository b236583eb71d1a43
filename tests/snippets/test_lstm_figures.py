"""Properties of the LSTM figures' compute functions, and that each figure draws."""

from __future__ import annotations

import importlib
import subprocess
from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure

from snippets.lstm import (
    activations,
    clipping,
    forget_products,
    grad_by_lag,
    long_lag,
    path_split,
)
from study_wiki.figures.runner import child_command
from tests.support.project import ROOT

FIGURE_MODULES = (
    "activations",
    "grad_by_lag",
    "path_split",
    "clipping",
    "forget_products",
    "cell_diagram",
    "long_lag",
)


def test_activation_derivative_peaks() -> None:
    c = activations.curves()
    assert c["sigmoid_grad"].max() == pytest.approx(0.25)
    assert c["tanh_grad"].max() == pytest.approx(1.0)
    assert c["z"][np.argmax(c["sigmoid_grad"])] == pytest.approx(0.0)
    np.testing.assert_allclose(c["sigmoid_grad"], np.gradient(c["sigmoid"], c["z"]), atol=1e-3)


SMALL, NORMAL = grad_by_lag.INPUT_SCALES


def test_rnn_radius_below_one_vanishes() -> None:
    norms = grad_by_lag.rnn_grad_norms(0.9, SMALL)
    assert norms[0] == pytest.approx(1.0)
    # orthogonal W_hh · 0.9 and tanh' <= 1 bound the ratio by 0.9^k
    assert norms[50] <= 0.9**50 < 6e-3
    assert norms[70] < 1e-3
    assert np.all(np.diff(norms) < 0)


def test_rnn_radius_above_one_does_not_vanish_on_small_inputs() -> None:
    norms = grad_by_lag.rnn_grad_norms(1.1, SMALL)
    assert norms[:51].min() > 0.5
    assert norms[50] >= 1.0
    assert norms[-1] > norms[50]


def test_saturating_inputs_make_even_radius_above_one_vanish() -> None:
    assert grad_by_lag.rnn_grad_norms(1.1, NORMAL)[-1] < 1e-6


def test_both_models_see_the_same_inputs() -> None:
    from snippets.nn import runs

    T, D, H, B = grad_by_lag.T, grad_by_lag.D, grad_by_lag.H, grad_by_lag.B
    for seed in grad_by_lag.SEEDS:
        for scale in grad_by_lag.INPUT_SCALES:
            a = runs.rnn_run(seed, T, D, H, B, 1.0, scale).cache.xs
            b = runs.lstm_run(seed, T, D, H, B, 1.0, scale).cache.xs
            np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("scale", grad_by_lag.INPUT_SCALES)
def test_lstm_forget_bias_keeps_gradient(scale: float) -> None:
    b0 = grad_by_lag.lstm_grad_norms(0.0, scale)
    b3 = grad_by_lag.lstm_grad_norms(3.0, scale)
    assert b3[50] > 1e3 * b0[50]
    assert b3[50] > 1e-2
    assert b0[50] < 1e-6


def test_small_inputs_per_step_factors_quoted_on_the_page() -> None:
    # states stay near 0, so nearly the same J_t is applied at every step: the
    # page quotes about 0.7 per step for b_f = 0 (faster than the RNN's 0.9)
    # and more than 1 for b_f = 3
    def rate(bias: float) -> float:
        norms = grad_by_lag.lstm_grad_norms(bias, SMALL)
        return float((norms[60] / norms[20]) ** (1 / 40))

    assert round(rate(0.0), 1) == 0.7
    assert rate(3.0) > 1.0
    rnn = grad_by_lag.rnn_grad_norms(0.9, SMALL)
    assert rate(0.0) < float((rnn[60] / rnn[20]) ** (1 / 40))


def test_forget_bias_three_grows_back_over_long_lags() -> None:
    g = long_lag.growth()
    assert g["k_min"] < 50
    assert g["ratio"] > 2  # the mean curve climbs back from its minimum
    c = long_lag.curves()
    # the pure conveyor part keeps shrinking: the growth comes through h
    assert c["conveyor"][long_lag.K] < 1e-6 * c["mean"][long_lag.K]


def test_hidden_only_part_decays_fast() -> None:
    norms = path_split.mean_norms(path_split.split())
    assert norms["hidden_only"][20] < 1e-6 * norms["full"][20]
    assert norms["hidden_only"][10] < 1e-3 * norms["hidden_only"][1]


@pytest.mark.parametrize("bias", forget_products.FORGET_BIASES)
def test_forget_products_shrink_with_span(bias: float) -> None:
    data = forget_products.products_by_span(forget_bias=bias)
    medians = [np.median(data[s]) for s in forget_products.SPANS]
    for values in data.values():
        assert np.all((values > 0) & (values < 1))
    assert np.all(np.diff(medians) < 0)


def test_forget_bias_raises_products() -> None:
    low = forget_products.products_by_span(forget_bias=0.0)
    high = forget_products.products_by_span(forget_bias=1.0)
    for s in forget_products.SPANS:
        assert np.median(high[s]) > np.median(low[s])


def test_span_products_match_direct_product() -> None:
    f = forget_products.forget_gates()
    direct = np.prod(f[3:23], axis=0).ravel()
    spans = forget_products.span_products(f, 20).reshape(-1, direct.size)
    np.testing.assert_allclose(spans[3], direct, rtol=1e-10)


@pytest.mark.parametrize("w, b", [(4.0, -2.5), (6.0, -2.5), (5.3, -2.0), (2.0, -1.0)])
def test_clipping_gradient_matches_finite_differences(w: float, b: float) -> None:
    eps = 1e-6
    _, grad = clipping.loss_and_grad(w, b)
    numeric = np.array(
        [
            (clipping.loss(w + eps, b) - clipping.loss(w - eps, b)) / (2 * eps),
            (clipping.loss(w, b + eps) - clipping.loss(w, b - eps)) / (2 * eps),
        ]
    )
    assert np.linalg.norm(grad - numeric) < 1e-6 * np.linalg.norm(grad)


def test_clipping_bounds_every_step() -> None:
    plain = clipping.descend()
    clipped = clipping.descend(clip=clipping.CLIP)
    assert np.abs(clipped.steps).max() <= clipping.LR * clipping.CLIP * (1 + 1e-12)
    # the unclipped run meets the cliff and is thrown far away
    assert np.abs(plain.grads).max() > 1e3
    assert np.abs(plain.steps).max() > 10
    assert np.all(np.abs(clipped.ws - clipping.cliff_position()) < 0.5)
    # ... but it does not settle: from some step on it crosses the cliff every step
    crossings = clipping.bounces(clipped, clipping.cliff_position())
    assert len(crossings) > 10
    np.testing.assert_array_equal(np.diff(crossings), 1)


def test_cliff_is_a_jump_in_the_loss() -> None:
    w = clipping.cliff_position()  # where x_T crosses the target on the wall
    left, right = clipping.loss(w - 0.02, -2.5), clipping.loss(w + 0.02, -2.5)
    assert left - right > 3
    assert clipping.loss(w, -2.5) < 1e-6


@pytest.mark.parametrize("name", FIGURE_MODULES)
def test_figure_draws(name: str) -> None:
    module = importlib.import_module(f"snippets.lstm.{name}")
    fig = module.figure()
    assert isinstance(fig, Figure)
    assert len(fig.axes) >= 1


def test_snippet_svg_is_deterministic(tmp_path: Path) -> None:
    outputs = []
    for run in range(2):
        out = tmp_path / f"run{run}.svg"
        snippet = ROOT / "snippets" / "lstm" / "activations.py"
        # As the build starts it: `snippets` comes from PYTHONPATH, not the working folder.
        command, env = child_command(ROOT, snippet, out)
        subprocess.run(command, cwd=tmp_path, env=env, check=True, capture_output=True, timeout=120)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert b"<svg" in outputs[0]
