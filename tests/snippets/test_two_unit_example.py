"""The worked two-unit J_t on the LSTM page: its numbers are the snippet's, and right."""

from __future__ import annotations

import re

import numpy as np

from snippets.lstm import two_unit_example as example
from tests.support.project import ROOT

QUANTITIES = ("f", "i", "o", "g", "c", "h", "delta", "coef_o", "coef_f", "coef_i", "coef_c", "J")


def page_block() -> str:
    text = (ROOT / "docs" / "topics" / "lstm-practice.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- two-unit-example -->(.*?)<!-- /two-unit-example -->", text, re.S)
    assert match, "the example block markers are missing from the page"
    return match.group(1)


def test_jacobian_matches_central_differences() -> None:
    J = example.example()["J"]
    np.testing.assert_allclose(J, example.jacobian_by_differences(), atol=1e-8)
    # the weight-free blocks: ∂c/∂c = diag(f), ∂h/∂c = diag(δ ⊙ f)
    e = example.example()
    np.testing.assert_allclose(J[:2, :2], np.diag(e["f"]))
    np.testing.assert_allclose(J[2:, :2], np.diag(e["delta"] * e["f"]))


def test_every_number_on_the_page_is_computed() -> None:
    block = page_block()
    printed = re.findall(r"-?\d+\.\d{3}\b", block)
    computed = [v for name in QUANTITIES for v in example.rounded(name)]
    assert printed, "no three-decimal numbers found in the example"
    assert set(printed) <= set(computed), sorted(set(printed) - set(computed))
    # every entry of J_t is printed, in order, row by row
    J_rows = re.search(r"J_t =(.*?)\\end\{pmatrix\}", block, re.S).group(1)
    assert re.findall(r"-?\d+\.\d{3}", J_rows) == example.rounded("J")


def test_pre_activations_quoted_on_the_page() -> None:
    block = page_block()
    h = example.H_PREV
    for gate, fn in (("f", r"\sigma"), ("i", r"\sigma"), ("o", r"\sigma"), ("c", r"\tanh")):
        a = example.W[gate] @ h + example.BIAS[gate]
        quoted = f"{fn}({a[0]:g},\\,{a[1]:g})"
        assert quoted in block, quoted
