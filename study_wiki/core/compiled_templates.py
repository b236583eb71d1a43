"""Jinja templates compiled once per process and reused by every environment of the same
settings (MkDocs makes the theme's anew for each build of `mkdocs serve`); Jinja still
compiles again a template whose file changed."""

from __future__ import annotations

import jinja2
from jinja2.bccache import Bucket


class CompiledTemplates(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


_compiled: dict[tuple, CompiledTemplates] = {}
COMPILER_SETTINGS = (
    *(
        f"{part}_{end}_string"
        for part in ("block", "variable", "comment")
        for end in ("start", "end")
    ),
    *("line_statement_prefix", "line_comment_prefix", "trim_blocks", "lstrip_blocks"),
    *("newline_sequence", "keep_trailing_newline", "optimized"),
)


def _name(value: object) -> str:
    return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value))}"


def reuse_compiled(env: jinja2.Environment) -> jinja2.Environment:
    """`env`, loading the templates earlier environments of its settings compiled; the
    settings are what Jinja's compiler reads (syntax, extensions, autoescaping, `finalize`,
    and the filters and tests it may fold into constants)."""
    settings = (
        type(env.loader).__name__,
        tuple(sorted(env.extensions)),
        *(getattr(env, name) for name in COMPILER_SETTINGS),
        env.autoescape if isinstance(env.autoescape, bool) else _name(env.autoescape),
        _name(env.finalize),
        tuple(sorted((name, _name(f)) for name, f in env.filters.items())),
        tuple(sorted((name, _name(f)) for name, f in env.tests.items())),
    )
    env.bytecode_cache = _compiled.setdefault(settings, CompiledTemplates())
    return env
