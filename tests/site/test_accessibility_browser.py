"""axe-core (WCAG 2.2 AA and best practices) on every page the build wrote, in both
colour schemes at phone and desktop widths: no serious or critical violation.

One class per width, so that pytest-xdist (--dist loadscope) runs the two on
different workers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support import accessibility
from tests.support.site_pages import page_url, source_pages

pytestmark = pytest.mark.browser


class EveryPageAtWidth:
    width: int

    @pytest.fixture(scope="class")
    @classmethod
    def found(cls, built_site: Path, base_url: str, browser) -> dict[str, list[tuple[str, list]]]:
        """Scheme -> (page, violations) in the order audited, each page loaded once for
        both schemes."""
        views = [view for view in accessibility.VIEWS if view.width == cls.width]
        found: dict[str, list[tuple[str, list]]] = {view.scheme: [] for view in views}
        paths = accessibility.site_pages(built_site)
        for path, view, violations in accessibility.audit(browser, base_url, paths, views):
            found[view.scheme].append((path, violations))
        return found

    def test_every_page_is_audited_once_in_each_scheme(self, built_site: Path, found):
        paths = accessibility.site_pages(built_site)
        audited = {scheme: [path for path, _ in pages] for scheme, pages in found.items()}
        assert audited == {scheme: paths for scheme in accessibility.SCHEMES}

    @pytest.mark.parametrize("scheme", accessibility.SCHEMES)
    def test_no_serious_or_critical_violation_on_any_page(self, built_site: Path, found, scheme):
        paths = accessibility.site_pages(built_site)
        assert {page_url(src) for src in source_pages()} <= set(paths)
        assert "404.html" in paths and "tags/" in paths
        failing = {path: violations for path, violations in found[scheme] if violations}
        assert not failing, json.dumps(failing, ensure_ascii=False, indent=1)


class TestPhone(EveryPageAtWidth):
    width = accessibility.WIDTHS[0]


class TestDesktop(EveryPageAtWidth):
    width = accessibility.WIDTHS[1]
