"""Colours and sizes shared by every figure, so the figures look like one set."""

from __future__ import annotations

# Okabe–Ito: distinguishable with the common colour-vision deficiencies
PALETTE = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
}
# Light tints and greys for fills and lines of diagrams
TINTS = {
    "sky": "#cfe6f7",
    "orange": "#fbe3c2",
    "purple": "#f6d6e8",
    "panel": "#f4f4f4",
    "panel_edge": "#9a9a9a",
    "line": "#3b3b3b",
    "line_dark": "#1f1f1f",
}
FIGSIZE = (7.5, 4.2)
