"""Every wait on a page condition in the browser tests is a function.

Playwright compiles a function once, outside the page's rules, but polls a bare
expression through `eval`, which the site's Content-Security-Policy forbids: such a
wait passes when the condition already holds and fails under load when it does not.
"""

from __future__ import annotations

import ast

from tests.support.project import ROOT

WAITS = ("wait_for_function",)


def bare_expression_waits(source: str) -> list[int]:
    """Lines where a wait gets a string literal that is not a JavaScript function."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in WAITS or not node.args:
            continue
        first = node.args[0]
        text = first.value if isinstance(first, ast.Constant) else None
        if isinstance(first, ast.JoinedStr):
            text = "".join(p.value for p in first.values if isinstance(p, ast.Constant))
        if isinstance(text, str) and "=>" not in text and not text.lstrip().startswith("function"):
            lines.append(first.lineno)
    return lines


def test_the_check_finds_a_bare_expression_and_accepts_functions():
    source = (
        'page.wait_for_function("document.body.dataset.x === 1")\n'
        'page.wait_for_function("() => document.body.dataset.x === 1")\n'
        'page.wait_for_function(f"sel => {x}.ok", arg=1)\n'
        'page.wait_for_function("function () { return true; }")\n'
    )
    assert bare_expression_waits(source) == [1]


def test_no_browser_test_waits_on_a_bare_expression():
    found = []
    for file in sorted(
        [*ROOT.joinpath("tests").rglob("*.py"), *ROOT.joinpath("benchmarks").rglob("*.py")]
    ):
        for line in bare_expression_waits(file.read_text(encoding="utf-8")):
            found.append(f"{file.relative_to(ROOT)}:{line}: write the condition as `() => ...`")
    assert not found, "\n".join(found)
