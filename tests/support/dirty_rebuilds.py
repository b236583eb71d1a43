"""The builds of `mkdocs serve --dirty`, without the server, with each file saved at a
chosen moment of a build: `python dirty_rebuilds.py PLAN OUT`, run in the project.

A first build; then for each step of the PLAN (a JSON list of {"saves": [{"path",
"data": base64 or null to delete, "event": the MkDocs event the save lands just
before}, ...], "page": the built file to copy}), the build during which the files are
saved and the build the watcher starts for the saves, after which "page" is copied to
OUT/<number>.html. A build that fails is printed and the next one runs, as under
`mkdocs serve`.
"""

from __future__ import annotations

import base64
import json
import logging
import shutil
import sys
import tempfile
import traceback
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import PluginCollection

SERVE_URL = "http://127.0.0.1:8000/study-wiki/"


def main(plan_file: str, out: str) -> None:
    plan = json.loads(Path(plan_file).read_text(encoding="utf-8"))
    printed = logging.StreamHandler()
    printed.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logging.getLogger("mkdocs").addHandler(printed)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    site = tempfile.mkdtemp(prefix="mkdocs_")
    pending: list[dict] = []
    run_event = PluginCollection.run_event

    def saving(self, name, *args, **kwargs):
        while pending and pending[0]["event"] == name:
            save(pending.pop(0))
        return run_event(self, name, *args, **kwargs)

    PluginCollection.run_event = saving
    try:
        started = False
        for number, step in enumerate([None, *plan]):
            if step is not None:
                pending.extend(step["saves"])
            for _ in range(1 if step is None else 2):
                print(f"build for save {number - 1}", file=sys.stderr)
                config = load_config("mkdocs.yml", site_dir=site)  # as serve's builder
                if not started:
                    config.plugins.on_startup(command="serve", dirty=True)
                    started = True
                config.site_url = SERVE_URL
                try:
                    build(config, serve_url=SERVE_URL, dirty=True)
                except Exception:  # serve prints it and waits for the next save
                    traceback.print_exc()
                if pending:
                    raise SystemExit(f"no {pending[0]['event']!r} event in a build")
            if step is not None:
                shutil.copy(Path(site) / step["page"], Path(out) / f"{number - 1}.html")
        config.plugins.on_shutdown()
    finally:
        shutil.rmtree(site, ignore_errors=True)


def save(step: dict) -> None:
    path = Path(step["path"])
    if step["data"] is None:
        path.unlink()
    else:
        path.write_bytes(base64.b64decode(step["data"]))


if __name__ == "__main__":
    main(*sys.argv[1:])
