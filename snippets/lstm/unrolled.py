"""A one-unit LSTM unrolled over two steps: every backward path, classified and summed.

With one unit every quantity is a number. x = 0, so a step depends on the
recurrent weights and biases only (chosen values below). Within step s:

    f_s = σ(w_hf h_{s-1} + b_f),  i_s = σ(w_hi h_{s-1}),  o_s = σ(w_ho h_{s-1}),
    c̃_s = tanh(w_hc h_{s-1}),  c_s = f_s c_{s-1} + i_s c̃_s,  h_s = o_s tanh(c_s)

and the unrolled graph has four kinds of edge, each with its local derivative:

    c_{s-1} -> c_s   f_s                       (conveyor edge)
    c_s -> h_s       δ_s = o_s (1 - tanh² c_s)
    h_{s-1} -> c_s   G_s = c_{s-1} f_s(1-f_s) w_hf + c̃_s i_s(1-i_s) w_hi + i_s(1-c̃_s²) w_hc
    h_{s-1} -> h_s   O_s = tanh(c_s) o_s(1-o_s) w_ho   (through the output gate)

A path from (c_{t-2} or h_{t-2}) to h_t is worth the product of its edges; the
paths into h_t add up to (J_t J_{t-1}) of the page. Kinds as on the page:
hidden-only (no conveyor edge), pure cell (conveyor edges, no h in between),
mixed (both).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch

from snippets.common import sigmoid
from snippets.style import PALETTE, TINTS

W = {"f": 0.5, "i": -1.0, "o": 1.0, "c": 2.0}  # w_hf, w_hi, w_ho, w_hc
BIAS = {"f": 1.0, "i": 0.0, "o": 0.0, "c": 0.0}
C0, H0 = 1.0, 0.5  # c_{t-2}, h_{t-2}
KINDS = ("hidden", "cell", "mixed")
KIND_NAMES = {"hidden": "은닉 상태 전용", "cell": "순수 셀 상태(컨베이어)", "mixed": "섞인 경로"}
KIND_COLOURS = {
    "hidden": PALETTE["vermillion"],
    "cell": PALETTE["blue"],
    "mixed": PALETTE["purple"],
}


def step(h_prev: float, c_prev: float) -> dict[str, float]:
    f = sigmoid(W["f"] * h_prev + BIAS["f"])
    i = sigmoid(W["i"] * h_prev + BIAS["i"])
    o = sigmoid(W["o"] * h_prev + BIAS["o"])
    g = np.tanh(W["c"] * h_prev + BIAS["c"])
    c = f * c_prev + i * g
    h = o * np.tanh(c)
    return {k: float(v) for k, v in dict(f=f, i=i, o=o, g=g, c=c, h=h).items()}


def edges(h_prev: float, c_prev: float) -> dict[str, float]:
    """The local derivatives of one step: f, δ, G, O (see the module docstring)."""
    s = step(h_prev, c_prev)
    f, i, o, g, c = s["f"], s["i"], s["o"], s["g"], s["c"]
    return {
        "f": f,
        "delta": o * (1.0 - np.tanh(c) ** 2),
        "G": c_prev * f * (1 - f) * W["f"] + g * i * (1 - i) * W["i"] + i * (1 - g**2) * W["c"],
        "O": np.tanh(c) * o * (1 - o) * W["o"],
    }


@dataclass(frozen=True)
class Path:
    start: str  # "c" or "h": the state at t-2 the path starts from
    nodes: tuple[str, ...]  # e.g. ("h0", "c1", "c2", "h2"): state and step 0 = t-2, 2 = t
    kind: str  # one of KINDS
    value: float


def classify(nodes: tuple[str, ...]) -> str:
    conveyor = any(a[0] == b[0] == "c" for a, b in zip(nodes, nodes[1:], strict=False))
    through_h = any(n[0] == "h" for n in nodes[1:-1])
    if not conveyor:
        return "hidden"
    return "mixed" if through_h else "cell"


@cache
def paths() -> tuple[Path, ...]:
    """Every path from c_{t-2} or h_{t-2} to h_t, with its value."""
    first = step(H0, C0)
    e = {1: edges(H0, C0), 2: edges(first["h"], first["c"])}

    def edge(a: str, b: str) -> float:
        s = int(b[1])  # the step the edge belongs to
        if a[0] == b[0] == "c":
            return e[s]["f"]
        if a[0] == "c":  # c_s -> h_s
            return e[s]["delta"]
        return e[s]["G"] if b[0] == "c" else e[s]["O"]

    # successors in the forward graph (a node feeds these)
    succ = {
        "c0": ("c1",),
        "h0": ("c1", "h1"),
        "c1": ("c2", "h1"),
        "h1": ("c2", "h2"),
        "c2": ("h2",),
    }

    def walk(node: str) -> list[tuple[str, ...]]:
        if node == "h2":
            return [(node,)]
        return [(node, *rest) for nxt in succ[node] for rest in walk(nxt)]

    out = []
    for start in ("h0", "c0"):
        for nodes in walk(start):
            value = float(np.prod([edge(a, b) for a, b in zip(nodes, nodes[1:], strict=False)]))
            out.append(Path(start[0], nodes, classify(nodes), value))
    return tuple(out)


def jacobian(h_prev: float, c_prev: float) -> np.ndarray:
    """J_s in the page's order ((c, h) to (c, h)): [[f, G], [δ f, O + δ G]]."""
    e = edges(h_prev, c_prev)
    return np.array([[e["f"], e["G"]], [e["delta"] * e["f"], e["O"] + e["delta"] * e["G"]]])


