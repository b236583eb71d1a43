"""axe-core (WCAG 2.2 AA and best practices) on every page type, both colour schemes,
phone and desktop widths: no serious or critical violation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.project import ROOT
from tests.support.site_pages import page_types

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
WIDTHS = (390, 1280)
SCHEMES = ("light", "dark")


def axe_violations(page) -> list[dict]:
    # Evaluated through the DevTools protocol: the page's Content-Security-Policy
    # would refuse axe as an inline <script>.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({id: v.id, impact: v.impact, help: v.help,
                            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
                            count: v.nodes.length}));
        }""",
        TAGS,
    )


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_no_serious_or_critical_violation(built_site: Path, base_url, browser, width, scheme):
    assert AXE.is_file(), "node_modules/axe-core is missing: run `npm ci`"
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    found = {}
    try:
        types = page_types(built_site)
        assert {"home", "daily_note", "daily_index", "lstm", "notebook", "tags"} <= set(types)
        for path in types.values():
            page.goto(base_url + path, wait_until="load")
            scheme_now = page.evaluate("document.body.dataset.mdColorScheme")
            assert scheme_now == ("slate" if scheme == "dark" else "default")
            violations = axe_violations(page)
            if violations:
                found[path] = violations
    finally:
        context.close()
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)
