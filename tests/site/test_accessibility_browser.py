"""axe-core (WCAG 2.2 AA and best practices) on every page the build wrote, in both
colour schemes at phone and desktop widths: no serious or critical violation."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from study_wiki import accessibility_audit as accessibility
from study_wiki.local_browser import serve
from tests.support.site_pages import page_url, source_pages

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site_url(built_site: Path) -> Iterator[str]:
    # At the path of site_url, where the 404 page's absolute links point.
    server, url = serve(built_site, "/study-wiki/")
    yield url
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("view", accessibility.VIEWS, ids=lambda v: v.label.replace(" ", "-"))
def test_no_serious_or_critical_violation_on_any_page(built_site: Path, site_url, browser, view):
    paths = accessibility.site_pages(built_site)
    assert {page_url(src) for src in source_pages()} <= set(paths)
    assert "404.html" in paths and "tags/" in paths
    found = {
        path: violations
        for path, _, violations in accessibility.audit(browser, site_url, paths, [view])
        if violations
    }
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)
