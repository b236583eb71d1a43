"""Every claim the LSTM page makes about an experiment, recomputed on seeds it does not show.

Each figure module states the page's claims as `claims(...) -> {name: bool}` and
checks them on the shown seeds while the site builds (the build stops if one
fails). Here the same claims must hold on other seeds: a claim that held only
for the seeds on the page would be a property of those seeds, not of the set-up.
"""

from __future__ import annotations

import re

import pytest

from snippets.lstm import (
    forget_products,
    grad_by_lag,
    lag_sum,
    long_lag,
    path_split,
    recurrent_scale,
    trained,
)
from snippets.nn import runs
from tests.support.project import ROOT

HELD_OUT = runs.HELD_OUT_SEEDS


def test_held_out_seeds_are_not_the_shown_ones() -> None:
    assert not set(HELD_OUT) & set(runs.SHOWN_SEEDS)
    assert not set(trained.HELD_OUT) & set(trained.SEEDS)
    assert len(HELD_OUT) >= len(runs.SHOWN_SEEDS)


CLAIMS = {
    "grad_by_lag": lambda seeds: grad_by_lag.claims(grad_by_lag.curves(seeds)),
    "recurrent_scale": lambda seeds: recurrent_scale.claims(recurrent_scale.sweep(seeds)),
    "path_split": lambda seeds: path_split.claims(path_split.norms(seeds)),
    "long_lag": long_lag.claims,
    "forget_products": forget_products.claims,
    "lag_sum": lambda seeds: lag_sum.claims(lag_sum.data(seeds)),
}


@pytest.mark.parametrize("name", CLAIMS)
def test_claims_hold_on_held_out_seeds(name: str) -> None:
    results = CLAIMS[name](HELD_OUT)
    assert results, f"{name} states no claims"
    failed = [claim for claim, holds in results.items() if not holds]
    assert not failed, f"{name}: {failed} do not hold on seeds {HELD_OUT}"


@pytest.mark.parametrize("name", CLAIMS)
def test_claims_hold_on_the_shown_seeds(name: str) -> None:
    results = CLAIMS[name](runs.SHOWN_SEEDS)
    assert all(results.values()), [c for c, ok in results.items() if not ok]


def test_trained_claims_hold_on_held_out_seeds() -> None:
    results = trained.claims(trained.HELD_OUT)
    failed = [claim for claim, holds in results.items() if not holds]
    assert not failed, f"trained: {failed} do not hold on seeds {trained.HELD_OUT}"


def test_claims_can_fail() -> None:
    # the same predicates on a set-up they do not describe: b_f = 0 in place of b_f = 3
    c = grad_by_lag.curves(runs.SHOWN_SEEDS)
    swapped = grad_by_lag.Curves(c.rnn, {**c.lstm, (3.0, 1.0): c.lstm[0.0, 1.0]}, c.rnn_state)
    assert not grad_by_lag.claims(swapped)["lstm_b3_stays_within"]


CLAIM_NOTE = re.compile(r"<!-- claims: ([^>]*?) -->")


def stated_claims() -> set[str]:
    """The claims the page ties its sentences to, as `module.claim`."""
    text = "".join(
        (ROOT / "docs" / "topics" / name).read_text(encoding="utf-8")
        for name in ("lstm.md", "lstm-practice.md")
    )
    return {name for note in CLAIM_NOTE.findall(text) for name in note.split()}


def test_every_claim_is_stated_on_the_page_and_every_stated_claim_exists() -> None:
    """A sentence's `<!-- claims: ... -->` names the predicates that check it."""
    defined = {f"{name}.{claim}" for name in CLAIMS for claim in CLAIMS[name](runs.SHOWN_SEEDS)}
    defined |= {f"trained.{claim}" for claim in trained.claims()}
    stated = stated_claims()
    assert stated - defined == set(), "the page names claims no module checks"
    assert defined - stated == set(), "a module checks a claim no sentence states"
