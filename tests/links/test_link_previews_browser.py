"""Hover previews of wikilinks, equation and figure references, citations and footnotes,
in headless Chromium on the links fixture site: mouse hover, and tap-then-follow on touch."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.support.browser import serve
from tests.support.links_project import make_links_project
from tests.support.mini_project import build

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PREVIEW = ".link-preview"


@pytest.fixture(scope="module")
def links_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = make_links_project(tmp_path_factory.mktemp("previews") / "project")
    result = build(project)
    assert result.returncode == 0, result.stderr[-4000:]
    server, url = serve(project / "site")
    yield url
    server.shutdown()
    server.server_close()


def open_page(browser, url: str, *, touch: bool = False):
    options = {"viewport": {"width": 1100, "height": 850}}
    if touch:
        options.update(has_touch=True, is_mobile=True, viewport={"width": 420, "height": 850})
    context = browser.new_context(**options)
    page = context.new_page()
    foreign: list[str] = []
    errors: list[str] = []
    host = urlsplit(url).hostname

    def route(r) -> None:
        if r.request.url.startswith("data:") or urlsplit(r.request.url).hostname == host:
            r.continue_()
        else:
            foreign.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return context, page, foreign, errors


def hover_preview(page, selector: str):
    page.mouse.move(1, 1)
    page.wait_for_selector(PREVIEW, state="detached")
    link = page.locator(selector).first
    link.scroll_into_view_if_needed()
    link.hover()
    preview = page.locator(PREVIEW)
    preview.wait_for(state="visible", timeout=15000)
    return preview


def test_hover_previews_show_the_target(browser, links_url: str, artifacts: Path) -> None:
    context, page, foreign, errors = open_page(browser, links_url)
    page.goto(links_url + "topics/lstm-demo/")

    equation = hover_preview(page, "a.eqref >> nth=0")  # 식 (2)
    assert equation.locator(".katex-display").count() == 1
    assert equation.locator(".katex-tag").inner_text() == "(2)"
    assert "diag" in equation.inner_text()
    page.screenshot(path=str(artifacts / "link-preview-equation.png"))

    citation = hover_preview(page, "a.citation__ref >> nth=0")
    assert "On the difficulty of training recurrent neural networks" in citation.inner_text()

    figure = hover_preview(page, "a.figref")
    assert figure.locator("img").count() == 1
    assert "그림 1. 공유 모듈을 쓰는 그림" in figure.inner_text()
    assert page.evaluate("document.querySelector('.link-preview img').naturalWidth") > 0, (
        "the figure's image loads inside the preview"
    )

    footnote = hover_preview(page, "a.footnote-ref")
    assert footnote.inner_text().strip().startswith("각주는 Material의 툴팁으로도")

    page.goto(links_url + "topics/rnn-demo/")
    heading = hover_preview(page, "a.wikilink >> nth=4")  # [[lstm-demo#셀 상태 경로]]
    text = heading.inner_text()
    assert text.startswith("셀 상태 경로") and "셀 상태는 다음처럼 갱신됩니다." in text
    other = hover_preview(page, "a.eqref")  # [[lstm-demo#eq:grad]], from another page
    assert other.locator(".katex-tag").inner_text() == "(2)"
    page.screenshot(path=str(artifacts / "link-preview-other-page.png"))

    # clicking a previewed link follows it, and the preview does not stay behind
    hover_preview(page, "a.wikilink >> nth=0").wait_for(state="visible")
    page.locator("a.wikilink >> nth=0").click()
    page.wait_for_url("**/topics/lstm-demo/", timeout=20000)
    page.wait_for_selector(PREVIEW, state="detached", timeout=15000)
    assert not foreign and not errors, (foreign, errors)
    context.close()


def test_touch_first_tap_previews_second_tap_follows(
    browser, links_url: str, artifacts: Path
) -> None:
    context, page, foreign, errors = open_page(browser, links_url, touch=True)
    page.goto(links_url + "topics/rnn-demo/")
    link = page.locator("a.wikilink >> nth=0")
    link.scroll_into_view_if_needed()
    link.tap()
    preview = page.locator(PREVIEW)
    preview.wait_for(state="visible", timeout=15000)
    assert preview.inner_text().startswith("LSTM 데모 노트")
    assert page.url.partition("#")[0].endswith("/topics/rnn-demo/"), "the first tap only previews"
    page.screenshot(path=str(artifacts / "link-preview-touch.png"))

    link.tap()
    page.wait_for_url("**/topics/lstm-demo/", timeout=20000)
    assert page.locator(PREVIEW).count() == 0

    # navigation.tracking writes the section in view into the fragment as the page scrolls,
    # so the path and the citation's own target tell whether a tap followed a link.
    # a tap somewhere else closes a preview without following anything
    cite = page.locator("a.citation__ref >> nth=0")
    cite.scroll_into_view_if_needed()
    cite.tap()
    page.locator(PREVIEW).wait_for(state="visible", timeout=15000)
    page.locator("h1").tap()
    page.wait_for_selector(PREVIEW, state="detached")
    path, _, fragment = page.url.partition("#")
    assert path.endswith("/topics/lstm-demo/")
    assert "#" + fragment != cite.get_attribute("href")
    assert not foreign and not errors, (foreign, errors)
    context.close()
