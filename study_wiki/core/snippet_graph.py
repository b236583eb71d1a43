"""Which snippets/ modules a piece of code depends on, and the cache key that follows."""

from __future__ import annotations

import ast
import functools
import hashlib
import sys
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from study_wiki import figure_style
from study_wiki.core.json_cache import file_stamp
from study_wiki.core.paths import Project
from study_wiki.core.portable import source_key
from study_wiki.figure_style import FontMissing, font_paths

KEYED_LIBRARIES = ("numpy", "matplotlib")


def _module_file(root: Path, dotted: str) -> Path | None:
    base = root.joinpath(*dotted.split("."))
    return next((f for f in (base.with_suffix(".py"), base / "__init__.py") if f.is_file()), None)


def _imported_names(tree: ast.AST, package: str) -> set[str]:
    """Dotted names of everything a module imports (and each `from x import y` as x.y)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


@dataclass(frozen=True)
class Module:
    path: Path
    source: bytes
    data_files: tuple[str, ...]  # what it declares it reads: DATA_FILES = ("path", ...)


def _declared_data_files(tree: ast.Module) -> tuple[str, ...]:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "DATA_FILES" for target in node.targets
        ):
            return tuple(str(name) for name in ast.literal_eval(node.value))
    return ()


def snippet_closure(root: Path, source: Path) -> list[Module]:
    """`source` and every module under root/snippets it imports, transitively."""
    seen: dict[Path, Module] = {}
    pending = [source.resolve()]
    while pending:
        path = pending.pop()
        if path in seen:
            continue
        code = path.read_bytes()
        try:
            tree = ast.parse(code, filename=str(path))
        except (SyntaxError, ValueError):
            # Its bytes still key the cache; running it reports the error and its line.
            tree = ast.Module(body=[], type_ignores=[])
        seen[path] = Module(path, code, _declared_data_files(tree))
        relative = path.relative_to(root) if path.is_relative_to(root) else Path(path.name)
        package = ".".join(relative.with_suffix("").parts[:-1])
        for name in _imported_names(tree, package):
            if name != "snippets" and not name.startswith("snippets."):
                continue
            parts = name.split(".")
            # Importing snippets.a.b also runs snippets/__init__ and snippets/a/__init__.
            for depth in range(1, len(parts) + 1):
                found = _module_file(root, ".".join(parts[:depth]))
                if found is not None:
                    pending.append(found.resolve())
    return [seen[path] for path in sorted(seen)]


# The fonts are megabytes: hashed again only when a file's size, time or inode changes.
_font_hashes: dict[tuple, bytes] = {}


def fonts_fingerprint() -> bytes:
    """Hash of the font files and of the figure style: part of every figure's cache key."""
    files = [Path(figure_style.__file__), *font_paths()]
    stamps = tuple((path, file_stamp(path)) for path in files)
    if stamps not in _font_hashes:
        digest = hashlib.sha256(files[0].read_bytes())
        for path in files[1:]:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        _font_hashes[stamps] = digest.hexdigest().encode()
    return _font_hashes[stamps]


@functools.lru_cache(maxsize=1)  # the libraries this process runs with
def environment_fingerprint() -> str:
    libraries = ",".join(f"{name}={version(name)}" for name in KEYED_LIBRARIES)
    return f"python={sys.version_info[:3]};{libraries}"


def cache_key(root: Path, source: Path, *extra: bytes) -> str:
    """Hash of the code that makes an artifact: if it is unchanged, so is the output.
    Names and sources are keyed as Linux writes them (core/portable.py)."""
    digest = hashlib.sha256(environment_fingerprint().encode())
    try:
        digest.update(fonts_fingerprint())
    except FontMissing:
        digest.update(b"(figure font missing: the run reports it)")
    for part in extra:
        digest.update(part)
    shown = Project.at(root).shown
    for module in snippet_closure(root, source):
        digest.update(shown(module.path).encode() + b"\0" + source_key(module.source) + b"\0")
        for data_name in module.data_files:
            data = root / data_name
            content = data.read_bytes() if data.is_file() else b"(missing)"
            digest.update(data_name.encode() + b"\0" + content + b"\0")
    return digest.hexdigest()
