"""The markup fixes of study_wiki/accessible_html.py on the HTML the extensions write."""

from __future__ import annotations

from bs4 import BeautifulSoup

from study_wiki.accessible_html import accessible


def parsed(markup: str) -> BeautifulSoup:
    return BeautifulSoup(accessible(markup), "html.parser")


def test_a_display_equation_is_named_by_its_tag() -> None:
    page = parsed(
        '<span class="katex-display"><span class="katex"><span class="katex-mathml">'
        '<math display="block" alttext="a = b \\tag{3.1}"><mi>a</mi></math></span></span>'
        '</span><span class="katex-display"><span class="katex"><span class="katex-mathml">'
        '<math display="block" alttext="c"><mi>c</mi></math></span></span></span>'
    )
    first, second = page.select("span.katex-display")
    assert (first["tabindex"], first["role"], first["aria-label"]) == ("0", "group", "수식 (3.1)")
    assert second["aria-label"] == "수식"


def test_code_blocks_are_named_by_file_or_language_escaped() -> None:
    page = parsed(
        '<div class="language-python highlight"><span class="filename">a "b".py</span>'
        "<pre><span></span><code>x = 1</code></pre></div>"
        '<div class="highlight"><pre><span></span><code>plain</code></pre></div>'
        '<div class="language-sh highlight"><pre><span></span><code>ls</code></pre></div>'
    )
    names = [code["aria-label"] for code in page.select("pre > code")]
    assert names == ['코드: a "b".py', "코드", "코드 (sh)"]
    assert all(code["tabindex"] == "0" for code in page.select("pre > code"))


def test_tables_are_named_by_their_header_and_classed_tables_left_alone() -> None:
    page = parsed(
        "<table>\n<thead>\n<tr><th>상황</th><th><code>초</code></th><th>a</th><th>b</th>"
        "<th>c</th></tr>\n</thead><tbody><tr><td>1</td></tr></tbody></table>"
        "<table><tbody><tr><td>no header</td></tr></tbody></table>"
        '<table class="layout"><tr><td>x</td></tr></table>'
    )
    first, second, third = page.select("table")
    assert first["aria-label"] == "표: 상황, 초, a, b, …" and first["tabindex"] == "0"
    assert second["aria-label"] == "표"
    assert "tabindex" not in third.attrs


def test_notebook_cells_are_numbered() -> None:
    page = parsed('<div class="highlight-ipynb hl-python"><pre>1</pre></div>' * 2)
    assert [c["aria-label"] for c in page.select("div.highlight-ipynb")] == [
        "코드 셀 1 (python)",
        "코드 셀 2 (python)",
    ]


def test_task_text_moves_into_the_label_up_to_a_nested_list() -> None:
    control = (
        '<label class="task-list-control"><input type="checkbox" disabled/>'
        '<span class="task-list-indicator"></span></label>'
    )
    page = parsed(
        f'<ul><li class="task-list-item">{control} <code>make</code> 통과'
        f'<ul><li class="task-list-item">{control} 하위</li></ul></li>'
        f'<li class="task-list-item"><p>{control} 느슨한 목록</p><p>둘째 문단</p></li></ul>'
    )
    labels = [label.get_text(" ", strip=True) for label in page.select("label")]
    assert labels == ["make 통과", "하위", "느슨한 목록"]
    assert all(label.select_one("input[type=checkbox]") for label in page.select("label"))


def test_twice_is_the_same_as_once() -> None:
    markup = (
        "<table><thead><tr><th>a</th></tr></thead></table>"
        '<div class="language-sh highlight"><pre><span></span><code>ls</code></pre></div>'
    )
    assert accessible(accessible(markup)) == accessible(markup)
