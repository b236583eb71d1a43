"""Properties of the LSTM figures' compute functions, and that each figure draws."""

from __future__ import annotations

import importlib
import subprocess
from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure

from snippets.lstm import activations, clipping, forget_products, grad_by_lag
from study_wiki.figures.runner import child_command
from tests.support.project import ROOT

FIGURE_MODULES = (
    "activations",
    "grad_by_lag",
    "recurrent_scale",
    "path_split",
    "clipping",
    "forget_products",
    "cell_diagram",
    "long_lag",
    "lag_sum",
    "trained",
    "unrolled",
)


def test_activation_derivative_peaks() -> None:
    c = activations.curves()
    assert c["sigmoid_grad"].max() == pytest.approx(0.25)
    assert c["tanh_grad"].max() == pytest.approx(1.0)
    assert c["z"][np.argmax(c["sigmoid_grad"])] == pytest.approx(0.0)
    np.testing.assert_allclose(c["sigmoid_grad"], np.gradient(c["sigmoid"], c["z"]), atol=1e-3)


def test_span_products_match_direct_product() -> None:
    f = forget_products.forget_gates()
    assert f.shape[0] == forget_products.K  # the measured steps, after the warm-up
    direct = np.prod(f[3:23], axis=0).ravel()
    spans = forget_products.span_products(f, 20).reshape(-1, direct.size)
    np.testing.assert_allclose(spans[3], direct, rtol=1e-10)


def test_forget_products_stay_in_the_unit_interval() -> None:
    for bias in forget_products.FORGET_BIASES:
        for values in forget_products.products_by_span(bias).values():
            assert np.all((values > 0) & (values < 1))


def test_both_models_see_the_same_inputs() -> None:
    from snippets.nn import runs

    K, D, H, B = grad_by_lag.K, grad_by_lag.D, grad_by_lag.H, grad_by_lag.B
    for seed in runs.SHOWN_SEEDS[:2]:
        for scale in grad_by_lag.INPUT_SCALES:
            a = runs.rnn_run(seed, K, D, H, B, 1.0, scale).cache.xs
            b = runs.lstm_run(seed, K, D, H, B, 1.0, 1.0, scale).cache.xs
            np.testing.assert_array_equal(a, b)
            assert a.shape[0] == runs.WARMUP + K


def test_matched_rule_gives_every_recurrent_matrix_the_same_singular_values() -> None:
    from snippets.nn import runs

    run = runs.lstm_run(0, 5, 8, 16, 2, forget_bias=1.0, radius=1.5)
    for k in "fioc":
        np.testing.assert_allclose(np.linalg.svd(getattr(run.params, f"W_h{k}"))[1], 1.5)
    rnn_run = runs.rnn_run(0, 5, 8, 16, 2, radius=1.5)
    np.testing.assert_allclose(np.linalg.svd(rnn_run.params.W_hh)[1], 1.5)


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
    # the bouncing happens within one step of the cliff: invisible on a log scale of w
    tail = clipped.ws[clipping.bounces(clipped, clipping.cliff_position())[0] :]
    assert np.ptp(tail) <= clipping.LR * clipping.CLIP * (1 + 1e-12)
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
