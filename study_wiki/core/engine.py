"""What the engine running the site's Python-Markdown extensions says of the build:
the project, its site folder and the page being converted. Zensical keeps them in a
`rendering_context` preprocessor; plain Python-Markdown says nothing (the project is
the working folder and the extension's options name the rest)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown

from study_wiki.core.paths import Project


@dataclass(frozen=True)
class Rendering:
    project: Project
    site_dir: Path
    page: str  # the page's path in the docs folder; "" when unknown
    options: dict  # the engine's extension options, by extension name


class PageExtension(Extension):
    """One of the site's extensions for an engine without the plugin; `page` names the page
    converted where the engine does not say (plain Python-Markdown)."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {"page": ["", "the page converted, if the engine does not say"]}
        super().__init__(**kwargs)


def rendering(md: Markdown, docs_dir: str = "", page: str = "") -> Rendering:
    found = md.preprocessors
    engine = found["rendering_context"] if "rendering_context" in found else None
    settings = getattr(engine, "config", {})
    docs = docs_dir or settings.get("docs_dir") or "docs"
    project = Project.at(settings.get("root_dir") or ".", docs)
    page = getattr(getattr(engine, "page", None), "path", None) or page
    site_dir = project.root / settings.get("site_dir", "site")
    return Rendering(project, site_dir, page, settings.get("mdx_configs", {}))
