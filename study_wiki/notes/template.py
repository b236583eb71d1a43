"""The team's daily-note template: a new note's front matter and sections.

Used by `python -m study_wiki new-note` and by the benchmark's synthetic notes.
"""

from __future__ import annotations

import datetime as dt

import yaml

TEMPLATE = """\
---
date: {date}
authors:
{authors}
categories:
{categories}
tags:
{tags}
slug: {slug}
description: {description}
---

# {title}

<!-- 위 description은 검색 결과와 미리보기에 쓰입니다. 이 노트를 한 문장(20~200자)으로
     요약하도록 고쳐 주세요. 아래 요약 문단은 데일리 로그 목록에 그대로 보입니다. -->

오늘 공부한 내용을 한두 문장으로 요약해 주세요.

<!-- more -->

## 공부한 내용 정리

<!-- 강의·논문·코드에서 배운 것을 정리합니다. 수식은 $...$ 또는 $$...$$,
     그림은 ![설명](snippet:주제/이름.py "캡션") 한 줄로 넣습니다
     (CONTRIBUTING.md 참고). 다른 노트는 [[파일 이름이나 제목]], 번호 붙은 식은
     $$ ... $$ {{#eq:이름}} 과 @eq:이름, 인용은 references.bib의 [@pascanu2013] 로 씁니다. -->

## 피어세션 정리

<!-- 피어세션에서 나온 질문, 토론, 서로 알려 준 내용을 적습니다. -->

## 학습 회고

<!-- 잘한 점, 아쉬운 점, 내일 할 일을 짧게 적습니다. -->
"""


def yaml_list(items: list[str]) -> str:
    return "\n".join(f"  - {yaml_scalar(item)}" for item in items)


def yaml_scalar(value: str) -> str:
    """`value` as a YAML scalar, quoted only when YAML would misread it."""
    dumped = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True)
    return dumped.removesuffix("\n...\n").strip()


def render(
    *,
    date: dt.date,
    authors: list[str],
    categories: list[str],
    tags: list[str],
    slug: str,
    title: str,
    description: str,
) -> str:
    return TEMPLATE.format(
        date=date.isoformat(),
        authors=yaml_list(authors),
        categories=yaml_list(categories),
        tags=yaml_list(tags),
        slug=slug,
        description=yaml_scalar(description),
        title=title,
    )
