"""The Korean analyser process: started early when it will be needed, kept for serve.

MkDocs makes new plugin instances on every `mkdocs serve` rebuild (it loads the
configuration again), while this module, and the process it started, stay for the
whole process: loading Kiwi takes seconds.
"""

from __future__ import annotations

import sys

from study_wiki.core.worker import LineWorker

worker = LineWorker(
    [sys.executable, "-m", "study_wiki.search.kiwi_worker"],
    name="search_ko: the Korean analyser (kiwipiepy)",
)


def preload() -> None:
    """Start the analyser now; it loads on the core the build leaves idle."""
    worker.start()


def tokenize(texts: list[str]) -> list[list[tuple[str, str]]]:
    """[(form, tag), ...] for each text, in order (raises WorkerError if it dies)."""
    return [[(form, tag) for form, tag in reply] for reply in worker.ask_many(texts)]
