"""Build benchmark at team scale: N synthetic daily notes and M figure snippets.

Copies the real site into a temporary folder, adds generated notes and figures,
times `mkdocs build --strict` in several situations (cold, warm, one edit, the
stock notebook way, `mkdocs serve`), prints a table and writes
benchmarks/results.json and benchmarks/results.md (N=200) or
benchmarks/results-n<N>.json/.md (other N; the scaling chart reads N=500 and 1000).

    .venv/bin/python scripts/bench_build.py               # N=200, M=30, 3 reps
    .venv/bin/python scripts/bench_build.py --notes 1000  # N=1000, M=30, 1 rep, no notebooks
    .venv/bin/python scripts/bench_build.py --quick       # N=20, M=6, 1 rep, to .cache/bench/
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "hooks"))
sys.path.insert(0, str(REPO / "scripts"))

from new_note import blog_options, known_authors, read_config, render  # noqa: E402

SOURCES = ("mkdocs.yml", "docs", "snippets", "hooks", "overrides", "includes", "benchmarks")
DEFAULT_NOTES = 200
# From this many notes on, one repetition and no notebook scenario by default, so
# `--notes 1000` stays one command under ten minutes on two cores.
LARGE_NOTES = 500
SCRATCH = REPO / ".cache" / "bench"
FIGURES_DONE = re.compile(r"figures: (\d+) run, (\d+) cached")
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
TARGETS = {
    "warm_vs_plain": 1.2,
    "page_edit_vs_plain": 1.2,
    "parallel_speedup": 1.6,
    "serve_seconds": 2.0,
    "lstm_page_kb": 300.0,
    "search_index_mb": 2.0,
}


def progress(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# Synthetic content


BLOCK_START = re.compile(r"^(?:#|!|\$\$|\||<|\[\^|[-*+] |\d+\. |```|~~~|>|    |\t|\\)")


def lstm_sentences(root: Path = REPO) -> list[str]:
    """Prose sentences of the LSTM note: inline math kept, links and markup left out."""
    text = (root / "docs" / "topics" / "lstm.md").read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[-1]
    paragraphs, current = [], []
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
                and not re.search(r"[$\[\]{}<>`|\\]", outside)
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
    categories: list[str],
    figures: list[int],
    seed: int = 0,
) -> Note:
    """Daily note `index` from the team template, varied with a seeded rng."""
    rng = np.random.default_rng([seed, index])
    date = dt.date(2020, 1, 1) + dt.timedelta(days=index)
    topic, title = TOPICS[index % len(TOPICS)]
    slug = f"{topic}-{index:03d}"
    chosen_authors = sorted(
        str(a) for a in rng.choice(authors, size=int(rng.integers(1, 3)), replace=False)
    )
    chosen_categories = [c for c in categories if rng.random() < 0.6] or [categories[0]]
    tags = sorted(str(t) for t in rng.choice(TAGS, size=int(rng.integers(1, 4)), replace=False))
    head = render(
        date=date,
        authors=chosen_authors,
        categories=chosen_categories,
        tags=tags,
        slug=slug,
        title=f"{title} ({index}번째 노트)",
        description=f"{title} ({index}번째 노트): 공부한 내용, 피어세션, 학습 회고를 정리했습니다.",
    )
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
    text = text.replace("## 피어세션 정리\n", f"## 피어세션 정리\n\n{prose(4)}\n")
    text = text.replace("## 학습 회고\n", f"## 학습 회고\n\n{prose(3)}\n")
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


def make_notes(n: int, m: int, seed: int = 0, root: Path = REPO) -> list[Note]:
    sentences = lstm_sentences(root)
    authors = known_authors(root)
    categories = list(blog_options(read_config(root)).get("categories_allowed") or [])
    return [
        make_note(i, sentences, authors, categories, note_figures(i, n, m), seed) for i in range(n)
    ]


def copy_project(destination: Path) -> Path:
    destination.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints")
    for name in SOURCES:
        source = REPO / name
        if not source.exists():
            continue
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=ignore)
        else:
            shutil.copy2(source, destination / name)
    (destination / "node_modules").symlink_to(REPO / "node_modules")
    return destination


def write_project(
    destination: Path, notes: list[Note], m: int, *, figures: bool, notebooks: bool, seed: int
) -> Path:
    copy_project(destination)
    for note in notes:
        (destination / "docs" / note.path).write_text(note.text, encoding="utf-8")
    if not figures:
        for page in (destination / "docs").rglob("*.md"):
            text = page.read_text(encoding="utf-8")
            if "](snippet:" in text:
                page.write_text(strip_figures(text), encoding="utf-8")
    bench = destination / "snippets" / "bench"
    bench.mkdir()
    (bench / "__init__.py").write_text('"""Generated benchmark figures."""\n', encoding="utf-8")
    for i in range(m):
        (bench / f"fig_{i:02d}.py").write_text(snippet_code(i, seed), encoding="utf-8")
    if notebooks:
        folder = destination / "docs" / "bench-notebooks"
        folder.mkdir()
        for i in range(m):
            (folder / f"fig-{i:02d}.py").write_text(notebook_code(i, seed), encoding="utf-8")
        config = (destination / "mkdocs.yml").read_text(encoding="utf-8")
        config = config.replace("  - hooks/figures.py\n", "")
        config = config.replace(
            'include: ["notebooks/*.py", "*.ipynb"]',
            'include: ["notebooks/*.py", "bench-notebooks/*.py", "*.ipynb"]',
        )
        config = config.replace(
            "execute: false", 'execute: true\n      execute_ignore: ["*.ipynb"]'
        )
        (destination / "mkdocs.yml").write_text(config, encoding="utf-8")
        nav = destination / "docs" / ".nav.yml"
        nav.write_text(
            nav.read_text(encoding="utf-8").replace(
                "  - tags.md", "  - bench-notebooks\n  - tags.md"
            ),
            encoding="utf-8",
        )
    return destination


# --------------------------------------------------------------------------
# Measuring


@dataclass
class Build:
    seconds: float
    figures_at: float | None  # seconds until the figures hook reported
    ran: int | None
    log: str = field(repr=False, default="")
    cpu_seconds: float | None = None  # user + system of the build process and its children
    peak_mb: float | None = None  # largest resident set of the build process tree


def build_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", WIKI_GIT_DATES="false")
    env.pop("WIKI_SNIPPET_JOBS", None)
    env.update(extra)
    return env


def run_build(project: Path, site: Path, **env: str) -> Build:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=project,
        env=build_env(**env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines, figures_at, ran = [], None, None
    assert process.stderr is not None
    for line in process.stderr:
        lines.append(line)
        match = FIGURES_DONE.search(line)
        if match:
            figures_at, ran = time.perf_counter() - start, int(match.group(1))
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    log = "".join(lines)
    if process.returncode != 0:
        problems = [line for line in lines if not line.startswith("INFO")]
        raise RuntimeError(f"build failed in {project}:\n{''.join(problems)[-4000:]}")
    # ru_maxrss is in KiB on Linux; wait4 reports this child's own usage.
    cpu = usage.ru_utime + usage.ru_stime
    return Build(seconds, figures_at, ran, log, round(cpu, 3), round(usage.ru_maxrss / 1024, 1))


@dataclass
class Row:
    key: str
    label: str
    seconds: float
    runs: list[float]
    figures_at: float | None = None
    ran: list[int | None] = field(default_factory=list)
    cpu_seconds: float | None = None
    peak_mb: float | None = None


def measure(key: str, label: str, reps: int, before, build) -> Row:
    builds = []
    for rep in range(reps):
        before(rep)
        result = build()
        progress(
            f"{label}: {result.seconds:.2f} s, cpu {result.cpu_seconds} s, "
            f"peak {result.peak_mb} MB (figures run: {result.ran})"
        )
        builds.append(result)
    at = [b.figures_at for b in builds if b.figures_at is not None]
    return Row(
        key,
        label,
        statistics.median(b.seconds for b in builds),
        [round(b.seconds, 3) for b in builds],
        statistics.median(at) if at else None,
        [b.ran for b in builds],
        statistics.median(b.cpu_seconds for b in builds if b.cpu_seconds is not None),
        max(b.peak_mb for b in builds if b.peak_mb is not None),
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - localhost
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def serve_latency(
    project: Path, note: Note, reps: int, base_path: str, *, dirty: bool
) -> list[float]:
    """Seconds from saving a page to `mkdocs serve` serving it with the new text."""
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    if dirty:
        command.append("--dirty")
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(
        command, cwd=project, env=build_env(), stdout=log, stderr=log, start_new_session=True
    )
    url = f"http://127.0.0.1:{port}{base_path}daily/{note.date:%Y/%m/%d}/{note.slug}/"
    times = []
    try:
        deadline = time.monotonic() + 300
        while fetch(url) is None:
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise RuntimeError(f"mkdocs serve did not start:\n{log.read()[-3000:]!r}")
            time.sleep(0.2)
        time.sleep(1.0)  # let the file watcher settle after the first build
        source = project / "docs" / note.path
        for rep in range(reps):
            marker = f"SERVEMARK{rep}X{time.time_ns()}"
            with source.open("a", encoding="utf-8") as handle:
                handle.write(f"\n저장 후 반영 시간을 재는 문장 {marker} 입니다.\n")
            start = time.perf_counter()
            while True:
                page = fetch(url)
                if page is not None and marker in page:
                    break
                if time.perf_counter() - start > 180:
                    raise RuntimeError("mkdocs serve never served the edited page")
                time.sleep(0.05)
            times.append(time.perf_counter() - start)
            progress(f"serve save-to-served: {times[-1]:.2f} s")
            time.sleep(1.0)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return times


# --------------------------------------------------------------------------
# Page weight


KATEX_FONTS = {
    "": "KaTeX_Main-Regular",
    "mathnormal": "KaTeX_Math-Italic",
    "mathit": "KaTeX_Main-Italic",
    "mathbf": "KaTeX_Main-Bold",
    "boldsymbol": "KaTeX_Math-BoldItalic",
    "mathcal": "KaTeX_Caligraphic-Regular",
    "amsrm": "KaTeX_AMS-Regular",
    "mathbb": "KaTeX_AMS-Regular",
    "mathsf": "KaTeX_SansSerif-Regular",
    "mathtt": "KaTeX_Typewriter-Regular",
    "mathfrak": "KaTeX_Fraktur-Regular",
    "mathscr": "KaTeX_Script-Regular",
    "size1": "KaTeX_Size1-Regular",
    "size2": "KaTeX_Size2-Regular",
    "size3": "KaTeX_Size3-Regular",
    "size4": "KaTeX_Size4-Regular",
}


def katex_fonts(html: str) -> list[str]:
    """The woff2 files a page's KaTeX markup needs (from the classes it uses)."""
    if 'class="katex' not in html:
        return []
    classes = set(re.findall(r'class="([^"]*)"', html))
    words = {word for value in classes for word in value.split()}
    return sorted({font for cls, font in KATEX_FONTS.items() if cls == "" or cls in words})


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def page_weight(site: Path, page: str = "topics/lstm/index.html") -> dict[str, int]:
    html_path = site / page
    data = html_path.read_bytes()
    html = data.decode("utf-8")
    svgs = []
    for src in sorted(set(re.findall(r'<img[^>]+src="([^"]+\.svg)"', html))):
        path = (html_path.parent / src).resolve()
        if path.is_file() and "figures" in path.parts:
            svgs.append(path.read_bytes())
    math = []
    if 'class="katex' in html:
        math.append((site / "assets/katex/katex.min.css").read_bytes())
        math += [
            (site / "assets/katex/fonts" / f"{font}.woff2").read_bytes()
            for font in katex_fonts(html)
        ]
    weight = {
        "html": len(data),
        "figures": sum(map(len, svgs)),
        "math_assets": sum(map(len, math)),
        "html_gzip": gz(data),
        "figures_gzip": sum(map(gz, svgs)),
        # woff2 is already compressed; servers send it as is
        "math_assets_gzip": (gz(math[0]) if math else 0) + sum(map(len, math[1:])),
        "figure_count": len(svgs),
    }
    weight["total"] = weight["html"] + weight["figures"] + weight["math_assets"]
    weight["total_gzip"] = weight["html_gzip"] + weight["figures_gzip"] + weight["math_assets_gzip"]
    return weight


