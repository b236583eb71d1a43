"""A stage of the build: one feature, its typed options, the MkDocs hooks it needs; the
one `study-wiki` plugin (study_wiki/plugin.py) calls the stages' hooks in its order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from mkdocs.config.base import Config
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig

from study_wiki.core.switches import Switch

if TYPE_CHECKING:
    from study_wiki.core.paths import Project
    from study_wiki.model import SiteModel

C = TypeVar("C", bound=Config)


class NoOptions(Config):
    """The options of a stage that has none: it always runs."""


class SwitchOnly(Config):
    """The options of a stage that has none but its switch."""

    enabled = Switch()


@dataclass(frozen=True)
class Run:
    """What MkDocs was asked to do: `build`, `gh-deploy` or `serve` (--dirty or not)."""

    command: str = "build"
    dirty: bool = False

    @property
    def serving(self) -> bool:
        return self.command == "serve"


@dataclass(eq=False)
class Stage(Generic[C]):
    """A feature's state for one build. `kept` survives the rebuilds of one `mkdocs
    serve` (what pages a dirty rebuild does not render gave, such as feed entries);
    `site` is the build's site model, `project` the folder of its mkdocs.yml.
    `extension` names the feature's Python-Markdown extension, listed in mkdocs.yml for
    engines without the plugin: under MkDocs the plugin takes it out, and the stage
    adds its own or does the work itself."""

    config: C
    run: Run
    kept: dict[str, Any]
    site: SiteModel
    project: Project
    extension: ClassVar[str | None] = None


def add_deferred_script(config: MkDocsConfig, uri: str) -> None:
    """Adds the site's script `uri` to every page, loaded with `defer` (none is worth
    blocking the first paint), unless the configuration lists it already."""
    if uri in [str(script) for script in config.extra_javascript]:
        return
    script = ExtraScriptValue(uri)
    script.defer = True
    config.extra_javascript.append(script)
