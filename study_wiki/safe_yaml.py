"""YAML from contributors, loaded with limits on size, nesting depth and alias expansion.

PyYAML shares an aliased value instead of copying it, so a few hundred bytes of
nested anchors (`a: &a [x, x]`, `b: &b [*a, *a]`, ...) load quickly but become
gigabytes as soon as anything copies or serialises them (the schema check, the
blog plugin, the search index). The document is composed into nodes first and
measured with every alias expanded, before any Python object is made.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

MAX_BYTES = 64 * 1024
MAX_DEPTH = 20
MAX_VALUES = 10_000


class YAMLLimitError(yaml.MarkedYAMLError):
    """The document is valid YAML but too big, too deep or expands too far."""

    problem: str
    problem_mark: yaml.Mark

    def __init__(self, problem: str, problem_mark: yaml.Mark) -> None:
        super().__init__(problem=problem, problem_mark=problem_mark)


@dataclass(frozen=True)
class Limits:
    max_bytes: int = MAX_BYTES
    max_depth: int = MAX_DEPTH
    max_values: int = MAX_VALUES


def _fail(node: yaml.Node, problem: str) -> YAMLLimitError:
    return YAMLLimitError(problem=problem, problem_mark=node.start_mark)


def check_node(root: yaml.Node, limits: Limits = Limits()) -> None:
    """Raise YAMLLimitError when the node graph, aliases expanded, is too deep or big."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()

    def size(node: yaml.Node, depth: int) -> int:
        if depth > limits.max_depth:
            raise _fail(
                node,
                f"is nested more than {limits.max_depth} levels deep: flatten the lists "
                "and mappings",
            )
        key = id(node)
        if key in sizes:  # an alias: its whole value counts again
            return sizes[key]
        if key in open_nodes:
            raise _fail(node, "an alias (*name) refers to the value that contains it")
        open_nodes.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            children = node.value
        elif isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        else:
            children = []
        for child in children:
            total += size(child, depth + 1)
            if total > limits.max_values:
                raise _fail(
                    node,
                    f"expands to more than {limits.max_values} values (anchors `&name` "
                    "and aliases `*name` repeat whole values): write the values out "
                    "once, without aliases",
                )
        open_nodes.discard(key)
        sizes[key] = total
        return total

    size(root, 0)


def load(text: str, loader: type = yaml.SafeLoader, limits: Limits = Limits()) -> Any:
    """Like `yaml.load(text, loader)` for one document, within `limits`."""
    if len(text.encode("utf-8")) > limits.max_bytes:
        mark = yaml.Mark("<yaml>", 0, 0, 0, "", 0)
        raise YAMLLimitError(
            problem=f"is larger than {limits.max_bytes // 1024} KiB: keep it short",
            problem_mark=mark,
        )
    instance = loader(text)
    try:
        node = instance.get_single_node()
        if node is None:
            return None
        check_node(node, limits)
        return instance.construct_document(node)
    finally:
        instance.dispose()