# --------------------------------------------------------------------------
# Reporting


def ratio(seconds: float | None, plain: float) -> float | None:
    return None if seconds is None or plain <= 0 else round(seconds / plain, 2)


def format_seconds(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def format_ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}×"


def format_number(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def table_lines(rows: list[dict]) -> list[str]:
    lines = [
        "| 상황 | 초 | plain 대비 | CPU 초 | 최대 메모리 MB |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        lines.append(
            f"| {row['label']} | {format_seconds(row['seconds'])} | {format_ratio(row['ratio'])} "
            f"| {format_number(row.get('cpu_seconds'))} | {format_number(row.get('peak_mb'), 0)} |"
        )
    return lines


def kb(value: int) -> str:
    return f"{value / 1024:.1f} KB"


def targets_held(results: dict) -> dict[str, dict]:
    rows = {row["key"]: row for row in results["rows"]}
    plain = rows["plain"]["seconds"]
    checks: dict[str, dict] = {}

    def check(name: str, value: float | None, limit: float, at_least: bool = False) -> None:
        held = value is not None and (value >= limit if at_least else value <= limit)
        checks[name] = {"value": value, "limit": limit, "held": held}

    check("warm_vs_plain", ratio(rows["warm"]["seconds"], plain), TARGETS["warm_vs_plain"])
    edit = rows["page_edit"]
    edit_ratio = ratio(edit["seconds"], plain)
    check("page_edit_vs_plain", edit_ratio, TARGETS["page_edit_vs_plain"])
    checks["page_edit_runs_no_snippet"] = {
        "value": edit["figures_run"],
        "limit": 0,
        "held": all(r == 0 for r in edit["figures_run"]),
    }
    checks["snippet_edit_runs_one"] = {
        "value": rows["snippet_edit"]["figures_run"],
        "limit": 1,
        "held": all(r == 1 for r in rows["snippet_edit"]["figures_run"]),
    }
    check(
        "parallel_speedup",
        results["snippet_phase"]["speedup"],
        TARGETS["parallel_speedup"],
        at_least=True,
    )
    serve = rows.get("serve")
    check("serve_seconds", serve["seconds"] if serve else None, TARGETS["serve_seconds"])
    if not serve:
        checks["serve_seconds"]["held"] = None
    check(
        "lstm_page_kb",
        round(results["lstm_page"]["total"] / 1024, 1),
        TARGETS["lstm_page_kb"],
    )
    check(
        "search_index_mb",
        round(results["search_index_bytes"] / 2**20, 3),
        TARGETS["search_index_mb"],
    )
    return checks


def report(results: dict) -> str:
    lines = [
        f"N={results['notes']} notes, M={results['snippets']} snippets, "
        f"reps={results['reps']} (cold: {results.get('cold_reps', results['reps'])}), "
        f"jobs={results['jobs']}, "
        f"cpus={results['machine']['cpu_count']}, python {results['machine']['python']}",
        "",
        f"{'scenario':<44}{'seconds':>9}{'× plain':>9}",
    ]
    for row in results["rows"]:
        lines.append(
            f"{row['label']:<44}{format_seconds(row['seconds']):>9}{format_ratio(row['ratio']):>9}"
        )
    phase = results["snippet_phase"]
    lines += [
        "",
        f"snippet phase (cold − warm, to the 'figures:' log line): serial "
        f"{format_seconds(phase['serial'])} s, parallel {format_seconds(phase['parallel'])} s, "
        f"speed-up {format_ratio(phase['speedup'])}",
    ]
    weight = results["lstm_page"]
    lines.append(
        f"LSTM page: html {kb(weight['html'])}, figures {kb(weight['figures'])} "
        f"({weight['figure_count']} SVG), math assets {kb(weight['math_assets'])}; "
        f"total {kb(weight['total'])} (gzip {kb(weight['total_gzip'])})"
    )
    lines.append(
        f"search index: {kb(results['search_index_bytes'])} "
        f"(gzip {kb(results.get('search_index_gzip_bytes') or 0)})"
    )
    latency = results.get("search_latency")
    if latency:
        lines.append(
            f"search keystroke -> results, CPU x{latency['throttle']:g}: "
            f"first {latency['first_ms']:.0f} ms, warm {latency['warm_ms']:.0f} ms"
        )
    lines.append("")
    for name, check in results["targets"].items():
        mark = {True: "HOLDS", False: "FAILS", None: "skipped"}[check["held"]]
        lines.append(f"  {mark:<8}{name}: {check['value']} (limit {check['limit']})")
    return "\n".join(lines)


def search_line(latency: dict | None) -> list[str]:
    if not latency:
        return []
    return [
        f"- 검색 입력 → 결과 표시 (Chromium, CPU {latency['throttle']:g}배 느리게): "
        f"첫 검색 {latency['first_ms']:.0f} ms, 두 번째 검색 {latency['warm_ms']:.0f} ms"
    ]


def markdown_table(results: dict) -> str:
    weight = results["lstm_page"]
    phase = results["snippet_phase"]
    lines = [
        "<!-- scripts/bench_build.py가 만든 파일입니다: 손으로 고치지 마세요. -->",
        "",
        f"노트 {results['notes']}개, 그림 {results['snippets']}개, 반복 {results['reps']}회"
        f"(cold 빌드는 {results.get('cold_reps', results['reps'])}회)의 중앙값 "
        f"({results['date']}, CPU {results['machine']['cpu_count']}개, "
        f"Python {results['machine']['python']}).",
        "",
        *table_lines(results["rows"]),
        "",
        f"- 그림 단계(차가운 빌드 − 따뜻한 빌드): 직렬 {format_seconds(phase['serial'])}초, "
        f"병렬 {format_seconds(phase['parallel'])}초, {format_ratio(phase['speedup'])} 빠름",
        f"- LSTM 페이지 무게: HTML {kb(weight['html'])}, 그림 {kb(weight['figures'])}, "
        f"수식 CSS·글꼴 {kb(weight['math_assets'])}, 합계 {kb(weight['total'])} "
        f"(gzip {kb(weight['total_gzip'])})",
        f"- 검색 색인: {kb(results['search_index_bytes'])} "
        f"(gzip {kb(results.get('search_index_gzip_bytes') or 0)})",
        *search_line(results.get("search_latency")),
        "",
        "| 목표 | 값 | 기준 | 결과 |",
        "| --- | ---: | ---: | --- |",
    ]
    for name, check in results["targets"].items():
        mark = {True: "통과", False: "미달", None: "측정 안 함"}[check["held"]]
        lines.append(f"| `{name}` | {check['value']} | {check['limit']} | {mark} |")
    return "\n".join(lines) + "\n"


def row_dict(row: Row, plain: float) -> dict:
    return {
        "key": row.key,
        "label": row.label,
        "seconds": round(row.seconds, 3),
        "ratio": ratio(row.seconds, plain),
        "runs": row.runs,
        "figures_at": None if row.figures_at is None else round(row.figures_at, 3),
        "figures_run": row.ran,
        "cpu_seconds": None if row.cpu_seconds is None else round(row.cpu_seconds, 3),
        "peak_mb": row.peak_mb,
    }


# --------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--notes", "-n", type=int, default=None, help=f"notes (default {DEFAULT_NOTES})"
    )
    parser.add_argument("--snippets", "-m", type=int, default=None, help="figures (default 30)")
    parser.add_argument(
        "--reps",
        type=int,
        default=None,
        help=f"repetitions (default 3; 1 from {LARGE_NOTES} notes on)",
    )
    parser.add_argument(
        "--cold-reps",
        type=int,
        default=1,
        help="repetitions of the cold builds (default 1: each costs a minute at N=200; "
        "three of each would not fit the 10-minute budget on two cores)",
    )
    parser.add_argument("--quick", action="store_true", help="N=20, M=6, 1 repetition")
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="parallel snippet jobs"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="results file (default benchmarks/results.json at N=200, "
        "benchmarks/results-n<N>.json at other N, .cache/bench/ with --quick)",
    )
    parser.add_argument("--skip-serve", action="store_true")
    parser.add_argument(
        "--skip-search", action="store_true", help="skip the search latency in Chromium"
    )
    parser.add_argument(
        "--skip-notebooks",
        action="store_true",
        help=f"skip the notebook scenario (skipped anyway from {LARGE_NOTES} notes on)",
    )
    parser.add_argument("--keep", type=Path, default=None, help="keep the projects here")
    args = parser.parse_args(argv)
    quick = (20, 6, 1) if args.quick else (DEFAULT_NOTES, 30, 3)
    args.notes = quick[0] if args.notes is None else args.notes
    args.snippets = quick[1] if args.snippets is None else args.snippets
    large = args.notes >= LARGE_NOTES
    args.reps = (1 if large else quick[2]) if args.reps is None else args.reps
    args.skip_notebooks = args.skip_notebooks or large
    args.out = default_out(args) if args.out is None else args.out
    if args.snippets < 1 or args.notes < args.snippets:
        parser.error("need 1 <= snippets <= notes")
    return args


