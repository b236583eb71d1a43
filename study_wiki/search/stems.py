"""Korean search: morphemes in the index, so stems find inflected words and compounds. Stock
Material (`lang: ko`) matches whole words by prefix (`기울기가` misses `기울기`): each search
document gets a hidden `stems` field from kiwipiepy, the site's worker splits a Hangul query
word into its stems, and a page script fires the `keyup` Material listens for (IME commits
and paste send none)."""

from __future__ import annotations

import hashlib
import re
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from study_wiki.core.artifact_cache import code_digest
from study_wiki.core.atomic_file import write_cache
from study_wiki.core.json_cache import JsonCache
from study_wiki.core.worker import LineWorker
from study_wiki.escaping import markup_text

INPUT_JS = "assets/javascripts/search_ko_input.js"
INPUT_SHIM = Path(__file__).with_name("search_input.js")

# Morpheme tags worth indexing: common/proper nouns, roots, verb and adjective
# stems, foreign words. Particles and endings are what we want to drop.
KEEP_TAGS = {"NNG", "NNP", "XR", "VV", "VA", "SL", "SH"}
# TeX left in the index by pymdownx.arithmatex: `\(...\)`, `\[...\]`.
TEX = re.compile(r"\\\(.*?\\\)|\\\[.*?\\\]", re.S)
HANGUL = re.compile(r"[\uac00-\ud7a3]")

STEMS_FIELD = "stems"
CODE = ("stems.py", "kiwi_worker.py")

# The analyser process (kiwi_worker.py): loading Kiwi takes seconds, so it is started
# early when it will be needed and kept by this module, which outlives the plugin
# objects MkDocs makes again on every `mkdocs serve` rebuild.
worker = LineWorker(
    [sys.executable, "-m", "study_wiki.search.kiwi_worker"],
    name="search_ko: the Korean analyser (kiwipiepy)",
)


def tokenize(texts: list[str]) -> list[list[tuple[str, str]]]:
    """[(form, tag), ...] for each text, in order (raises WorkerError if it dies)."""
    return [[(form, tag) for form, tag in reply] for reply in worker.ask_many(texts)]


class KiwiMissing(PluginError):
    """kiwipiepy is not installed."""


class Analyzer:
    """kiwipiepy, started lazily once, with results cached on disk per text."""

    def __init__(self, cache_dir: Path, kept: dict[Path, JsonCache] | None = None) -> None:
        # Only the version: the analyser itself loads in its own process.
        try:
            kiwi = version("kiwipiepy")
        except PackageNotFoundError as error:
            raise KiwiMissing(
                "search_ko: kiwipiepy is missing; install the locked environment "
                "or build with WIKI_SEARCH_KO=0"
            ) from error
        # The analyser's version and the code that picks the stems (this module's and the
        # worker's) are part of each key: a change to either analyses the texts again.
        code = code_digest(*(Path(__file__).with_name(name) for name in CODE))
        self.version = f"{kiwi}+{code}"
        # Keep only entries of the last build, so the cache never grows stale.
        self.cache = JsonCache.kept(kept, cache_dir / "stems.json")

    def stems(self, texts: list[str]) -> list[str]:
        """Space-separated stems of each text; only texts not seen before are analysed."""
        keys = [hashlib.sha256(f"{self.version}|{text}".encode()).hexdigest() for text in texts]
        found = {key: self.cache.get(key) for key in keys}
        missing = {key: text for key, text in zip(keys, texts, strict=True) if found[key] is None}
        if missing:
            analysed = tokenize(list(missing.values()))
            for key, tokens in zip(missing, analysed, strict=True):
                found[key] = " ".join(kept_stems(tokens))
                self.cache.put(key, found[key])
        return [str(found[key]) for key in keys]


def kept_stems(tokens: list[tuple[str, str]]) -> list[str]:
    """Nouns, roots, verb and adjective stems and foreign words, once each, in order."""
    lowered = (form.lower() for form, tag in tokens if tag in KEEP_TAGS)
    return list(dict.fromkeys(form for form in lowered if len(form) > 1 or HANGUL.match(form)))


def add_stems(index: dict[str, Any], analyzer: Analyzer) -> int:
    """Give each document a `stems` field; returns how many got one."""
    docs, texts = [], []
    for doc in index["docs"]:
        text = TEX.sub(" ", markup_text(f"{doc.get('title', '')} \n {doc.get('text', '')}"))
        if HANGUL.search(text) or re.search(r"[A-Za-z]", text):
            docs.append(doc)
            texts.append(text)
    count = 0
    for doc, stems in zip(docs, analyzer.stems(texts), strict=True):
        if stems:
            doc[STEMS_FIELD] = stems
            count += 1
    index["config"]["fields"].setdefault(STEMS_FIELD, {"boost": 1.0})
    return count


def pages_changed(pages: list[tuple[str, bytes]], marker: Path) -> bool:
    """Whether any page differs from the last build's, so new text needs analysing."""
    digest = hashlib.sha256()
    for uri, content in sorted(pages):
        digest.update(uri.encode() + b"\0" + content + b"\0")
    fingerprint = digest.hexdigest()
    try:
        changed = marker.read_text(encoding="utf-8") != fingerprint
    except OSError:
        changed = True
    if changed:
        write_cache(marker, fingerprint)
    return changed
