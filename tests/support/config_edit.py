"""mkdocs.yml and .nav.yml of a copied project edited as data (the tests', the
benchmarks'), keeping their !ENV and !!python tags.

`edit_yaml` loads a file keeping every tag, lets a function change the data, and
writes it back; the function raises `ConfigEditError` when what it must change is
not there, so an edit never silently does nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


@dataclass
class Tagged:
    """A value with a tag YAML cannot run safely (!ENV, !!python/...), kept as written."""

    tag: str
    value: Any


class _TagLoader(yaml.SafeLoader):
    pass


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.MappingNode):
        value: Any = loader.construct_mapping(node, deep=True)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        assert isinstance(node, yaml.ScalarNode)
        value = loader.construct_scalar(node)
    return Tagged(node.tag, value)


_TagLoader.add_multi_constructor("!", _construct_tagged)
_TagLoader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)


class _TagDumper(yaml.SafeDumper):
    pass


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value, flow_style=True)
    return dumper.represent_scalar(data.tag, data.value)


_TagDumper.add_representer(Tagged, _represent_tagged)


def edit_yaml(path: Path, change: Callable[[Any], None]) -> None:
    """Load `path` keeping its tags, apply `change` to the data, write it back."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TagLoader)
    change(data)
    path.write_text(
        yaml.dump(data, Dumper=_TagDumper, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
