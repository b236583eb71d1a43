"""Synthetic team-scale content: daily notes, figure snippets, notebooks."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from benchmarks import ROOT
from study_wiki.notes.metadata import read_authors
from study_wiki.notes.scaffold import Day, day_files

TAGS = ["LSTM", "RNN", "기울기 소실", "역전파", "트랜스포머", "어텐션", "피어세션", "회고"]
TOPICS = [
    ("lstm-gates", "LSTM 게이트 정리"),
    ("bptt", "BPTT 손으로 풀어 보기"),
    ("clipping", "그래디언트 클리핑 실험"),
    ("attention", "어텐션 복습"),
    ("seq2seq", "seq2seq 구현 회고"),
    ("tokenizer", "토크나이저 비교"),
    ("embedding", "임베딩 공간 살펴보기"),
    ("optimizer", "옵티마이저 비교"),
]

BLOCK_START = re.compile(r"^(?:#|!|\$\$|\||<|\[\^|[-*+] |\d+\. |```|~~~|>|    |\t|\\)")


def lstm_sentences(root: Path = ROOT) -> list[str]:
    """Prose sentences of the LSTM note: inline math kept, links, equation references
    (`@eq:`) and markup left out."""
    text = (root / "docs" / "topics" / "lstm.md").read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[-1]
    paragraphs: list[str] = []
    current: list[str] = []
    for line in body.splitlines():
        if not line.strip() or BLOCK_START.match(line):
            if current:
                paragraphs.append(" ".join(current))
            current = []
        else:
            current.append(line.strip())
    if current:
        paragraphs.append(" ".join(current))
    sentences = []
    for paragraph in paragraphs:
        for sentence in re.split(r"(?<=[.?!])\s+(?=[^$]*(?:\$[^$]*\$[^$]*)*$)", paragraph):
            outside = re.sub(r"\$[^$]+\$", "", sentence)
            if (
                len(sentence) > 15
                and sentence.count("$") % 2 == 0
                and outside.count("**") % 2 == 0
                and not re.search(r"[$\[\]{}<>`|\\@]", outside)
            ):
                sentences.append(sentence)
    return sorted(set(sentences))


def inline_math(rng: np.random.Generator, index: int) -> list[str]:
    k, a = index + 2, int(rng.integers(2, 9))
    return [
        rf"$h_{{{k}}} = o_{{{k}}} \odot \tanh(c_{{{k}}})$",
        rf"$\lVert \nabla_{{W}} L \rVert \le {a}.{index % 10}$",
        rf"$\sigma'(z) \le \tfrac{{1}}{{{4 + index % 3}}}$",
        rf"$f_t \in (0, 1)^{{{16 * a}}}$",
    ]


def display_math(rng: np.random.Generator, index: int) -> list[str]:
    k, a = index + 3, int(rng.integers(2, 9))
    return [
        "$$\n"
        rf"\frac{{\partial c_t}}{{\partial c_{{t-{k}}}}}"
        rf" = \prod_{{j=1}}^{{{k}}} \operatorname{{diag}}\left(f_{{t-j+1}}\right)"
        "\n$$",
        "$$\n"
        rf"g \leftarrow \frac{{{a}}}{{\lVert g \rVert}}\, g"
        rf" \quad \text{{if }} \lVert g \rVert > {a} \quad (n={index})"
        "\n$$",
    ]


def code_block(index: int) -> str:
    return (
        "```python\n"
        "import torch\n\n"
        f"x = torch.randn({index % 7 + 2}, 16)\n"
        f"lstm = torch.nn.LSTM(16, {32 + index % 5 * 8}, batch_first=True)\n"
        "output, (h, c) = lstm(x.unsqueeze(0))\n"
        f"torch.nn.utils.clip_grad_norm_(lstm.parameters(), max_norm={index % 4 + 1}.0)\n"
        "```"
    )


@dataclass(frozen=True)
class Note:
    path: str  # relative to docs/
    text: str
    slug: str
    date: dt.date


def figure_line(index: int) -> str:
    return (
        f"![{index}번 벤치마크 그림: 임의 순환 행렬을 거듭 곱할 때 기울기 노름의 로그]"
        f'(snippet:bench/fig_{index:02d}.py "벤치마크 그림 {index}")'
    )


def make_note(
    index: int,
    sentences: list[str],
    authors: list[str],
    figures: list[int],
    seed: int = 0,
) -> Note:
    """Daily note `index` from the day scaffold's study post, varied with a seeded rng."""
    rng = np.random.default_rng([seed, index])
    date = dt.date(2020, 1, 1) + dt.timedelta(days=index)
    topic, title = TOPICS[index % len(TOPICS)]
    slug = f"{topic}-{index:03d}"
    chosen_authors = sorted(
        str(a) for a in rng.choice(authors, size=int(rng.integers(1, 3)), replace=False)
    )
    tags = sorted(str(t) for t in rng.choice(TAGS, size=int(rng.integers(1, 4)), replace=False))
    day = Day(
        date=date,
        authors=chosen_authors,
        tags=tags,
        slug=slug,
        title=f"{title} ({index}번째 노트)",
        description=f"{title} ({index}번째 노트): 공부한 내용, 피어세션, 학습 회고를 정리했습니다.",
        level=1 + index // 40,
        week=1 + index // 7,
    )
    # The day's study post; its peer-session and retrospective summaries stay in the post
    # so that note sizes, and so the measurements, stay comparable with earlier runs.
    head = next(iter(day_files(day).values()))
    # Drop the template's guidance comments, keep the excerpt separator: real notes
    # keep it, and list views show only the part above it.
    head = re.sub(r"<!--(?! more -->).*?-->\n*", "", head, flags=re.S)

    def prose(count: int) -> str:
        picked = rng.choice(len(sentences), size=count, replace=False)
        return " ".join(sentences[i] for i in picked)

    inline = inline_math(rng, index)
    display = display_math(rng, index)
    study = [
        f"{prose(4)} 오늘 본 식은 {inline[0]} 와 {inline[1]} 입니다.",
        display[0],
        f"{prose(3)} {inline[2]} 이므로 {prose(2)}",
        code_block(index),
        *(figure_line(f) for f in figures),
        f"{prose(3)} 게이트 값은 {inline[3]} 입니다.",
        display[1],
    ]
    text = head.replace("오늘 공부한 내용을 한두 문장으로 요약해 주세요.", prose(2))
    text = text.replace(
        "## 공부한 내용 정리\n", "## 공부한 내용 정리\n\n" + "\n\n".join(study) + "\n"
    )
    text += f"\n## 피어세션 정리\n\n{prose(4)}\n\n## 학습 회고\n\n{prose(3)}\n"
    return Note(f"daily/posts/{date.isoformat()}-{slug}.md", text, slug, date)


