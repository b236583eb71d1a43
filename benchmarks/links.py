"""Build-time cost of the links stage at team scale.

N synthetic daily notes (the build benchmark's generator) get wikilinks to each
other by title, slug and alias, a labelled equation and a reference to it, and a
citation. The same project is built strictly with the plugin on and off
(`WIKI_LINKS=true/false`), alternating, after one warm-up build of each; the table
shows medians and their ratio. The index scan alone is also timed in-process.

    .venv/bin/python scripts/bench_links.py --profile  # N=200, 3 reps, and a profile
    .venv/bin/python scripts/bench_links.py --n 20 --reps 1
"""

from __future__ import annotations

import argparse
import marshal
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.content import Note, make_notes
from benchmarks.measure import build_env, progress, run_build
from benchmarks.project import write_project
from study_wiki.links.index import LinkIndex
from study_wiki.model import read_source

CITED = ["pascanu2013", "hochreiter1997", "gers2000", "bengio1994", "greff2017", "cho2014"]


def title_of(note: Note) -> str:
    """The note's first heading, below its front matter (which may hold `# ` comments)."""
    body = note.text.split("\n---\n", 1)[1] if note.text.startswith("---\n") else note.text
    heading = re.search(r"^# (.+)$", body, re.M)
    assert heading, f"{note.path} has no # heading"
    return heading.group(1).strip()


def with_links(notes: list[Note]) -> list[Note]:
    """Each note links three others (title, slug, slug#heading), an alias and [[lstm]]."""
    linked = []
    n = len(notes)
    for i, note in enumerate(notes):
        a, b, c = notes[(i + 1) % n], notes[(i * 7 + 3) % n], notes[(i * 13 + 5) % n]
        text = note.text.replace("slug: ", f"aliases:\n  - 벤치 노트 {i}\nslug: ", 1)
        # the first display equation gets a label, and the prose a reference to it
        text = re.sub(r"\n\$\$\n", f"\n$$ {{#eq:n{i}}}\n", text, count=2)
        text = text.replace(f"$$ {{#eq:n{i}}}\n", "$$\n", 1)
        paragraph = (
            f"@eq:n{i} 은 [[{title_of(a)}]] 와 [[{b.slug}]] 에서도 봤습니다. "
            f"[[{c.slug}#공부한 내용 정리|정리]] 와 [[벤치 노트 {(i + 2) % n}]] 도 보세요. "
            f"[[lstm]] 의 결론과 같습니다[@{CITED[i % len(CITED)]}]."
        )
        text = text.replace("## 피어세션 정리\n", f"{paragraph}\n\n## 피어세션 정리\n", 1)
        linked.append(Note(note.path, text, note.slug, note.date))
    return linked


def scan_seconds(project: Path, reps: int) -> float:
    """The index scan of every page (what on_files does), in this process."""
    docs = project / "docs"
    pages = {p.relative_to(docs).as_posix(): p.read_text("utf-8") for p in docs.rglob("*.md")}
    keys = [m for m in re.findall(r"@\w+\{([^,]+),", (project / "references.bib").read_text())]
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        index = LinkIndex()
        sources = [read_source(uri, "docs/" + uri, text.encode()) for uri, text in pages.items()]
        for source in sources:
            index.add_page(source)
        for source in sources:
            index.scan_links(source, keys, None)
        times.append(time.perf_counter() - start)
        assert not index.problems, [str(p) for p in index.problems[:5]]
    return statistics.median(times)


