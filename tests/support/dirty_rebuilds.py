"""The builds of `mkdocs serve --dirty`, without the server, with each file saved at a
chosen moment of a build, run in the test's process as serve runs them in its own.

A first build; then for each step (saves, page), the build during which the files are
saved, each just before its MkDocs event, and the build the watcher starts for the
saves, after which `page` as that build left it is the step's page. A build that fails
is printed and the next one runs, as under `mkdocs serve`.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import traceback
from pathlib import Path

from tests.support.once import expect_builds
from tests.support.project import as_a_process

SERVE_URL = "http://127.0.0.1:8000/study-wiki/"
Save = tuple[str, bytes | None, str]  # path, bytes (None: deleted), event it lands before


def dirty_rebuilds(
    project: Path, steps: list[tuple[list[Save], str]], env: dict[str, str]
) -> tuple[list[str], str]:
    """Each step's page, and the builds' log."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.plugins import PluginCollection

    expect_builds()
    pending: list[Save] = []
    run_event = PluginCollection.run_event

    def saving(self, name, *args, **kwargs):
        while pending and pending[0][2] == name:
            save(*pending.pop(0)[:2])
        return run_event(self, name, *args, **kwargs)

    pages = []
    logger = logging.getLogger("mkdocs")
    level = logger.level
    site = Path(tempfile.mkdtemp(prefix="mkdocs_"))
    with as_a_process(project, env) as (_, stderr):
        printed = logging.StreamHandler(stderr)
        printed.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(printed)
        logger.setLevel(logging.INFO)
        PluginCollection.run_event = saving
        config = None
        try:
            for number, step in enumerate([None, *steps]):
                if step is not None:
                    pending.extend(step[0])
                for _ in range(1 if step is None else 2):
                    print(f"build for save {number - 1}", file=stderr)
                    config = load_config("mkdocs.yml", site_dir=str(site))  # as serve's builder
                    if number == 0:
                        config.plugins.on_startup(command="serve", dirty=True)
                    config.site_url = SERVE_URL
                    try:
                        build(config, serve_url=SERVE_URL, dirty=True)
                    except Exception:  # serve prints it and waits for the next save
                        traceback.print_exc(file=stderr)
                    if pending:
                        raise AssertionError(f"no {pending[0][2]!r} event in a build")
                if step is not None:
                    pages.append((site / step[1]).read_text(encoding="utf-8"))
        finally:
            if config is not None:
                config.plugins.on_shutdown()
            PluginCollection.run_event = run_event
            logger.removeHandler(printed)
            logger.setLevel(level)
            shutil.rmtree(site, ignore_errors=True)
    return pages, stderr.getvalue()


def save(path: str, data: bytes | None) -> None:
    if data is None:
        Path(path).unlink()
    else:
        Path(path).write_bytes(data)
