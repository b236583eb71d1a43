"""Random networks on random inputs: the set-up every gradient figure shares.

The rules, stated once on the page (docs/topics/lstm.md#setup):
- matched weights: every input matrix (the RNN's W_xh, the LSTM's four W_x*) is
  N(0, 1/D), so each unit's input drive has the inputs' standard deviation; every
  recurrent matrix (W_hh, the four W_h*) is a random orthogonal matrix times the
  same ``radius`` r, so its spectral radius and all its singular values are r;
  biases are 0 except the LSTM's forget bias b_f;
- warm-up: each run starts from h_0 = c_0 = 0 and runs WARMUP steps before the
  K measured ones, so no lag reaches back into the start-up (with b_f = 3 the
  zero state is unstable and the state grows for up to ~100 steps on small inputs);
- the loss sits on the last step, L = v · h_T, so ∂L/∂h_{T-k} has come back k steps;
- seeds: the page shows SHOWN_SEEDS; the tests check its claims on HELD_OUT_SEEDS.

One seed fixes the weights, the inputs and v, so the RNN and the LSTM of one seed
see the very same input sequences.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from snippets.nn import lstm, rnn

WARMUP = 100
SHOWN_SEEDS = tuple(range(8))
HELD_OUT_SEEDS = tuple(range(100, 108))


@dataclass(frozen=True)
class LSTMRun:
    params: lstm.LSTMParams
    cache: lstm.LSTMCache
    dhs: np.ndarray  # (T+1, B, H) loss L = v · h_T: zero except dhs[T] = v


@dataclass(frozen=True)
class RNNRun:
    params: rnn.RNNParams
    cache: rnn.RNNCache
    dhs: np.ndarray


def inputs(seed: int, T: int, B: int, D: int, scale: float = 1.0) -> np.ndarray:
    """(T, B, D) inputs N(0, scale²), the same for every model given the seed."""
    return np.random.default_rng([seed, 1]).standard_normal((T, B, D)) * scale


def last_step_upstream(seed: int, T: int, B: int, H: int) -> np.ndarray:
    dhs = np.zeros((T + 1, B, H))
    dhs[T] = np.random.default_rng([seed, 2]).standard_normal((B, H))
    return dhs


def lstm_run(
    seed: int,
    K: int,
    D: int,
    H: int,
    B: int,
    forget_bias: float,
    radius: float = 1.0,
    input_scale: float = 1.0,
) -> LSTMRun:
    """WARMUP + K steps of an LSTM initialised by the matched rule, loss on the last."""
    T = WARMUP + K
    p = lstm.init(np.random.default_rng([seed, 0]), D, H, forget_bias, radius)
    zeros = np.zeros((B, H))
    cache = lstm.forward(p, inputs(seed, T, B, D, input_scale), zeros, zeros)
    return LSTMRun(p, cache, last_step_upstream(seed, T, B, H))


def rnn_run(
    seed: int, K: int, D: int, H: int, B: int, radius: float, input_scale: float = 1.0
) -> RNNRun:
    """WARMUP + K steps of a tanh RNN initialised by the matched rule."""
    T = WARMUP + K
    p = rnn.init(np.random.default_rng([seed, 0]), D, H, radius)
    cache = rnn.forward(p, inputs(seed, T, B, D, input_scale), np.zeros((B, H)))
    return RNNRun(p, cache, last_step_upstream(seed, T, B, H))


def norms_by_lag(dh: np.ndarray, K: int) -> np.ndarray:
    """(T+1, B, H) indexed by t -> (K+1,) batch mean of ‖dh_t‖ at lag k = T - t."""
    return np.linalg.norm(dh, axis=-1).mean(axis=-1)[::-1][: K + 1]


def geometric_mean(rows: np.ndarray, axis: int = 0) -> np.ndarray:
    with np.errstate(divide="ignore"):
        return np.exp(np.mean(np.log(rows), axis=axis))