ENTRY_POINTS = {
    "on_config",
    "on_files",
    "on_page_markdown",
    "on_page_content",
    "on_env",  # links to headings, once every page is rendered
    "on_post_page",
    "handleMatch",  # wikilinks, references, citations
    "run",  # equation labels and anchors, bibliography
}


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def profiled_share(project: Path, site: Path) -> tuple[float, float]:
    """CPU seconds spent in the link code itself, from one build under cProfile."""
    script = (
        "import cProfile, sys, time\n"
        "from mkdocs.__main__ import cli\n"
        "profile = cProfile.Profile(time.process_time)  # CPU time: the machine is shared\n"
        "try:\n"
        "    profile.runcall(cli, ['build', '--strict', '-q', '--site-dir', sys.argv[1]],"
        " standalone_mode=False)\n"
        "finally:\n"
        "    profile.dump_stats(sys.argv[2])\n"
    )
    stats_file = site.parent / "links.prof"
    subprocess.run(
        [sys.executable, "-c", script, str(site), str(stats_file)],
        cwd=project,
        env=build_env(WIKI_LINKS="true"),
        check=True,
        capture_output=True,
    )
    # pstats' dump: {(file, line, function): (calls, primitive calls, own, cumulative, callers)}
    rows = marshal.loads(stats_file.read_bytes())
    # cumulative time of the entry points MkDocs and Python-Markdown call (they do not nest)
    share = sum(
        row[3]
        for (filename, _, function), row in rows.items()
        if "/study_wiki/links/" in filename and function in ENTRY_POINTS
    )
    return share, sum(row[2] for row in rows.values())


def print_table(seconds: dict[str, list[float]], cpu: dict[str, list[float]]) -> None:
    print(f"{'setting':<32}{'wall s':>8}{'CPU s':>8}   wall runs")
    for setting, label in (("false", "plugin off (WIKI_LINKS=false)"), ("true", "plugin on")):
        runs = ", ".join(f"{s:.2f}" for s in seconds[setting])
        wall, used = statistics.median(seconds[setting]), statistics.median(cpu[setting])
        print(f"{label:<32}{wall:>8.2f}{used:>8.2f}   {runs}")
    for name, table in (("wall", seconds), ("CPU", cpu)):
        on, off = statistics.median(table["true"]), statistics.median(table["false"])
        print(f"on / off ({name}): {on / off:.3f}×, difference {on - off:+.2f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/bench_links.py", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--n", type=int, default=200, help="synthetic notes")
    parser.add_argument("--reps", type=int, default=3, help="builds per setting")
    parser.add_argument("--profile", action="store_true", help="also one build under cProfile")
    args = parser.parse_args(argv)

    notes = with_links(make_notes(args.n, 0))
    with tempfile.TemporaryDirectory(prefix="bench-links-") as folder:
        project = write_project(
            Path(folder) / "project", notes, 0, figures=False, notebooks=False, seed=0
        )
        site = Path(folder) / "site"
        scan = scan_seconds(project, 5)
        progress(f"index scan of {args.n} notes: {scan * 1000:.0f} ms")
        seconds: dict[str, list[float]] = {"true": [], "false": []}
        cpu: dict[str, list[float]] = {"true": [], "false": []}
        for setting in ("true", "false") if args.reps else ():  # warm the caches
            run_build(project, site, WIKI_LINKS=setting)
        for rep in range(args.reps):
            order = ("true", "false") if rep % 2 == 0 else ("false", "true")
            for setting in order:
                before = children_cpu()
                result = run_build(project, site, WIKI_LINKS=setting)
                cpu[setting].append(children_cpu() - before)
                seconds[setting].append(result.seconds)
                progress(
                    f"WIKI_LINKS={setting}: {result.seconds:.2f} s wall, "
                    f"{cpu[setting][-1]:.2f} s CPU"
                )
        links = sum(text.count("[[") for text in (n.text for n in notes))
        print(f"N={args.n} notes ({links} wikilinks), reps={args.reps}, builds alternating")
        if args.reps:
            print_table(seconds, cpu)
        print(f"index scan alone (in-process, median of 5): {scan * 1000:.0f} ms")
        if args.profile:
            share, total = profiled_share(project, site)
            print(
                f"profiled build (plugin on, CPU): link code {share:.2f} s of {total:.2f} s "
                f"({100 * share / total:.1f} %: the plugin's events and the Markdown processors)"
            )
    return 0
