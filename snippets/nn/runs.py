"""Random networks on random inputs: the set-up every gradient figure shares.

One seed fixes the weights, the inputs and the upstream gradient, so two
figures (or a figure and a test) that ask for the same run get the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from snippets.nn import lstm, rnn


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
    T: int,
    D: int,
    H: int,
    B: int,
    forget_bias: float,
    input_scale: float = 1.0,
) -> LSTMRun:
    """A freshly initialised LSTM run from h_0 = c_0 = 0, loss on the last step."""
    p = lstm.init(np.random.default_rng([seed, 0]), D, H, forget_bias=forget_bias)
    zeros = np.zeros((B, H))
    cache = lstm.forward(p, inputs(seed, T, B, D, input_scale), zeros, zeros)
    return LSTMRun(p, cache, last_step_upstream(seed, T, B, H))


def rnn_run(
    seed: int,
    T: int,
    D: int,
    H: int,
    B: int,
    radius: float,
    input_scale: float = 1.0,
) -> RNNRun:
    """A tanh RNN with orthogonal W_hh scaled to ``radius``, from h_0 = 0."""
    rng = np.random.default_rng([seed, 0])
    p = rnn.init(rng, D, H, spectral_radius_hh=radius, orthogonal=True)
    cache = rnn.forward(p, inputs(seed, T, B, D, input_scale), np.zeros((B, H)))
    return RNNRun(p, cache, last_step_upstream(seed, T, B, H))


def norms_by_lag(dh: np.ndarray) -> np.ndarray:
    """(T+1, B, H) indexed by t -> batch mean of ‖dh_t‖, indexed by lag k = T - t."""
    return np.linalg.norm(dh, axis=2).mean(axis=1)[::-1]
