"""Environments of the same settings share compiled templates; other settings do not."""

from __future__ import annotations

from pathlib import Path

import jinja2

from study_wiki.core.compiled_templates import reuse_compiled

TEMPLATE = "{% if true %}\n  {{ word | upper }}\n{% endif %}\n"


def environment(folder: Path, **settings) -> jinja2.Environment:
    return reuse_compiled(jinja2.Environment(loader=jinja2.FileSystemLoader(folder), **settings))


def test_the_same_settings_share_compiled_code_and_other_settings_get_their_own(
    tmp_path: Path,
) -> None:
    (tmp_path / "t.html").write_text(TEMPLATE, encoding="utf-8")
    plain, again = environment(tmp_path), environment(tmp_path)
    trimmed = environment(tmp_path, trim_blocks=True, lstrip_blocks=True)
    assert plain.bytecode_cache is again.bytecode_cache
    assert trimmed.bytecode_cache is not plain.bytecode_cache
    assert plain.get_template("t.html").render(word="a") == "\n  A\n"
    assert trimmed.get_template("t.html").render(word="a") == "  A\n"
    assert again.get_template("t.html").render(word="b") == "\n  B\n"


def test_a_filter_of_another_function_is_another_setting(tmp_path: Path) -> None:
    """The optimizer folds a filter of a constant into the compiled code."""
    (tmp_path / "t.html").write_text("{{ 'ab' | shout }}", encoding="utf-8")
    one = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path))
    one.filters["shout"] = str.upper
    other = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path))
    other.filters["shout"] = str.title
    assert reuse_compiled(one).get_template("t.html").render() == "AB"
    assert reuse_compiled(other).get_template("t.html").render() == "Ab"
