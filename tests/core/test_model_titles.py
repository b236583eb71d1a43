"""The titles the site model gives MkDocs before rendering (`Source.rendered_title`) are
the titles MkDocs takes from the rendered first heading, with the site's Markdown
extensions: checked on tricky headings and on the first heading of every page of docs/."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from study_wiki.core.paths import Project
from study_wiki.core.stage import NoOptions, Run
from study_wiki.model import ModelStage, SiteModel, read_source
from tests.support.project import ROOT

TRICKY = [
    "LSTM 게이트 정리 (0번째 노트)",
    "비교: 어텐션과 RNN!",
    "12:30 회의 (2차)",
    "a+b 와 c - d",
    "이모지 :smile: 제목",
    "점수 :+1: 받음",
    "단축키 ++ctrl+c++ 정리",
    "x::y 와 10:00:00",
    "*강조* 제목",
    "`코드` 제목",
    "링크 [[lstm]] 제목",
    "수식 $x^2$ 제목",
    "H~2~O 와 ^^삽입^^ 와 ==표시==",
    "속성 {: #id }",
    "<b>굵게</b> 제목",
    "닫는 해시 ##",
    "따옴표 \"인용\" 와 'ㅇ'",
    "&amp; 엔티티",
    "괄호 (a) [b]",
    "!느낌표 ![그림](x.png)",
]


@pytest.fixture(scope="module")
def config() -> MkDocsConfig:
    config = load_config(str(ROOT / "mkdocs.yml"))
    # The plugin takes the site's own extensions out of the list (they need a build);
    # no heading the model accepts has their syntax ([[, [@, $, {#).
    config.markdown_extensions[:] = [
        e for e in config.markdown_extensions if not e.startswith("study_wiki.")
    ]
    return config


def rendered(config: MkDocsConfig, text: str) -> str | None:
    file = File("page.md", src_dir=None, dest_dir="/nonexistent", use_directory_urls=True)
    page = Page(None, file, config)
    page.markdown, page.meta = text, {}
    page.render(config, Files([file]))
    return page.title


def model_title(text: str) -> str | None:
    return read_source("page.md", "docs/page.md", text.encode()).rendered_title()


@pytest.mark.parametrize("heading", TRICKY)
def test_model_title_is_the_rendered_title(config: MkDocsConfig, heading: str) -> None:
    text = f"# {heading}\n\n본문.\n"
    title = model_title(text)
    if title is not None:
        assert title == rendered(config, text), heading


def test_plain_headings_are_known_before_rendering() -> None:
    for heading in (
        "LSTM 게이트 정리 (0번째 노트)",
        "비교: 어텐션과 RNN!",
        "12:30 회의 (2차)",
        "a+b 와 c - d",
    ):
        assert model_title(f"# {heading}\n") == heading
    for heading in TRICKY[4:9]:
        assert model_title(f"# {heading}\n") is None


def test_every_page_title_is_the_rendered_title(config: MkDocsConfig) -> None:
    known = 0
    for path in sorted((ROOT / "docs").rglob("*.md")):
        source = read_source("page.md", str(path), path.read_bytes())
        title = source.rendered_title()
        if title is None:
            continue
        known += 1
        assert title == rendered(config, source.body_text), path
    assert known


def test_one_title_rule_reads_the_heading_as_rendered(config: MkDocsConfig) -> None:
    """`Source.title`, the title the link index, timelines and glossary show, is the
    rendered heading's text where that is text (markup, code, attributes, closing hashes)."""
    for heading in [*TRICKY[8:10], *TRICKY[13:16], "코드 `x` {#code-id}", "C# 입문"]:
        text = f"# {heading}\n\n본문.\n"
        assert read_source("p.md", "docs/p.md", text.encode()).title == rendered(config, text)
    in_code = "```python\n# 주석\n```\n\n본문.\n"
    assert read_source("topics/x.md", "docs/topics/x.md", in_code.encode()).title == "x"
    named = "---\ntitle: ' 머리말 제목 '\n---\n# 본문 제목\n"
    assert read_source("p.md", "docs/p.md", named.encode()).title == "머리말 제목"


def test_a_page_removed_after_mkdocs_listed_it_is_its_problem(tmp_path) -> None:
    """Deleted while `mkdocs serve` builds: a message for that page, the others read."""
    from study_wiki.core.paths import Project
    from study_wiki.model import SiteModel

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "here.md").write_text("# 여기\n", encoding="utf-8")
    listed = [
        File(name, str(docs), str(tmp_path / "site"), False) for name in ("here.md", "gone.md")
    ]
    site = SiteModel()
    site.read(Files(listed), Project.at(tmp_path), {})
    assert site.pages["here.md"].title == "여기"
    assert [str(p) for p in site.pages["gone.md"].problems] == [
        "docs/gone.md: was removed while the site was being built: build again"
    ]


