"""Runs one figure snippet in its own process and saves its figure as SVG.

`python -m study_wiki.figures.child ROOT SNIPPET OUTPUT.svg`, with ROOT on PYTHONPATH
so that `snippets` is the project's. The snippet defines `figure()` returning a
matplotlib Figure, and may define `alt_values() -> dict[str, str]` (saved in the SVG's
description for the alt text). On failure the last stderr line is
`SNIPPET-ERROR {json}` naming the snippet's file and line.
"""

import importlib
import json
import sys
import traceback
import warnings
from collections.abc import Callable
from pathlib import Path

from study_wiki.core.host import contain_this_process, end_descendants
from study_wiki.core.switches import memory_limit_mb
from study_wiki.figure_style import FontMissing, apply_figure_style, font_paths
from study_wiki.glyph_check import (
    allowed_fonts,
    describe,
    describe_foreign,
    foreign_fonts,
    missing_chars,
)
from study_wiki.messages import LineError, line_of

ERROR_MARKER = "SNIPPET-ERROR "
ALT_PREFIX = "alt-values:"


class FigureReturnError(TypeError):
    def __init__(self, message: str, filename: str, line: int) -> None:
        super().__init__(message)
        self.filename = filename
        self.line = line


def check_figure(fig: object, figure: Callable[[], object]) -> None:
    """Raise FigureReturnError, naming `figure()`'s own line, unless fig is a Figure."""
    if callable(getattr(fig, "savefig", None)):
        return
    code = figure.__code__
    raise FigureReturnError(
        f"figure() returned {type(fig).__name__}, not a matplotlib Figure: "
        "end figure() with `return fig`",
        code.co_filename,
        code.co_firstlineno,
    )


def error_location(error: BaseException) -> tuple[str, int] | None:
    """(file, line) for errors whose traceback does not lead to the snippet."""
    if isinstance(error, FigureReturnError):
        return error.filename, error.line
    if isinstance(error, SyntaxError) and error.filename:
        return error.filename, error.lineno or 1
    return None


def describe_error(error: BaseException) -> str:
    if isinstance(error, MemoryError):
        return (
            "MemoryError: the snippet used more memory than its limit and was stopped: "
            "use less (smaller arrays), or raise WIKI_SNIPPET_MEMORY=<MB>"
        )
    if isinstance(error, SyntaxError) and "(unicode error)" in str(error):
        return "is not UTF-8 text: save the file as UTF-8 (in most editors: 'Save with encoding')"
    return f"{type(error).__name__}: {error}"


def check_glyphs(fig, svg: str, warned: list[str], snippet: Path, allowed: set[str]) -> None:
    """Fail on any character that no bundled font has: it would show as tofu."""
    from matplotlib.text import Text

    chars = missing_chars(warned)
    if chars:
        texts = [t.get_text() for t in fig.findobj(Text) if chars[0] in t.get_text()]
        shown = f' (text "{texts[0]}")' if texts else ""
        raise LineError(
            f"{describe(chars)}{shown}: use characters the bundled font has",
            line_of(snippet.read_text(encoding="utf-8"), chars[0]),
        )
    foreign = foreign_fonts(svg, allowed)
    if foreign:
        raise LineError(describe_foreign(foreign), 1)


def module_name(root: Path, snippet: Path) -> str:
    return ".".join(snippet.resolve().relative_to(root).with_suffix("").parts)


def snippet_frame(error: BaseException, snippets_dir: Path) -> tuple[str, int]:
    """The innermost traceback frame inside snippets/, else the innermost one."""
    frames = traceback.extract_tb(error.__traceback__)
    inside = [f for f in frames if Path(f.filename).resolve().is_relative_to(snippets_dir)]
    frame = (inside or frames)[-1]
    return frame.filename, frame.lineno or 0


def svg_metadata(module) -> dict[str, str | None]:
    """SVG metadata: no date (same code, same bytes), and the snippet's alt_values()."""
    metadata: dict[str, str | None] = {"Date": None}
    if callable(getattr(module, "alt_values", None)):
        values = {str(k): str(v) for k, v in module.alt_values().items()}
        metadata["Description"] = ALT_PREFIX + json.dumps(values, ensure_ascii=False)
    return metadata


def main(root: Path, snippet: Path, output: Path) -> int:
    import matplotlib

    matplotlib.use("Agg")
    try:
        apply_figure_style()
        allowed = allowed_fonts(font_paths())
        module = importlib.import_module(module_name(root, snippet))
        if not callable(getattr(module, "figure", None)):
            raise AttributeError(f"{snippet.name} defines no figure() function")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            fig = module.figure()
            check_figure(fig, module.figure)
            fig.savefig(output, format="svg", metadata=svg_metadata(module))
        warned = [str(warning.message) for warning in caught]
        check_glyphs(fig, output.read_text(encoding="utf-8"), warned, snippet, allowed)
    except Exception as error:
        if isinstance(error, (LineError, FontMissing)):
            output.unlink(missing_ok=True)
            filename, line, message = str(snippet), getattr(error, "line", 1), str(error)
        else:
            traceback.print_exc()
            filename, line = error_location(error) or snippet_frame(error, root / "snippets")
            message = describe_error(error)
        report = {"file": filename, "line": line, "error": message}
        print(ERROR_MARKER + json.dumps(report, ensure_ascii=False), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    contain_this_process(memory_limit_mb())
    root_arg, snippet_arg, output_arg = sys.argv[1:4]
    try:
        status = main(Path(root_arg).resolve(), Path(snippet_arg).resolve(), Path(output_arg))
    finally:
        # Nothing the snippet started outlives it, even in a session of its own.
        end_descendants()
    sys.exit(status)
