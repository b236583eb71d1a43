"""A notebook page's headings get the Hangul-keeping ids its table of contents lists."""

from __future__ import annotations

from mkdocs.structure.toc import AnchorLink

from study_wiki.notebooks.execute import readable_heading_ids


def heading(level: int, nb_id: str, title: str) -> str:
    anchor = f'<a class="anchor-link" href="#{nb_id}">¶</a>'
    return f'<h{level} id="{nb_id}">{title}{anchor}</h{level}>'


def test_each_heading_gets_its_own_id_when_nbconvert_gave_them_the_same() -> None:
    # nbconvert drops Hangul: both titles below get the empty id.
    html = heading(1, "", "역전파") + "<p>x</p>"
    html += heading(2, "", "순전파") + heading(2, "", "순전파")
    top = AnchorLink("역전파", "", 1)
    top.children = [AnchorLink("순전파", "", 2), AnchorLink("순전파", "", 2)]
    result = readable_heading_ids(html, [top])
    expected = heading(1, "역전파", "역전파") + "<p>x</p>"
    expected += heading(2, "순전파", "순전파") + heading(2, "순전파_1", "순전파")
    assert result == expected
    assert [top.id, *(child.id for child in top.children)] == ["역전파", "순전파", "순전파_1"]


def test_headings_the_toc_does_not_list_one_for_one_are_left_alone() -> None:
    html = heading(2, "a", "가") + heading(2, "b", "나")
    assert readable_heading_ids(html, [AnchorLink("가", "a", 2)]) == html