SNIPPET = '''\
"""Benchmark figure {index}: log gradient norm through a random recurrent matrix."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

SEED = {seed}
SIZE = {size}  # hidden units
STEPS = {steps}  # time steps back-propagated
GAIN = {gain}


def log_norms(rng: np.random.Generator) -> np.ndarray:
    """log ||W_hh^k|| for k = 1..STEPS, renormalised each step."""
    w_hh = rng.normal(scale=GAIN / np.sqrt(SIZE), size=(SIZE, SIZE))
    grad = np.eye(SIZE)
    out = np.empty(STEPS)
    for step in range(STEPS):
        grad = w_hh @ grad
        norm = np.linalg.norm(grad)
        grad /= norm
        out[step] = np.log(norm)
    return np.cumsum(out)


def figure() -> Figure:
    values = log_norms(np.random.default_rng(SEED))
    fig = Figure(figsize=(6.0, 3.2), layout="constrained")
    ax = fig.add_subplot()
    ax.plot(np.arange(1, STEPS + 1), values, color="#0072B2")
    ax.set_xlabel("거슬러 올라간 시점 수 k")
    ax.set_ylabel("log 기울기 노름")
    ax.set_title("벤치마크 그림 {index} (gain={gain})")
    return fig
'''


def snippet_code(index: int, seed: int = 0) -> str:
    rng = np.random.default_rng([seed, 1000 + index])
    return SNIPPET.format(
        index=index,
        seed=1000 * seed + index,
        size=int(rng.integers(440, 520)),
        steps=int(rng.integers(130, 170)),
        gain=round(float(rng.uniform(0.8, 1.2)), 3),
    )


def notebook_code(index: int, seed: int = 0) -> str:
    """The same figure as a jupytext notebook, drawn the stock way (pyplot)."""
    body = snippet_code(index, seed).split("\n\n\ndef figure()")[0]
    body = body.replace(
        "from matplotlib.figure import Figure\n", "import matplotlib.pyplot as plt\n"
    )
    body = body.split('"""', 2)[2].lstrip()
    return (
        "# ---\n# jupyter:\n#   jupytext:\n#     formats: py:percent\n"
        "#   kernelspec:\n#     display_name: Python 3\n#     language: python\n"
        "#     name: python3\n# ---\n\n"
        f"# %% [markdown]\n# # 벤치마크 노트북 {index}\n\n"
        f"# %%\n{body.strip()}\n\n"
        "# %%\nvalues = log_norms(np.random.default_rng(SEED))\n"
        "fig, ax = plt.subplots(figsize=(6.0, 3.2), layout='constrained')\n"
        "ax.plot(np.arange(1, STEPS + 1), values, color='#0072B2')\n"
        "ax.set_xlabel('k')\nax.set_ylabel('log norm')\nplt.show()\n"
    )


def strip_figures(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if "](snippet:" not in line)


def note_figures(index: int, n: int, m: int) -> list[int]:
    """Every figure is used by one note; every fifth note reuses one more."""
    figures = [index] if index < m else []
    if m and index % 5 == 4:
        figures.append((index * 7) % m)
    return sorted(set(figures))


def make_notes(n: int, m: int, seed: int = 0, root: Path = ROOT) -> list[Note]:
    sentences = lstm_sentences(root)
    authors = sorted(read_authors(root / "docs"))
    return [make_note(i, sentences, authors, note_figures(i, n, m), seed) for i in range(n)]
