"""mkdocs.yml read as plain data, without running its !ENV and !!python tags (they
become None), for tools that only look, such as the new-note command reading the
blog's options."""

from __future__ import annotations

from pathlib import Path

import yaml


class ConfigEditError(LookupError):
    """The configuration does not have what a tool expected."""


class _PlainLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its !ENV and !!python tags."""


_PlainLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_config(root: Path) -> dict:
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=_PlainLoader) or {}


def blog_options(config: dict) -> dict:
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "blog" in plugin:
            return plugin["blog"] or {}
    return {}


def plugin_entry(config: dict, name: str) -> tuple[int, dict | None]:
    """Index of plugin `name` in config["plugins"] and its options (None when it has none)."""
    for index, entry in enumerate(config.get("plugins") or []):
        if entry == name:
            return index, None
        if isinstance(entry, dict) and name in entry:
            return index, entry[name]
    raise ConfigEditError(f"mkdocs.yml has no plugin '{name}'")
