"""A schematic of one LSTM cell, with the cell state c drawn as the conveyor belt.

Pure drawing: boxes are the learned layers (σ and tanh gates), circles are
element-wise operations. Geometry is in data units of an equal-aspect axes.
"""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Ellipse, FancyArrowPatch, FancyBboxPatch

from snippets.style import FIGSIZE, PALETTE, TINTS

LINE = TINTS["line"]
CELL_LINE = TINTS["line_dark"]
GLOW = PALETTE["yellow"]
NODE_FILL = TINTS["purple"]  # element-wise operations
GATE_FILL = {"sigma": TINTS["sky"], "tanh": TINTS["orange"]}
GATE_EDGE = {"sigma": PALETTE["blue"], "tanh": PALETTE["orange"]}

Y_CELL = 6.3  # the conveyor
Y_BUS = 1.3  # [h_{t-1}, x_t] runs along here
Y_GATE = 2.7
R = 0.3  # radius of element-wise nodes
GATE_W, GATE_H = 1.0, 0.7

# x positions of the four layers: forget, input, candidate, output
X_F, X_I, X_G, X_O = 4.4, 6.0, 7.4, 9.2
X_TANH = 10.9  # tanh(c_t) and the ⊙ with o_t
Y_MUL_IG = 4.5
Y_TANH = 5.1
Y_MUL_O = 3.7
X_HOUT = 12.4


def _line(ax: Axes, xs, ys, *, color=LINE, lw=1.8, zorder=2) -> None:
    ax.plot(
        xs, ys, color=color, lw=lw, solid_capstyle="round", solid_joinstyle="round", zorder=zorder
    )


def _arrow(ax: Axes, start, end, *, color=LINE, lw=1.8, zorder=3) -> None:
    ax.add_patch(
        FancyArrowPatch(
            start,
            end,
            arrowstyle="-|>",
            mutation_scale=12,
            color=color,
            lw=lw,
            shrinkA=0,
            shrinkB=0,
            zorder=zorder,
        )
    )


def _node(ax: Axes, x: float, y: float, symbol: str) -> None:
    ax.add_patch(
        Circle((x, y), R, facecolor=NODE_FILL, edgecolor=PALETTE["purple"], lw=1.6, zorder=5)
    )
    ax.text(x, y, symbol, ha="center", va="center", fontsize=13, zorder=6)


def _gate(ax: Axes, x: float, kind: str) -> None:
    ax.add_patch(
        FancyBboxPatch(
            (x - GATE_W / 2, Y_GATE - GATE_H / 2),
            GATE_W,
            GATE_H,
            boxstyle="round,pad=0.02,rounding_size=0.12",
            facecolor=GATE_FILL[kind],
            edgecolor=GATE_EDGE[kind],
            lw=1.6,
            zorder=5,
        )
    )
    label = r"$\sigma$" if kind == "sigma" else r"$\tanh$"
    ax.text(x, Y_GATE, label, ha="center", va="center", fontsize=13, zorder=6)


def _label(ax: Axes, x: float, y: float, text: str, **kw) -> None:
    kw = {"ha": "center", "va": "center", "fontsize": 12, "zorder": 7} | kw
    ax.text(x, y, text, **kw)


