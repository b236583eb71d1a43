"""Where a figure snippet went wrong, for errors its own frames do not locate.

Used by the snippet runner (a separate process): a syntax error is raised by the
import machinery, and a `figure()` that returns something other than a Figure
fails later inside the runner, so the traceback points at neither line.
"""

from __future__ import annotations

from collections.abc import Callable


class FigureReturnError(TypeError):
    """figure() returned something that cannot be saved as a figure."""

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


def describe(error: BaseException) -> str:
    """The message shown for a snippet's error."""
    if isinstance(error, MemoryError):
        return (
            "MemoryError: the snippet used more memory than its limit and was stopped: "
            "use less (smaller arrays), or raise WIKI_SNIPPET_MEMORY=<MB>"
        )
    if isinstance(error, SyntaxError) and "(unicode error)" in str(error):
        return "is not UTF-8 text: save the file as UTF-8 (in most editors: 'Save with encoding')"
    return f"{type(error).__name__}: {error}"
