"""YAML from contributors, loaded with limits on size, nesting depth and alias expansion.

PyYAML shares an aliased value instead of copying it: a few hundred bytes of nested
anchors become gigabytes once anything copies or serialises them. The document is
composed into nodes and measured with every alias expanded before any Python object
is made; nesting is measured first on the parser's flat event stream, since composing
deep nesting recurses.
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


def _fail(node: yaml.Node | yaml.Event, problem: str) -> YAMLLimitError:
    mark = node.start_mark
    if not isinstance(mark, yaml.Mark):  # an event of libyaml's parser: its line is enough
        line, column = getattr(mark, "line", 0), getattr(mark, "column", 0)
        mark = yaml.Mark("<yaml>", 0, line, column, None, 0)
    return YAMLLimitError(problem=problem, problem_mark=mark)


def _too_deep(limits: Limits) -> str:
    return f"is nested more than {limits.max_depth} levels deep: flatten the lists and mappings"


def check_nesting(text: str, loader: type, limits: Limits = Limits()) -> None:
    """Raise YAMLLimitError when a list or mapping opens deeper than `limits` allows."""
    depth = 0
    instance = loader(text)
    try:
        while instance.check_event():
            event = instance.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                if depth > limits.max_depth:
                    raise _fail(event, _too_deep(limits))
                depth += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        instance.dispose()


def check_node(root: yaml.Node, limits: Limits = Limits()) -> None:
    """Raise YAMLLimitError when the node graph, aliases expanded, is too deep or big."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()

    def size(node: yaml.Node, depth: int) -> int:
        if depth > limits.max_depth:
            raise _fail(node, _too_deep(limits))
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


def compose(text: str, loader: type = yaml.SafeLoader, limits: Limits = Limits()) -> Any:
    """Like `yaml.compose(text, loader)` for one document, within `limits`."""
    return _checked(text, loader, limits, lambda instance, node: node)


def load(text: str, loader: type = yaml.SafeLoader, limits: Limits = Limits()) -> Any:
    """Like `yaml.load(text, loader)` for one document, within `limits`."""
    return _checked(text, loader, limits, lambda instance, node: instance.construct_document(node))


def describe(error: yaml.YAMLError) -> tuple[int, str]:
    """The line (from 1) of a YAML error in its document, and what to do about it.

    An unclosed `[`, `{` or quote is found where the parser gives up, often lines
    later: the line where it was opened is the one to fix."""
    mark = getattr(error, "problem_mark", None)
    context = getattr(error, "context", None) or ""
    if context.startswith(("while parsing a flow", "while scanning a quoted")):
        mark = getattr(error, "context_mark", None) or mark
    line = mark.line + 1 if mark else 1
    if isinstance(error, YAMLLimitError):
        return line, str(error.problem)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    return line, f"is not valid YAML ({problem}): fix the syntax"


def _checked(text: str, loader: type, limits: Limits, make: Any) -> Any:
    if len(text.encode("utf-8")) > limits.max_bytes:
        mark = yaml.Mark("<yaml>", 0, 0, 0, "", 0)
        raise YAMLLimitError(
            problem=f"is larger than {limits.max_bytes // 1024} KiB: keep it short",
            problem_mark=mark,
        )
    check_nesting(text, loader, limits)
    instance = loader(text)
    try:
        node = instance.get_single_node()
        if node is None:
            return None
        check_node(node, limits)
        return make(instance, node)
    finally:
        instance.dispose()