@pytest.mark.parametrize(
    ("body", "title"),
    [
        ("본문부터 씁니다.\n", "2021-09-22-note"),
        ("본문부터 씁니다.\n\n# 나중에 온 제목\n", "나중에 온 제목"),
        ("```python\n# 코드 속 주석\n```\n", "2021-09-22-note"),
        ("## 둘째 단계 제목\n", "2021-09-22-note"),
    ],
)
def test_a_page_that_opens_without_a_heading_gets_the_model_title(
    config: MkDocsConfig, body: str, title: str
) -> None:
    """MkDocs would name it after its file ("2021 09 22 note"); the page shows the title
    its timeline and links show."""
    text = f"---\ndescription: x\n---\n\n{body}"
    site = SiteModel()
    site.pages["peer-sessions/2021-09-22-note.md"] = source = read_source(
        "peer-sessions/2021-09-22-note.md", "docs/peer-sessions/2021-09-22-note.md", text.encode()
    )
    assert source.title == title
    file = File("peer-sessions/2021-09-22-note.md", None, "/nonexistent", use_directory_urls=True)
    page = Page(None, file, config)
    page.markdown, page.meta = source.body_text, dict(source.meta)
    ModelStage(NoOptions(), Run(), {}, site, Project.at(ROOT)).on_page_markdown(
        page.markdown, page=page, config=config, files=Files([file])
    )
    page.render(config, Files([file]))
    assert page.title == title


def test_an_index_page_without_a_title_keeps_mkdocs_title(config: MkDocsConfig) -> None:
    site = SiteModel()
    src_uri = "peer-sessions/index.md"
    site.pages[src_uri] = read_source(src_uri, f"docs/{src_uri}", b"---\nx: 1\n---\n\nText.\n")
    file = File(src_uri, None, "/nonexistent", use_directory_urls=True)
    page = Page(None, file, config)
    page.markdown, page.meta = "Text.\n", {"x": 1}
    ModelStage(NoOptions(), Run(), {}, site, Project.at(ROOT)).on_page_markdown(
        page.markdown, page=page, config=config, files=Files([file])
    )
    page.render(config, Files([file]))
    assert page.title == "Index" == site.pages[src_uri].title


def test_a_page_that_opens_with_a_heading_keeps_the_rendered_title(config: MkDocsConfig) -> None:
    for text in ("# *강조* 제목\n", "밑줄 제목\n===\n", "# 평범한 제목\n"):
        source = read_source("p.md", "docs/p.md", text.encode())
        assert source.opens_with_heading(), text


@pytest.mark.parametrize(
    "body",
    [
        "# 제목\n",
        "#제목\n",  # Python-Markdown needs no space after the hash
        "  # 제목\n",  # indented: a paragraph, not a heading
        "제목\n===\n",
        "  제목\n=\n",
        "제목 {#x}\n===\n",
        "*강조* 제목\n===\n",
        "제목\n  ===\n",  # an indented underline is text
        "제목\n---\n",  # a level-2 heading
        "#\n\n본문.\n",  # an empty heading names nothing
        "# 제목 #\n",
        "본문부터.\n\n#나중 제목\n",
    ],
)
@pytest.mark.parametrize("src_uri", ["topics/p-note.md", "topics/index.md", "index.md"])
def test_the_page_title_is_the_title_its_links_show(
    config: MkDocsConfig, body: str, src_uri: str
) -> None:
    """Whatever heading a page opens with, the title MkDocs gives it (tab, navigation)
    is `Source.title`, which links, timelines and the glossary show."""
    site = SiteModel()
    site.pages[src_uri] = source = read_source(src_uri, f"docs/{src_uri}", body.encode())
    file = File(src_uri, None, "/nonexistent", use_directory_urls=True)
    page = Page(None, file, config)
    page.markdown, page.meta = source.body_text, {}
    ModelStage(NoOptions(), Run(), {}, site, Project.at(ROOT)).on_page_markdown(
        page.markdown, page=page, config=config, files=Files([file])
    )
    page.render(config, Files([file]))
    assert page.title == source.title, body
    first = BeautifulSoup(page.content, "html.parser").find(True)
    if first is not None and first.name == "h1":
        for permalink in first.select("a.headerlink"):
            permalink.decompose()
        shown = first.get_text().strip()
        assert page.title == (shown or source.title), body
