"""The search index a build wrote ahead (study_wiki/search/prebuilt.py), read back."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from study_wiki.search.prebuilt import DATA_URI


@dataclass(frozen=True)
class Prebuilt:
    """A built site's search index, read back."""

    config: dict
    docs: list[dict]
    terms: list[str]
    postings: list[list[list[int]]]

    @classmethod
    def read(cls, site_dir: Path) -> Prebuilt:
        data = json.loads((site_dir / DATA_URI).read_text(encoding="utf-8"))
        return cls(data["config"], data["docs"], data["terms"], data["postings"])

    def field_terms(self, field: str) -> dict[str, set[str]]:
        """Location -> the terms the index holds for that document's `field`."""
        f = list(self.config["fields"]).index(field)
        out: dict[str, set[str]] = {}
        for term, gaps in zip(self.terms, self.postings[f], strict=True):
            ref = 0
            for gap in gaps:
                if gap >= 0:
                    ref += gap
                    out.setdefault(self.docs[ref]["location"], set()).add(term)
        return out