def figure() -> Figure:
    fig = Figure(figsize=FIGSIZE)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(-0.2, 15.2)
    ax.set_ylim(-0.55, 7.95)
    ax.set_aspect("equal")
    ax.axis("off")

    # the cell's body
    ax.add_patch(
        FancyBboxPatch(
            (2.0, 0.55),
            11.2,
            6.7,
            boxstyle="round,pad=0,rounding_size=0.5",
            facecolor=TINTS["panel"],
            edgecolor=TINTS["panel_edge"],
            lw=1.2,
            zorder=0,
        )
    )

    # cell state: c_{t-1} -> ⊙ f -> + i⊙c̃ -> c_t, highlighted
    ax.plot(
        [0.6, 14.4],
        [Y_CELL, Y_CELL],
        color=GLOW,
        lw=16,
        alpha=0.75,
        solid_capstyle="round",
        zorder=1,
    )
    _line(ax, [0.6, X_F - R], [Y_CELL] * 2, color=CELL_LINE, lw=3.2)
    _line(ax, [X_F + R, X_G - R], [Y_CELL] * 2, color=CELL_LINE, lw=3.2)
    _arrow(ax, (X_G + R, Y_CELL), (14.6, Y_CELL), color=CELL_LINE, lw=3.2)
    _label(ax, 0.35, Y_CELL + 0.55, r"$c_{t-1}$", fontsize=14)
    _label(ax, 14.6, Y_CELL + 0.55, r"$c_t$", fontsize=14)
    _label(
        ax,
        5.9,
        Y_CELL + 0.62,
        "셀 상태: 곱 하나, 합 하나만 거치는 '컨베이어 벨트'",
        fontsize=12,
        color="0.15",
    )

    # the bus that feeds [h_{t-1}, x_t] to every layer
    _line(ax, [0.6, X_O], [Y_BUS, Y_BUS])
    _label(ax, 0.35, Y_BUS + 0.45, r"$h_{t-1}$", fontsize=14)
    _line(ax, [2.9, 2.9], [-0.3, Y_BUS])
    ax.plot([2.9], [Y_BUS], "o", color=LINE, ms=5, zorder=4)
    _label(ax, 2.9, -0.42, r"$x_t$", fontsize=14, va="center")
    for x in (X_F, X_I, X_G, X_O):
        _arrow(ax, (x, Y_BUS), (x, Y_GATE - GATE_H / 2 - 0.02))

    for x, kind in ((X_F, "sigma"), (X_I, "sigma"), (X_G, "tanh"), (X_O, "sigma")):
        _gate(ax, x, kind)

    # forget gate: f_t ⊙ c_{t-1}
    _arrow(ax, (X_F, Y_GATE + GATE_H / 2), (X_F, Y_CELL - R))
    _node(ax, X_F, Y_CELL, "×")
    _label(ax, X_F - 0.35, 4.2, r"$f_t$", ha="right")

    # input gate and candidate: i_t ⊙ c̃_t, added onto the cell line
    _line(ax, [X_I, X_I], [Y_GATE + GATE_H / 2, Y_MUL_IG])
    _arrow(ax, (X_I, Y_MUL_IG), (X_G - R, Y_MUL_IG))
    _arrow(ax, (X_G, Y_GATE + GATE_H / 2), (X_G, Y_MUL_IG - R))
    _node(ax, X_G, Y_MUL_IG, "×")
    _arrow(ax, (X_G, Y_MUL_IG + R), (X_G, Y_CELL - R))
    _node(ax, X_G, Y_CELL, "+")
    _label(ax, X_I - 0.35, 3.75, r"$i_t$", ha="right")
    _label(ax, X_G + 0.35, 3.6, r"$\tilde{c}_t$", ha="left")

    # output: h_t = o_t ⊙ tanh(c_t)
    _arrow(ax, (X_TANH, Y_CELL), (X_TANH, Y_TANH + 0.27))
    ax.plot([X_TANH], [Y_CELL], "o", color=CELL_LINE, ms=5, zorder=4)
    ax.add_patch(
        Ellipse(
            (X_TANH, Y_TANH),
            1.0,
            0.54,
            facecolor=NODE_FILL,
            edgecolor=PALETTE["purple"],
            lw=1.6,
            zorder=5,
        )
    )
    _label(ax, X_TANH, Y_TANH, r"$\tanh$", fontsize=11)
    _arrow(ax, (X_TANH, Y_TANH - 0.27), (X_TANH, Y_MUL_O + R))
    _line(ax, [X_O, X_O], [Y_GATE + GATE_H / 2, Y_MUL_O])
    _arrow(ax, (X_O, Y_MUL_O), (X_TANH - R, Y_MUL_O))
    _node(ax, X_TANH, Y_MUL_O, "×")
    _label(ax, X_O - 0.35, 3.35, r"$o_t$", ha="right")

    # h_t leaves to the next step (right) and as the output (top)
    _line(ax, [X_TANH + R, X_HOUT], [Y_MUL_O, Y_MUL_O])
    _line(ax, [X_HOUT, X_HOUT], [Y_MUL_O, Y_BUS])
    _arrow(ax, (X_HOUT, Y_BUS), (14.6, Y_BUS))
    ax.plot([X_HOUT], [Y_MUL_O], "o", color=LINE, ms=5, zorder=4)
    ax.plot(
        [X_HOUT, X_HOUT],
        [Y_CELL - 0.42, Y_CELL + 0.42],
        color="white",
        lw=7,
        zorder=2.5,
        solid_capstyle="butt",
    )  # a bridge over the cell line
    _arrow(ax, (X_HOUT, Y_MUL_O), (X_HOUT, 7.75))
    _label(ax, X_HOUT + 0.45, 7.55, r"$h_t$", fontsize=14, ha="left")
    _label(ax, 14.6, Y_BUS + 0.45, r"$h_t$", fontsize=14)

    # legend for the two kinds of boxes
    ax.add_patch(
        FancyBboxPatch(
            (10.2, -0.45),
            0.5,
            0.32,
            boxstyle="round,pad=0,rounding_size=0.08",
            facecolor=GATE_FILL["sigma"],
            edgecolor=GATE_EDGE["sigma"],
            lw=1.2,
        )
    )
    _label(ax, 10.85, -0.29, "학습되는 층", fontsize=11, ha="left")
    ax.add_patch(
        Circle((12.9, -0.29), 0.17, facecolor=NODE_FILL, edgecolor=PALETTE["purple"], lw=1.2)
    )
    _label(ax, 13.15, -0.29, "성분별 연산", fontsize=11, ha="left")
    return fig
