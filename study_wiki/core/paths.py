"""Where things are: the project is the folder of the mkdocs.yml being built (tests build
copies), never the one this package was installed from; caches live in its `.wiki-cache/`."""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from pathlib import Path

from study_wiki.confinement import child_environment
from study_wiki.core.portable import portable_path

CACHE_DIR_NAME = ".wiki-cache"
# The checkout this package is installed from (editable): the command line's project.
CHECKOUT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Project:
    root: Path
    docs: str = "docs"  # the pages' folder, relative to root

    @classmethod
    def at(cls, root: Path | str, docs: str = "docs") -> Project:
        return cls(Path(root).resolve(), docs)

    @classmethod
    def of_config(cls, config: object) -> Project:
        """The project of a loaded MkDocs configuration: its mkdocs.yml's folder."""
        config_file = getattr(config, "config_file_path", None)
        root = Path(config_file).parent.resolve() if config_file else Path.cwd().resolve()
        docs = Path(getattr(config, "docs_dir", None) or root / "docs").resolve()
        return cls(root, docs.relative_to(root).as_posix() if docs.is_relative_to(root) else "docs")

    @property
    def snippets(self) -> Path:
        return self.root / "snippets"

    @property
    def cache(self) -> Path:
        return self.root / CACHE_DIR_NAME

    def shown(self, path: str | Path) -> str:
        """A file as its author sees it, the one way every message names one: relative
        to the project root with '/' (snippets/lstm/gates.py), else absolute."""
        path = Path(path).resolve()
        return portable_path(
            path.relative_to(self.root) if path.is_relative_to(self.root) else path
        )

    def page(self, src_uri: str) -> str:
        """A page as its author sees it: docs/topics/lstm.md (also a generated page,
        and a notebook page whose rendered file is the executed copy)."""
        return f"{self.docs}/{src_uri}"

    def python_env(self, **extra: str) -> dict[str, str]:
        """The environment of contributor code (a figure snippet, a notebook kernel):
        no secrets (confinement.py), the project first on PYTHONPATH so that it
        imports this project's `snippets`."""
        path = os.pathsep.join(filter(None, [str(self.root), os.environ.get("PYTHONPATH")]))
        return child_environment(**extra) | {"PYTHONPATH": path}


def page_folder(url: str) -> str:
    """The folder a page's relative links start from ("." for the home page)."""
    return posixpath.dirname(url) or "."  # "topics/lstm/" -> "topics/lstm", "" -> "."
