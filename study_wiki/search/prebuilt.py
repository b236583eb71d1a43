"""The search index built once at build time (Node.js, with the browser's tokenizer) instead of
in every reader's browser: `search/prebuilt.json` holds it with the documents, and
search_index.json keeps only the configuration Material's page script fetches."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError

from study_wiki.core.artifact_cache import ArtifactCache
from study_wiki.core.atomic_file import write_text_atomic

HERE = Path(__file__).parent
BUILD_SCRIPT = HERE / "build_index.cjs"
ENGINE = HERE / "lunr_search.js"
WORKER = HERE / "search_worker.js"
INDEX_URI = "search/search_index.json"
DATA_URI = "search/prebuilt.json"
WORKER_URI = "assets/javascripts/workers/search_ko.js"
SHOWN_FIELDS = ("location", "title", "text", "tags")


class SearchIndexError(PluginError):
    """Node.js or lunr is missing, or the index could not be built."""


def lunr_script(root: Path) -> Path:
    path = root / "node_modules" / "lunr" / "lunr.min.js"
    if not path.is_file():
        raise SearchIndexError(
            "search: node_modules/lunr is missing. Run `make build` or `make serve` "
            "(they run `npm ci`), or `npm ci` yourself."
        )
    return path


def worker_source(root: Path) -> str:
    """The worker file: lunr, the shared search code and the message handling."""
    index_url = "../" * WORKER_URI.count("/") + DATA_URI
    return "\n".join(
        [
            lunr_script(root).read_text(encoding="utf-8"),
            ENGINE.read_text(encoding="utf-8"),
            f"var INDEX_URL = {json.dumps(index_url)};",
            WORKER.read_text(encoding="utf-8"),
        ]
    )


def build_index(index: dict, root: Path, cache: ArtifactCache, timeout: float) -> str:
    """The JSON text of {"terms", "postings", "boosts"} of Material's index, from the
    cache when the documents, configuration and code are those of a build before."""
    request = json.dumps(
        {"config": index["config"], "docs": index["docs"]}, ensure_ascii=False
    ).encode("utf-8")
    digest = hashlib.sha256(request)
    for source in (BUILD_SCRIPT, ENGINE, lunr_script(root)):
        digest.update(source.read_bytes())
    made = cache.made(digest.hexdigest()[:24], lambda: node_index(request, root, timeout))
    return made.read_text(encoding="utf-8")


def node_index(request: bytes, root: Path, timeout: float) -> bytes:
    """What build_index.cjs makes of `request`."""
    node = shutil.which("node")
    if node is None:
        raise SearchIndexError("search: Node.js is required to build the search index")
    env = dict(os.environ, NODE_PATH=str(root / "node_modules"))
    try:
        result = subprocess.run(
            [node, str(BUILD_SCRIPT)],
            input=request,
            capture_output=True,
            cwd=root,
            env=env,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise SearchIndexError(f"search: building the index took over {timeout:g} s") from error
    if result.returncode:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SearchIndexError(
            f"search: building the index failed: {message[-1] if message else ''}"
        )
    if not (result.stdout.startswith(b'{"terms":') and result.stdout.endswith(b"}")):
        raise SearchIndexError("search: building the index gave no index")
    return result.stdout


def compact_json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write(
    site_dir: Path, index: dict, root: Path, cache: ArtifactCache, timeout: float, *, ahead: bool
) -> None:
    """prebuilt.json from the built `index`: with the index built `ahead`, or (`mkdocs
    serve`, where every save would wait for Node) with the whole documents, from which
    the site's search worker builds it with the same code when it starts."""
    if not ahead:
        write_text_atomic(site_dir / DATA_URI, compact_json(index))
        return
    built = build_index(index, root, cache, timeout)
    docs = [{key: doc[key] for key in SHOWN_FIELDS if key in doc} for doc in index["docs"]]
    data = compact_json({"config": index["config"], "docs": docs})
    # Node's text of the index joins the documents' as is: for its strings, integers and
    # decimals JSON.stringify writes what compact_json would, so the index is never
    # parsed in Python.
    write_text_atomic(site_dir / DATA_URI, f"{data[:-1]},{built[1:]}")
