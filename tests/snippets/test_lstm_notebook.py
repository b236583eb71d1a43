"""The LSTM notebook readers download: it runs in an empty folder with only numpy and
matplotlib, shows no missing glyphs there, and computes what snippets/nn/lstm.py does."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import jupytext
import numpy as np
import pytest
from packaging.requirements import Requirement

from snippets.nn import lstm
from study_wiki.figure_style import font_paths
from tests.support.project import ROOT

NOTEBOOK = ROOT / "docs" / "notebooks" / "lstm-gradient-lab.py"
HANGUL = "가-힣"

DRIVER = r"""
import json, re, sys, warnings
site, mode, font = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, site)
found = {}
for name in ("snippets", "study_wiki", "IPython", "jupytext", "scipy"):
    try:
        __import__(name)
        found[name] = True
    except ImportError:
        found[name] = False
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib import font_manager
from matplotlib.text import Text
if mode == "no-hangul":
    manager = font_manager.fontManager
    manager.ttflist = [f for f in manager.ttflist if f.name.startswith("DejaVu")]
elif mode == "bundled":
    font_manager.fontManager.addfont(font)
texts, figures = [], []
def show(*args, **kwargs):
    for number in plt.get_fignums():
        fig = plt.figure(number)
        fig.savefig(f"figure-{len(figures)}.svg", format="svg")
        figures.append(number)
        texts.extend(t.get_text() for t in fig.findobj(Text) if t.get_text())
    plt.close("all")
plt.show = show
namespace = {"__name__": "__main__"}
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    for source in json.load(open("cells.json", encoding="utf-8")):
        exec(compile(source, "notebook", "exec"), namespace)
print(json.dumps({
    "imports": found,
    "font": namespace.get("FONT"),
    "figures": len(figures),
    "texts": texts,
    "warnings": [str(w.message) for w in caught],
    "path": [p for p in sys.path if "site-packages" in p or "dist-packages" in p],
}, ensure_ascii=False))
"""


def code_cells() -> list[str]:
    notebook = jupytext.read(NOTEBOOK)
    return [cell.source for cell in notebook.cells if cell.cell_type == "code"]


def distributions(names: tuple[str, ...]) -> list[metadata.Distribution]:
    """The distributions `names` need to run, their dependencies included (no extras)."""
    seen: dict[str, metadata.Distribution] = {}
    todo = list(names)
    while todo:
        dist = metadata.distribution(todo.pop())
        key = dist.metadata["Name"].lower().replace("_", "-")
        if key in seen:
            continue
        seen[key] = dist
        for line in dist.requires or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return list(seen.values())


def clean_site(folder: Path) -> Path:
    """A site-packages folder holding numpy, matplotlib and what they import, nothing else."""
    site = folder / "site-packages"
    site.mkdir()
    for dist in distributions(("numpy", "matplotlib")):
        tops = {Path(str(f)).parts[0] for f in dist.files or [] if not str(f).startswith("..")}
        for top in sorted(tops):
            source = Path(dist.locate_file(top))
            if source.exists() and not (site / top).exists():
                (site / top).symlink_to(source)
    return site


@pytest.fixture(scope="module")
def take_home(tmp_path_factory: pytest.TempPathFactory):
    """Runs the notebook's code in an empty folder with a clean sys.path; returns a runner."""
    base = tmp_path_factory.mktemp("take-home")
    site = clean_site(base)

    def run(mode: str) -> dict:
        folder = base / mode
        (folder / "mpl").mkdir(parents=True)
        (folder / "cells.json").write_text(json.dumps(code_cells()), encoding="utf-8")
        (folder / "driver.py").write_text(DRIVER, encoding="utf-8")
        env = {
            "PATH": os.defpath,
            "HOME": str(folder),
            "MPLCONFIGDIR": str(folder / "mpl"),
            "LANG": "C.UTF-8",
            "PYTHONIOENCODING": "utf-8",
        }
        bundled = str(font_paths()[0])
        # -I: no user site, no PYTHONPATH, not the working folder; -S: no site-packages
        command = [sys.executable, "-I", "-S", "driver.py", str(site), mode, bundled]
        result = subprocess.run(
            command, cwd=folder, env=env, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, result.stderr[-3000:]
        report = json.loads(result.stdout.strip().splitlines()[-1])
        report["clean_site"] = str(site)
        return report

    return run


@pytest.mark.parametrize("mode", ["no-hangul", "bundled", "machine"])
def test_the_notebook_runs_in_an_empty_folder_with_numpy_and_matplotlib(take_home, mode) -> None:
    report = take_home(mode)
    # the clean environment really is clean: none of the project's code is importable
    assert report["imports"] == {
        "snippets": False,
        "study_wiki": False,
        "IPython": False,
        "jupytext": False,
        "scipy": False,
    }
    assert report["path"] == [report["clean_site"]], "only the clean site-packages"
    assert report["figures"] == 2
    missing = [w for w in report["warnings"] if "missing from font" in w]
    assert not missing, missing
    hangul = [t for t in report["texts"] if re.search(f"[{HANGUL}]", t)]
    if mode == "no-hangul":
        assert report["font"] is None
        assert not hangul, "labels fall back to text DejaVu Sans has"
    elif mode == "bundled":
        assert report["font"] == "Pretendard"
        assert hangul, "with a Hangul font the labels are Korean"
    else:
        assert bool(hangul) == (report["font"] is not None)


def notebook_namespace() -> dict:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    namespace: dict = {"__name__": "notebook"}
    show = plt.show
    plt.show = lambda *a, **k: plt.close("all")
    try:
        for source in code_cells():
            exec(compile(source, str(NOTEBOOK), "exec"), namespace)
    finally:
        plt.show = show
    return namespace


def test_the_notebook_computes_what_the_tested_module_does() -> None:
    nb = notebook_namespace()
    rng = np.random.default_rng(3)
    D, H, B, T = 3, 4, 2, 7
    p = nb["init"](rng, D, H, forget_bias=0.7, radius=1.3)
    p["b"] += rng.standard_normal(4 * H) * 0.3
    xs = rng.standard_normal((T, B, D))
    h0, c0 = rng.standard_normal((B, H)), rng.standard_normal((B, H))
    v = rng.standard_normal((B, H))
    parts = {name: np.split(p[name], 4, axis=-1) for name in ("W_x", "W_h", "b")}
    fields = {}
    for j, k in enumerate(lstm.GATES):
        fields[f"W_x{k}"], fields[f"W_h{k}"], fields[f"b_{k}"] = (
            parts["W_x"][j],
            parts["W_h"][j],
            parts["b"][j],
        )
    params = lstm.LSTMParams(**fields)
    mine = nb["forward"](p, xs, h0, c0)
    theirs = lstm.forward(params, xs, h0, c0)
    np.testing.assert_allclose(mine["hs"], theirs.hs, rtol=1e-13)
    np.testing.assert_allclose(mine["cs"], theirs.cs, rtol=1e-13)
    dhs = np.zeros_like(theirs.hs)
    dhs[-1] = v
    for cell_path in (True, False):
        back = nb["backward"](p, mine, v, cell_path)
        ref = lstm.backward(params, theirs, dhs, cell_path=cell_path)
        np.testing.assert_allclose(back["dh"], ref.dh, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(back["dc"], ref.dc, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(back["grads"]["W_h"], lstm.stacked(ref.params)[1], rtol=1e-12)
    # the notebook's own init follows the page's rule: orthogonal × r per gate
    for block in np.split(p["W_h"], 4, axis=1):
        np.testing.assert_allclose(np.linalg.svd(block)[1], 1.3)
