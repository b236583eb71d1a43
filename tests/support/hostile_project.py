"""A mini project whose contributor text tries to run script, for the escaping tests.

Every payload sets `window.__pwned` when it runs; plain text with markup-like
characters (`List<int>`, quotes) must come out exactly as written.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from tests.support.mini_project import make_mini_project, write

SCRIPT = "<script>window.__pwned='script'</script>"
IMG = '"><img src=x onerror="window.__pwned=\'img\'">'
# Shown text that must survive unchanged.
ALT_IMG = "<img src=x onerror=window.__pwned='alt'>"
CAPTION_IMG = "<img src=x onerror=window.__pwned='caption'>"
PLAIN_TITLE = "List<int>와 \"LSTM\"의 'gate'"

# Raw HTML that runs script (setting window.__pwned) or loads another host in a browser;
# html.parser read some of it as harmless text.
HTML_PAYLOADS = {
    "comment": '<!--><img src=x onerror="window.__pwned=1">-->',
    "cdata": '<![CDATA[><img src=x onerror="window.__pwned=2">]]>',
    "svg style": '<svg><style><img src=x onerror="window.__pwned=3"></style></svg>',
    "noscript": '<noscript><p title="</noscript><img src=x onerror=window.__pwned=4>"></noscript>',
    "xmp": '<xmp><img src=x onerror="window.__pwned=5"></xmp>',
    "textarea": '<textarea><img src=x onerror="window.__pwned=6"></textarea>',
    "noembed": '<noembed><img src=x onerror="window.__pwned=7"></noembed>',
    "tab in scheme": '<a href="jav&#x09;ascript:alert(1)">x</a>',
    "newline in scheme": '<a href="java\nscript:alert(1)">x</a>',
    "upper case": '<a href=" JaVaScRiPt:alert(1)">x</a>',
    "svg animate": '<svg><a><animate attributeName=href values="javascript:alert(1)"/>'
    "<text>x</text></a></svg>",
    "svg xlink": '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "math mglyph": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "iframe srcdoc": '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "object": '<object data="data:text/html,<script>alert(1)</script>"></object>',
    "embed": '<embed src="data:text/html,x">',
    "base": '<base href="https://evil.example/">',
    "meta refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "form": '<form action="javascript:alert(1)"><button>go</button></form>',
    "button formaction": '<button formaction="javascript:alert(1)">go</button>',
    "vbscript": '<a href="vbscript:msgbox(1)">x</a>',
    "data html link": '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "style import": "<style>@import url(https://evil.example/x.css);</style>",
    "link stylesheet": '<link rel="stylesheet" href="https://evil.example/y.css">',
    "image other host": '<img src="https://evil.example/z.png">',
    "image no scheme": '<img src="//evil.example/z.png">',
    "srcset": '<img src="a.png" srcset="https://evil.example/z.png 2x">',
    "style url": '<p style="background: url(https://evil.example/z.png)">x</p>',
    "input image": '<input type="image" src="https://evil.example/z.png">',
    "video poster": '<video poster="https://evil.example/z.png"></video>',
    "theme id": '<div id="__config">{"search": "https://evil.example/w.js"}</div>',
    "autofocus": '<input type="checkbox" autofocus onfocus="alert(1)">',
}


def payload(where: str) -> str:
    return f"{where} {SCRIPT}{IMG} List<int>"


def yaml_str(text: str) -> str:
    """A double-quoted YAML scalar holding `text`."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def make_hostile_project(destination: Path) -> Path:
    project = make_mini_project(destination)
    docs = project / "docs"
    write(
        docs / "index.md",
        textwrap.dedent(f"""\
        ---
        title: {yaml_str(PLAIN_TITLE)}
        description: {yaml_str(payload('설명 "LSTM"이 들어간 문장입니다'))}
        tags:
          - {yaml_str(payload("태그"))}
        ---
        # 첫 페이지

        검색어 hostilecanary 가 들어간 문단입니다.

        ![대체 {ALT_IMG}](snippet:demo/wave.py "캡션 {CAPTION_IMG} List<int>")
        """),
    )
    write(
        docs / "second.md",
        textwrap.dedent(f"""\
        ---
        title: {yaml_str(payload("둘째 제목"))}
        description: 이웃 페이지 제목이 이스케이프되는지 보는 두 번째 페이지입니다.
        ---
        hostilecanary 를 다시 적습니다.
        """),
    )
    write(
        docs / "daily" / ".authors.yml",
        textwrap.dedent(f"""\
        authors:
          team:
            name: {yaml_str(payload("팀"))}
            description: {yaml_str(payload("저자 설명"))}
            avatar: ../assets/avatar.svg
        """),
    )
    write(
        docs / "daily" / "posts" / "2021-09-20-evil.md",
        textwrap.dedent(f"""\
        ---
        title: {yaml_str(payload("글 제목"))}
        date: 2021-09-20
        authors:
          - team
        tags:
          - {yaml_str(payload("글 태그"))}
        slug: evil
        description: {yaml_str(payload("글 설명입니다 충분히 긴 문장"))}
        ---
        # 글

        요약 문단 hostilecanary 입니다.

        <!-- more -->

        본문입니다.
        """),
    )
    write(
        docs / "tags.md",
        "---\ndescription: 모든 태그를 모아 보여 주는 페이지입니다.\n---\n"
        "# 태그\n\n<!-- material/tags -->\n",
    )
    return project