def measure_search(site: Path) -> dict | None:
    """Keystroke -> first result with 4x CPU throttling (first search and a second)."""
    progress("search latency in Chromium (4x CPU throttling)")
    try:
        from study_wiki.bench.search_latency import measure as measure_latency

        result = measure_latency(site, runs=1, throttle=4.0)
    except Exception as error:  # noqa: BLE001 - a missing browser must not lose the run
        progress(f"search latency not measured: {error}")
        return None
    progress(f"search: first {result['first_ms']} ms, warm {result['warm_ms']} ms")
    return {"first_ms": result["first_ms"], "warm_ms": result["warm_ms"], "throttle": 4.0}


def default_out(args: argparse.Namespace) -> Path:
    """Where results go: a quick run never overwrites the committed results."""
    if args.quick:
        return SCRATCH / "results-quick.json"
    if args.notes == DEFAULT_NOTES:
        return REPO / "benchmarks" / "results.json"
    return REPO / "benchmarks" / f"results-n{args.notes}.json"


def run(args: argparse.Namespace, work: Path) -> dict:
    started = time.perf_counter()
    reps, jobs = args.reps, str(args.jobs)
    cold_reps = max(1, min(args.cold_reps, reps))
    notes = make_notes(args.notes, args.snippets, args.seed)
    progress(f"generating {len(notes)} notes and {args.snippets} snippets in {work}")
    full = write_project(
        work / "full", notes, args.snippets, figures=True, notebooks=False, seed=args.seed
    )
    plain = write_project(
        work / "plain", notes, args.snippets, figures=False, notebooks=False, seed=args.seed
    )
    site = work / "site"

    def nothing(rep: int) -> None:
        pass

    def clear(project: Path, *parts: str):
        def before(rep: int) -> None:
            shutil.rmtree(project.joinpath(".cache", *parts), ignore_errors=True)

        return before

    rows: list[Row] = []
    progress("plain: warming caches")
    run_build(plain, site)
    rows.append(
        measure(
            "plain", "plain (그림 줄 없음, 바닥)", reps, nothing, lambda: run_build(plain, site)
        )
    )
    rows.append(
        measure(
            "plain_stock_blog",
            "plain, Material 블로그 그대로 (WIKI_BLOG_SPEED=false)",
            reps,
            nothing,
            lambda: run_build(plain, site, WIKI_BLOG_SPEED="false"),
        )
    )
    rows.append(
        measure(
            "cold",
            "cold (.cache 전부 삭제, 병렬)",
            cold_reps,
            clear(full),
            lambda: run_build(full, site, WIKI_SNIPPET_JOBS=jobs),
        )
    )
    rows.append(
        measure(
            "cold_figures_serial",
            "cold 그림만 (.cache/figures 삭제, 직렬)",
            cold_reps,
            clear(full, "figures"),
            lambda: run_build(full, site, WIKI_SNIPPET_JOBS="1"),
        )
    )
    rows.append(
        measure(
            "cold_figures_parallel",
            f"cold 그림만 (.cache/figures 삭제, 병렬 {jobs})",
            cold_reps,
            clear(full, "figures"),
            lambda: run_build(full, site, WIKI_SNIPPET_JOBS=jobs),
        )
    )
    rows.append(
        measure("warm", "warm (바뀐 것 없음)", reps, nothing, lambda: run_build(full, site))
    )

    edited = notes[1]

    def edit_page(rep: int) -> None:
        with (full / "docs" / edited.path).open("a", encoding="utf-8") as handle:
            handle.write(f"\n{rep + 1}번째 수정에서 덧붙인 문장입니다.\n")

    rows.append(
        measure("page_edit", "페이지 하나 수정", reps, edit_page, lambda: run_build(full, site))
    )

    def edit_snippet(rep: int) -> None:
        with (full / "snippets" / "bench" / "fig_00.py").open("a", encoding="utf-8") as handle:
            handle.write(f"# edit {rep + 1}\n")

    rows.append(
        measure(
            "snippet_edit", "스니펫 하나 수정", reps, edit_snippet, lambda: run_build(full, site)
        )
    )
    weight = page_weight(site)
    search_data = (site / "search" / "search_index.json").read_bytes()
    search_bytes, search_gzip = len(search_data), gz(search_data)
    search_latency = None if args.skip_search else measure_search(site)

    if not args.skip_notebooks:
        nb = write_project(
            work / "notebooks", notes, args.snippets, figures=False, notebooks=True, seed=args.seed
        )
        rows.append(
            measure(
                "notebooks_cold",
                "노트북 방식 cold (mkdocs-jupyter execute)",
                cold_reps,
                clear(nb),
                lambda: run_build(nb, work / "site-nb"),
            )
        )
        rows.append(
            measure(
                "notebooks_warm",
                "노트북 방식 warm",
                reps,
                nothing,
                lambda: run_build(nb, work / "site-nb"),
            )
        )
    if not args.skip_serve:
        progress("mkdocs serve: starting")
        base = (
            "/" + (read_config(full).get("site_url") or "/").split("://", 1)[-1].split("/", 1)[-1]
        )
        base = base if base.endswith("/") else base + "/"
        for key, label, dirty in (
            ("serve", "make serve (--dirty): 저장 → 새 페이지 제공", True),
            ("serve_full", "mkdocs serve (전체 다시 빌드): 저장 → 새 페이지 제공", False),
        ):
            progress(f"{label}")
            times = serve_latency(full, notes[2], reps, base, dirty=dirty)
            rows.append(Row(key, label, statistics.median(times), [round(t, 3) for t in times]))

    plain_s = rows[0].seconds
    by_key = {row.key: row for row in rows}

    def phase(key: str) -> float | None:
        cold, warm = by_key[key].figures_at, by_key["warm"].figures_at
        return None if cold is None or warm is None else round(cold - warm, 3)

    serial, parallel = phase("cold_figures_serial"), phase("cold_figures_parallel")
    results = {
        "date": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "machine": {
            "cpu_count": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "notes": args.notes,
        "snippets": args.snippets,
        "reps": reps,
        "cold_reps": cold_reps,
        "jobs": args.jobs,
        "rows": [row_dict(row, plain_s) for row in rows],
        "snippet_phase": {
            "serial": serial,
            "parallel": parallel,
            "speedup": round(serial / parallel, 2) if serial and parallel else None,
        },
        "lstm_page": weight,
        "search_index_bytes": search_bytes,
        "search_index_gzip_bytes": search_gzip,
        "search_latency": search_latency,
        "total_seconds": None,
    }
    results["targets"] = targets_held(results)
    results["total_seconds"] = round(time.perf_counter() - started, 1)
    return results


def write_results(results: dict, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    out.with_suffix(".md").write_text(markdown_table(results), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.keep:
        shutil.rmtree(args.keep, ignore_errors=True)
        results = run(args, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="bench-build-") as work:
            results = run(args, Path(work))
    write_results(results, args.out)
    print(report(results))
    progress(f"done in {results['total_seconds']} s; wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
