"""Every built page loads cleanly, offline, with math typeset and images drawn."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

RAW_TEX = ("\\(", "\\[", "$$")


def page_paths(site: Path) -> list[str]:
    """Every HTML file a reader can open: pages, the 404 page and code listings."""
    return sorted(
        "/" + p.relative_to(site).as_posix().removesuffix("index.html")
        for p in site.rglob("*.html")
    )


def test_every_page_loads_offline_typeset_and_with_images(built_site, base_url, watched):
    page = watched.page
    problems: list[str] = []
    paths = page_paths(built_site)
    assert paths, "no pages built"
    for path in paths:
        watched.reset()
        url = base_url + path.lstrip("/")
        response = page.goto(url, wait_until="load")
        assert response is not None and response.ok, f"{path}: {response}"
        state = page.evaluate(
            """async () => {
                const content = document.querySelector('.md-content');
                // TeX shown as code (how-to pages) is meant to stay raw.
                const prose = content ? content.cloneNode(true) : null;
                prose?.querySelectorAll('pre, code, .katex-mathml').forEach(e => e.remove());
                const text = prose ? prose.textContent : '';
                const imgs = [...document.querySelectorAll('.md-content img')];
                // Figures are loading="lazy": load them all before measuring.
                await Promise.all(imgs.map(i => {
                    i.loading = 'eager'; return i.decode().catch(() => null);
                }));
                return {
                    text,
                    broken: imgs.filter(i => !(i.complete && i.naturalWidth > 0))
                               .map(i => i.getAttribute('src')),
                    errors: [...document.querySelectorAll('.math-error')].length,
                };
            }"""
        )
        raw = [tex for tex in RAW_TEX if tex in state["text"]]
        for label, bad in (
            ("console errors", watched.console_errors),
            ("requests to other hosts", watched.foreign_requests),
            ("raw TeX left", raw),
            ("broken images", state["broken"]),
        ):
            if bad:
                problems.append(f"{path}: {label}: {bad}")
        if state["errors"]:
            problems.append(f"{path}: {state['errors']} KaTeX errors")
    assert not problems, "\n".join(problems)


def test_lstm_page_has_typeset_math(base_url, watched):
    watched.page.goto(base_url + "topics/lstm/")
    assert watched.page.locator(".md-content .katex").count() > 0
    assert watched.page.locator(".md-content .katex-display").count() > 0
