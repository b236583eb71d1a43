"""Where things are: the project being built, paths as an author sees them, the caches.

The project is the folder of the mkdocs.yml being built (tests build copies of it),
never the folder this package was installed from. Caches live in `.wiki-cache/`, a
folder of the project's own that no site generator cleans (`make clean` does).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from study_wiki.confinement import child_environment
from study_wiki.core.portable import portable_path

CACHE_DIR_NAME = ".wiki-cache"
# The checkout this package is installed from (editable install): the default
# project of the command-line tools, as the scripts/ folder's repository was.
CHECKOUT = Path(__file__).resolve().parents[2]


class HasSourcePath(Protocol):
    @property
    def abs_src_path(self) -> str | None: ...
    @property
    def src_path(self) -> str: ...


@dataclass(frozen=True)
class Project:
    root: Path

    @classmethod
    def at(cls, root: Path | str) -> Project:
        return cls(Path(root).resolve())

    @classmethod
    def of_config(cls, config: object) -> Project:
        """The project of a loaded MkDocs configuration: its mkdocs.yml's folder."""
        config_file = getattr(config, "config_file_path", None)
        return cls.at(Path(config_file).parent if config_file else Path.cwd())

    @property
    def snippets(self) -> Path:
        return self.root / "snippets"

    @property
    def cache(self) -> Path:
        return self.root / CACHE_DIR_NAME

    def cache_dir(self, name: str) -> Path:
        return self.cache / name

    def shown(self, path: str | Path) -> str:
        """`path` relative to the project root when it is inside it (docs/..., snippets/...)."""
        path = Path(path).resolve()
        return portable_path(
            path.relative_to(self.root) if path.is_relative_to(self.root) else path
        )

    def source_path(self, file: HasSourcePath) -> str:
        return self.shown(file.abs_src_path or file.src_path)

    def python_env(self, **extra: str) -> dict[str, str]:
        """The environment of contributor code (a figure snippet, a notebook kernel):
        no secrets (confinement.py), the project first on PYTHONPATH so that it
        imports this project's `snippets`."""
        path = os.pathsep.join(filter(None, [str(self.root), os.environ.get("PYTHONPATH")]))
        return child_environment(**extra) | {"PYTHONPATH": path}
