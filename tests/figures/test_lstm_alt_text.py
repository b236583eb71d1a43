"""The LSTM page's alt texts quote the numbers its figures' code computes."""

from __future__ import annotations

import html
import importlib
import re
from pathlib import Path

import pytest

from tests.support.project import ROOT
from tests.support.site_pages import soup

FIGURE = re.compile(r"^\s*!\[(?P<alt>[^\]]*)\]\(snippet:(?P<name>[^)\s\"]+)", re.M)
FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


PAGES = {"topics/lstm/": "lstm.md", "topics/lstm-practice/": "lstm-practice.md"}


def templates(url: str | None = None) -> dict[str, str]:
    """Figure name -> alt text template, on one LSTM page or on both."""
    out = {}
    for page, name in PAGES.items():
        if url in (None, page):
            markdown = (ROOT / "docs" / "topics" / name).read_text(encoding="utf-8")
            out |= {m.group("name"): m.group("alt").strip() for m in FIGURE.finditer(markdown)}
    return out


def test_every_data_figure_quotes_its_numbers_through_fields() -> None:
    with_fields = {name for name, alt in templates().items() if FIELD.search(alt)}
    assert {
        "lstm/grad_by_lag.py",
        "lstm/recurrent_scale.py",
        "lstm/path_split.py",
        "lstm/long_lag.py",
        "lstm/clipping.py",
        "lstm/forget_products.py",
        "lstm/lag_sum.py",
        "lstm/trained.py",
        "lstm/unrolled.py",
    } <= with_fields


@pytest.mark.parametrize("url", PAGES)
def test_built_alt_texts_equal_the_templates_filled_from_the_data(site: Path, url: str) -> None:
    page = soup(site, url)
    shown = {
        img["src"].rsplit("figures/", 1)[1].removesuffix(".svg") + ".py": img["alt"]
        for img in page.select("figure.snippet-figure img")
    }
    assert shown
    for name, alt in templates(url).items():
        module = importlib.import_module("snippets." + name.removesuffix(".py").replace("/", "."))
        if not FIELD.search(alt):
            continue
        values = module.alt_values()
        expected = FIELD.sub(lambda m, v=values: v[m.group(1)], alt)
        assert html.unescape(shown[name]) == expected, name
        assert "{" not in shown[name]
