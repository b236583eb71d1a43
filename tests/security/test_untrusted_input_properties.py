"""Property tests over front matter values and figure lines (bounded: a few seconds)."""

from __future__ import annotations

import html

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from study_wiki.escaping import escape_meta, safe_text, striptags_escaped
from study_wiki.figure_syntax import SNIPPET_TARGET, scan
from study_wiki.masking import CODE_SPAN
from study_wiki.notes.schema import check_page

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text a contributor might type, weighted towards what breaks markup and YAML.
MARKUP = st.sampled_from(list("<>&\"'`=/:;#-*![](){}|\\ \t") + ["<!--", "-->", "```", "\n"])
TEXT = st.lists(st.one_of(MARKUP, st.text(min_size=1, max_size=3)), max_size=20).map("".join)
YAML_SOUP = st.lists(
    st.one_of(MARKUP, st.sampled_from(["&a ", "*a", "- ", ": ", "title", "tags", "?", "!!"])),
    max_size=30,
).map("".join)


@FAST
@given(title=TEXT, description=TEXT, tags=st.lists(TEXT, max_size=3))
def test_any_front_matter_values_give_problems_not_exceptions(
    title: str, description: str, tags: list[str]
) -> None:
    block = yaml.safe_dump(
        {"title": title, "description": description, "tags": tags}, allow_unicode=True
    )
    meta, problems = check_page("docs/x.md", "x.md", f"---\n{block}---\n", ["team"], [])
    for problem in problems:
        assert problem.line >= 1
        assert str(problem).startswith("docs/x.md:")
    if not problems:
        escape_meta(meta)
        for value in [meta["title"], meta["description"], *meta["tags"]]:
            assert not set(str(value)) & set("<>\"'")
        # What YAML reads back (PyYAML folds a raw NEL or LS it wrote into a space).
        assert html.unescape(str(meta["title"])) == yaml.safe_load(block)["title"]


@FAST
@given(front_matter=YAML_SOUP)
def test_any_front_matter_text_gives_problems_not_exceptions(front_matter: str) -> None:
    text = (
        f"---\ndescription: 퍼징으로 만든 머리말을 검사합니다 충분히 길게.\n{front_matter}\n---\n"
    )
    _, problems = check_page("docs/x.md", "x.md", text, ["team"], [])
    for problem in problems:
        assert problem.line >= 1


@FAST
@given(text=TEXT)
def test_escaped_text_stays_text_through_striptags(text: str) -> None:
    shown = striptags_escaped(safe_text(text))
    assert "<" not in shown and '"' not in shown
    assert safe_text(safe_text(text)) == safe_text(text)  # escaping twice changes nothing


NAME = st.from_regex(r"[a-z][a-z0-9_]{0,8}/[a-z][a-z0-9_]{0,8}\.py", fullmatch=True)
ALT = st.text(st.characters(blacklist_characters="]\n\r"), min_size=1, max_size=20)
CAPTION = st.text(st.characters(blacklist_characters='"\n\r'), max_size=20)


@FAST
@given(indent=st.sampled_from(["", "    "]), alt=ALT, name=NAME, caption=CAPTION)
def test_a_valid_figure_line_is_found_once(indent: str, alt: str, name: str, caption: str) -> None:
    line = f'{indent}![{alt}](snippet:{name} "{caption}")'
    before = "!!! note\n\n" if indent else ""
    found = scan(f"# 제목\n\n{before}{line}\n")
    assert [m.group("name") for m in found.figures] == [name], found
    assert found.figures[0].group("alt") == alt
    assert not found.near_misses


@FAST
@given(prefix=TEXT, suffix=TEXT, alt=ALT, name=NAME, caption=TEXT)
def test_a_snippet_image_is_a_figure_or_a_near_miss_never_ignored(
    prefix: str, suffix: str, alt: str, name: str, caption: str
) -> None:
    line = f"{prefix}![{alt}](snippet:{name} {caption}){suffix}".replace("\n", " ")
    found = scan(f"# 제목\n\n{line}\n")
    if "<!--" in line or "`" in line or line.expandtabs(4).startswith("    "):
        return  # comments, code spans and indented code may hide it, correctly
    if SNIPPET_TARGET.search(CODE_SPAN.sub("", line)):
        assert found.figures or found.near_misses, line


@FAST
@given(body=TEXT, fence=st.sampled_from(["```", "~~~", "````"]))
def test_nothing_inside_a_fence_is_a_figure(body: str, fence: str) -> None:
    body = body.replace(fence[0] * 3, "")
    found = scan(f"{fence}\n![a](snippet:x/y.py)\n{body}\n{fence}\n")
    assert not found.figures and not found.near_misses
