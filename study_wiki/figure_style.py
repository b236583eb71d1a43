"""The figures' font and style, the same on every build machine: Pretendard 1.3.9
(OFL-1.1, in study_wiki/fonts/) registered with matplotlib by path, so no system font
is ever used; maths labels use the DejaVu fonts inside matplotlib."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

FONT_DIR = Path(__file__).parent / "fonts"
FONT_FILES = ("Pretendard-Regular.otf", "Pretendard-Bold.otf")

RC_PARAMS: dict[RcKeyType, object] = {
    "axes.unicode_minus": False,
    "mathtext.fontset": "dejavusans",
    "svg.fonttype": "path",
    "svg.hashsalt": "study-wiki",
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
}

# What a notebook kernel runs before the notebook's own cells: the same fonts
# and rcParams as the snippets, SVG output, and alt text from each figure's labels.
NOTEBOOK_SETUP = """\
%matplotlib inline
%config InlineBackend.figure_formats = ["svg"]
%config InlineBackend.print_figure_kwargs = {"bbox_inches": "tight", "metadata": {"Date": None}}
from study_wiki.figure_style import setup_notebook_kernel as _setup
_setup()
del _setup
"""


class FontMissing(RuntimeError):
    """A font file of the repository is gone from the checkout."""


def font_paths() -> list[Path]:
    paths = [FONT_DIR / name for name in FONT_FILES]
    missing = [f"study_wiki/fonts/{path.name}" for path in paths if not path.is_file()]
    if missing:
        raise FontMissing(
            f"the figures' font is missing ({', '.join(missing)}): it is part of the "
            "repository; `git checkout -- study_wiki/fonts` brings it back"
        )
    return paths


def apply_figure_style() -> None:
    """Register the bundled fonts with matplotlib, dropping any installed font of the same
    family so a machine's own copy is never chosen, and set the rcParams every figure of the
    site is drawn with (the bundled families first)."""
    import matplotlib
    from matplotlib import font_manager

    paths = font_paths()
    families: list[str] = []
    for path in paths:
        font_manager.fontManager.addfont(str(path))
        name = font_manager.FontProperties(fname=str(path)).get_name()
        if name not in families:
            families.append(name)
    ours = {str(path) for path in paths}
    font_manager.fontManager.ttflist = [
        entry
        for entry in font_manager.fontManager.ttflist
        if entry.name not in families or entry.fname in ours
    ]
    matplotlib.rcParams.update(RC_PARAMS)
    matplotlib.rcParams["font.family"] = [*families, "DejaVu Sans"]


def figure_description(fig) -> str:
    """Alt text from what the figure itself says: titles, axis labels, legend entries."""
    parts = []
    if fig._suptitle is not None and fig._suptitle.get_text():
        parts.append(fig._suptitle.get_text())
    for ax in fig.axes:
        legend = ax.get_legend()
        entries = [text.get_text() for text in legend.get_texts()] if legend else []
        pieces = [
            ax.get_title(),
            f"가로축 {ax.get_xlabel()}" if ax.get_xlabel() else "",
            f"세로축 {ax.get_ylabel()}" if ax.get_ylabel() else "",
            f"범례 {', '.join(entries)}" if entries else "",
        ]
        parts.append(", ".join(piece for piece in pieces if piece))
    text = "; ".join(part for part in parts if part)
    return f"그림: {plain_maths(text)}" if text else "그림"


MATH_SYMBOLS = {
    r"\|": "‖",
    r"\partial": "∂",
    r"\prod": "∏",
    r"\sum": "∑",
    r"\odot": "⊙",
    r"\sigma": "σ",
    r"\rho": "ρ",
    r"\lambda": "λ",
    r"\alpha": "α",
    r"\cdot": "·",
    r"\times": "×",
    r"\leq": "≤",
    r"\geq": "≥",
    r"\approx": "≈",
    r"\to": "→",
}


def plain_maths(text: str) -> str:
    """Mathtext labels as a screen reader can read them: `$\\|\\partial L\\|$` -> `‖∂L‖`."""
    for command, symbol in MATH_SYMBOLS.items():
        text = text.replace(command, symbol)
    text = re.sub(r"\\(mathrm|mathbf|mathit|text|operatorname)", "", text)
    return re.sub(r"[$\\{}]", "", text).replace("  ", " ")


def setup_notebook_kernel() -> None:
    """Inside a notebook kernel: the figure style, and alt text on every SVG figure."""
    from IPython import get_ipython
    from matplotlib.figure import Figure

    apply_figure_style()
    svg = get_ipython().display_formatter.formatters["image/svg+xml"]
    draw = svg.lookup_by_type(Figure)
    svg.for_type(Figure, lambda fig: (draw(fig), {"alt": figure_description(fig)}))