def two_step_jacobian() -> np.ndarray:
    first = step(H0, C0)
    return jacobian(first["h"], first["c"]) @ jacobian(H0, C0)


def by_differences(eps: float = 1e-6) -> np.ndarray:
    """(∂h_t/∂c_{t-2}, ∂h_t/∂h_{t-2}) by central differences of two steps."""

    def h_t(c: float, h: float) -> float:
        s = step(h, c)
        return step(s["h"], s["c"])["h"]

    return np.array(
        [
            (h_t(C0 + eps, H0) - h_t(C0 - eps, H0)) / (2 * eps),
            (h_t(C0, H0 + eps) - h_t(C0, H0 - eps)) / (2 * eps),
        ]
    )


def sums() -> dict[tuple[str, str], float]:
    """(start, kind) -> the sum of that kind's paths."""
    out = {}
    for p in paths():
        out[p.start, p.kind] = out.get((p.start, p.kind), 0.0) + p.value
    return out


def alt_values() -> dict[str, str]:
    s = sums()
    J = two_step_jacobian()
    return {
        "n_h": f"{sum(p.start == 'h' for p in paths())}",
        "n_c": f"{sum(p.start == 'c' for p in paths())}",
        "hh_hidden": f"{s['h', 'hidden']:.3f}",
        "hh_cell": f"{s['h', 'cell']:.3f}",
        "hc_cell": f"{s['c', 'cell']:.3f}",
        "hc_mixed": f"{s['c', 'mixed']:.3f}",
        "dh_dh": f"{J[1, 1]:.3f}",
        "dh_dc": f"{J[1, 0]:.3f}",
    }


POSITION = {f"{k}{s}": (s * 2.2, 1.8 if k == "c" else 0.0) for k in "ch" for s in range(3)}
LABEL = {f"{k}{s}": f"${k}_{{{['t-2', 't-1', 't'][s]}}}$" for k in "ch" for s in range(3)}
ALL_EDGES = (
    ("c0", "c1"),
    ("h0", "c1"),
    ("h0", "h1"),
    ("c1", "h1"),
    ("c1", "c2"),
    ("h1", "c2"),
    ("h1", "h2"),
    ("c2", "h2"),
)


def _arrow(ax, a: str, b: str, colour: str, lw: float, rad: float = 0.0) -> None:
    ax.add_patch(
        FancyArrowPatch(
            POSITION[a],
            POSITION[b],
            arrowstyle="-|>",
            mutation_scale=11,
            lw=lw,
            color=colour,
            shrinkA=17,
            shrinkB=17,
            connectionstyle=f"arc3,rad={rad}",
        )
    )


def figure() -> Figure:
    s = sums()
    fig = Figure(figsize=(7.5, 3.0), layout="constrained")
    axes = fig.subplots(1, 3)
    for ax, kind in zip(axes, KINDS, strict=True):
        used = {
            (a, b)
            for p in paths()
            if p.kind == kind
            for a, b in zip(p.nodes, p.nodes[1:], strict=False)
        }
        for a, b in ALL_EDGES:
            rad = 0.25 if (a, b) in (("h0", "h1"), ("h1", "h2")) else 0.0
            on = (a, b) in used
            _arrow(ax, a, b, KIND_COLOURS[kind] if on else "0.8", 2.2 if on else 0.8, rad)
        for node, (x, y) in POSITION.items():
            face = TINTS["orange"] if node[0] == "c" else TINTS["sky"]
            ax.add_patch(Circle((x, y), 0.42, fc=face, ec="0.4", zorder=3))
            ax.text(x, y, LABEL[node], ha="center", va="center", fontsize=10, zorder=4)
        ax.set_xlim(-0.6, 5.0)
        ax.set_ylim(-1.3, 2.3)
        ax.set_aspect("equal")
        ax.set_axis_off()
        count = {st: sum(p.kind == kind and p.start == st for p in paths()) for st in "hc"}
        lines = []
        for st in "hc":
            if count[st]:
                lines.append(f"${st}_{{t-2}}$에서: 경로 {count[st]}개, 합 {s[st, kind]:+.3f}")
        ax.set_title(KIND_NAMES[kind], fontsize=10, color=KIND_COLOURS[kind])
        ax.text(2.2, -0.95, "\n".join(lines), ha="center", va="center", fontsize=8.5)
    fig.text(
        0.5,
        0.01,
        r"간선의 값: $c\to c$ 는 $f_s$ (가중치 없음), $c\to h$ 는 $\delta_s$, "
        r"$h\to c$ 는 $G_s$ ($w_{hf}, w_{hi}, w_{hc}$), $h\to h$ 는 $O_s$ ($w_{ho}$)",
        ha="center",
        va="bottom",
        fontsize=8.5,
        color="0.25",
    )
    fig.suptitle(
        r"유닛 하나짜리 LSTM을 두 단계 펼친 그래프: $h_t$로 가는 경로 (화살표는 순전파 방향)",
        fontsize=10,
    )
    return fig
