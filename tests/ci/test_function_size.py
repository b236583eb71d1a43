"""No function in the package is over 60 lines (the complexity half of the rule is
ruff's C901 at 20 in pyproject.toml, the boundary of radon's grade D)."""

from __future__ import annotations

import ast

from tests.support.project import ROOT

MAX_LINES = 60


def long_functions(source: str, name: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            lines = (node.end_lineno or node.lineno) - node.lineno + 1
            if lines > MAX_LINES:
                found.append(f"{name}:{node.lineno}: {node.name} has {lines} lines")
    return found


def test_the_check_counts_a_function_from_def_to_its_last_line():
    body = "".join(f"    x{i} = {i}\n" for i in range(MAX_LINES))
    assert long_functions(f"def short():\n{body[: -len('    x59 = 59') - 1]}", "m") == []
    assert long_functions(f"def long():\n{body}", "m.py") == ["m.py:1: long has 61 lines"]


def test_no_function_in_the_package_is_over_60_lines():
    found = []
    for path in sorted((ROOT / "study_wiki").rglob("*.py")):
        found += long_functions(path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix())
    assert found == [], "split these functions:\n" + "\n".join(found)
