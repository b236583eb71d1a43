"""`study-wiki build --engine zensical`: the site built by Zensical, Material for MkDocs'
successor (the pinned version), failing with every problem and missing feature named.
Why it runs Zensical this way: ARCHITECTURE.md, "Engines".
"""

from __future__ import annotations

import importlib.util
import logging
import subprocess
import sys
import sysconfig
from pathlib import Path

from study_wiki.core import host
from study_wiki.core.atomic_file import holds, write_text_atomic
from study_wiki.core.config_file import ConfigEditError, plugin_entry, read_config
from study_wiki.core.paths import CACHE_DIR_NAME, CHECKOUT

VERSION = "0.0.73"
ENVIRONMENT = CHECKOUT / CACHE_DIR_NAME / "zensical"
PROBE = "import importlib.metadata as m, sysconfig; print(m.version('zensical'))"
PROBE += "; print(sysconfig.get_path('purelib'))"


def build(root: Path) -> int:
    if importlib.util.find_spec("lxml") is None:
        print(
            "study-wiki build: the check of the built site's features reads it with lxml, "
            "which the tests' environment has: run `python -m study_wiki install test`, "
            "then build again",
            file=sys.stderr,
        )
        return 1
    python = environment()
    if python is None:
        return 1
    built = subprocess.run([str(python), "-m", __name__, str(root / "mkdocs.yml")], cwd=root)
    config = read_config(root)
    site = root / (config.get("site_dir") or "site")
    check = [sys.executable, str(CHECKOUT / "scripts" / "engine_check.py"), str(site)]
    check += ["--engine", f"Zensical {VERSION}"]
    try:
        plugin_entry(config, "study-wiki")
    except ConfigEditError:
        check.append("--without-plugin")
    checked = subprocess.run(check, cwd=root)
    return 1 if built.returncode or checked.returncode else 0


def environment() -> Path | None:
    """Zensical's Python (installed first if it is not), with the site's packages added
    as a site folder (the editable install of study_wiki is a .pth in it); None, after
    saying why, when pip cannot install it."""
    python = host.venv_python(ENVIRONMENT)
    probe = _probe(python)
    if probe is None:
        where = ENVIRONMENT.relative_to(CHECKOUT)
        print(f"study-wiki build: installing zensical=={VERSION} into {where}/", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(ENVIRONMENT)], check=True)
        pip = [str(python), "-m", "pip", "install", "--quiet", f"zensical=={VERSION}"]
        if subprocess.run(pip).returncode != 0 or (probe := _probe(python)) is None:
            print(
                f"study-wiki build: pip could not install zensical=={VERSION} (its message is "
                "above): check the network or the package index, then build again",
                file=sys.stderr,
            )
            return None
    ours = sysconfig.get_path("purelib")
    pth, line = Path(probe) / "site-env.pth", f"import site; site.addsitedir({ours!r})\n"
    if not holds(pth, line):
        write_text_atomic(pth, line)
    return python


def _probe(python: Path) -> str | None:
    """The environment's site folder, if it has the pinned Zensical."""
    if not python.exists():
        return None
    found = subprocess.run([str(python), "-c", PROBE], capture_output=True, text=True)
    lines = found.stdout.splitlines()
    return lines[1] if found.returncode == 0 and lines[:1] == [VERSION] else None


class Counted(logging.StreamHandler):
    """Prints each record as MkDocs does, and counts them."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)
        self.setLevel(logging.WARNING)
        self.setFormatter(logging.Formatter("%(levelname)-8s -  %(message)s"))
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        super().emit(record)


def run(config: Path) -> int:
    """Zensical's build, in Zensical's environment, with the problems logged counted."""
    import zensical

    counted = Counted()
    logging.getLogger("mkdocs").addHandler(counted)  # the site's loggers are under it
    status = 0
    try:
        zensical.build(str(config.resolve()), {"clean": True, "strict": False})
    except RuntimeError as error:  # an extension raised: Zensical shows the first one
        print(f"zensical build: {error}", file=sys.stderr)
        status = 1
    if counted.count:
        print(
            f"zensical build: aborted with {counted.count} problem(s) in the site's "
            "sources, each named above with how to fix it",
            file=sys.stderr,
        )
        status = 1
    return status


if __name__ == "__main__":
    sys.exit(run(Path(sys.argv[1])))
