"""Runs one figure snippet in its own process and saves its figure as SVG.

Usage: python run_snippet.py ROOT SNIPPET OUTPUT.svg
The snippet module must define `figure() -> matplotlib.figure.Figure`.
On failure the last stderr line is `SNIPPET-ERROR {json}` naming the snippet's
file and line, so the build can point the author at the right place.
"""

import importlib
import json
import sys
import traceback
from pathlib import Path

from study_wiki.limits import limit_this_process, memory_limit_mb
from study_wiki.snippet_errors import check_figure, describe, error_location

ERROR_MARKER = "SNIPPET-ERROR "

RC_PARAMS = {
    "font.family": ["Noto Sans CJK JP", "DejaVu Sans"],
    "axes.unicode_minus": False,
    "svg.fonttype": "path",
    "svg.hashsalt": "study-wiki",
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
}


def module_name(root: Path, snippet: Path) -> str:
    return ".".join(snippet.resolve().relative_to(root).with_suffix("").parts)


def snippet_frame(error: BaseException, snippets_dir: Path) -> tuple[str, int]:
    """The innermost traceback frame inside snippets/, else the innermost one."""
    frames = traceback.extract_tb(error.__traceback__)
    inside = [f for f in frames if Path(f.filename).resolve().is_relative_to(snippets_dir)]
    frame = (inside or frames)[-1]
    return frame.filename, frame.lineno or 0


def main(root: Path, snippet: Path, output: Path) -> int:
    # Python put hooks/ first on the path; snippets must see the repository instead.
    sys.path[0] = str(root)
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams.update(RC_PARAMS)
    try:
        module = importlib.import_module(module_name(root, snippet))
        if not callable(getattr(module, "figure", None)):
            raise AttributeError(f"{snippet.name} defines no figure() function")
        fig = module.figure()
        check_figure(fig, module.figure)
        fig.savefig(output, format="svg", metadata={"Date": None})
    except Exception as error:  # noqa: BLE001 - reported to the build, then exit 1
        traceback.print_exc()
        filename, line = error_location(error) or snippet_frame(error, root / "snippets")
        report = {
            "file": filename,
            "line": line,
            "error": describe(error),
        }
        print(ERROR_MARKER + json.dumps(report, ensure_ascii=False), file=sys.stderr)
        return 1
    return 0


def die_with_parent() -> None:
    """Ask Linux to kill this process when the build that started it dies."""
    try:
        import ctypes
        import signal

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux: the build's own cleanup still kills snippets on Ctrl-C


if __name__ == "__main__":
    die_with_parent()
    limit_this_process(memory_limit_mb())
    root_arg, snippet_arg, output_arg = sys.argv[1:4]
    sys.exit(main(Path(root_arg).resolve(), Path(snippet_arg).resolve(), Path(output_arg)))
