"""The site's own scripts join mkdocs.yml's `extra_javascript` in one way."""

from __future__ import annotations

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig


def add_deferred_script(config: MkDocsConfig, uri: str) -> None:
    """Adds `uri` to every page, loaded with `defer` (none of the site's scripts is
    worth blocking the first paint), unless the configuration lists it already."""
    if uri in [str(script) for script in config.extra_javascript]:
        return
    script = ExtraScriptValue(uri)
    script.defer = True
    config.extra_javascript.append(script)
