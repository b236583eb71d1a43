"""새 데일리 노트를 팀 템플릿으로 만듭니다: docs/daily/posts/<날짜>-<slug>.md

예:
    .venv/bin/python scripts/new_note.py
    .venv/bin/python scripts/new_note.py --date 2021-09-20 --author jewoo \\
        --author donggyu --title "LSTM 게이트 정리" --tag LSTM --slug lstm-gates
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "hooks"))

from note_schema import FRONT_MATTER, check_page  # noqa: E402

SERVE_ADDRESS = "http://127.0.0.1:8000"  # `make serve` uses --dev-addr 127.0.0.1:8000
DEFAULT_CATEGORIES = ["공부 정리", "피어세션", "학습 회고"]
DEFAULT_TAG = "데일리 노트"
DEFAULT_AUTHOR = "team"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

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


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its !ENV and !!python tags."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_config(root: Path) -> dict:
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=_ConfigLoader) or {}  # noqa: S506 - safe subclass


def blog_options(config: dict) -> dict:
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "blog" in plugin:
            return plugin["blog"] or {}
    return {}


def known_authors(root: Path) -> list[str]:
    authors_file = root / "docs" / "daily" / ".authors.yml"
    if not authors_file.is_file():
        return []
    data = yaml.safe_load(authors_file.read_text(encoding="utf-8")) or {}
    return sorted(data.get("authors") or {})


def existing_slugs(posts: Path) -> dict[str, Path]:
    """Slug of every post already written, as the build's duplicate check sees it."""
    slugs: dict[str, Path] = {}
    for path in sorted(posts.glob("*.md")):
        match = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
        try:
            meta = yaml.safe_load(match.group(1) or "") if match else None
        except (yaml.YAMLError, ValueError):  # the build reports these itself
            meta = None
        slug = (meta or {}).get("slug") if isinstance(meta, dict) else None
        slugs[str(slug or path.stem)] = path
    return slugs


def slug_from_title(title: str) -> str:
    """A URL slug from a Latin-letter title, or `note` for any other title."""
    if not title.isascii():
        return "note"
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return slug or "note"


def serve_url(config: dict, date: dt.date, slug: str) -> str:
    """Where `mkdocs serve` shows the post: it serves under site_url's path."""
    prefix = urlsplit(config.get("site_url") or "/").path.rstrip("/")
    blog_dir = blog_options(config).get("blog_dir", "blog").strip("/")
    return f"{SERVE_ADDRESS}{prefix}/{blog_dir}/{date:%Y/%m/%d}/{slug}/"


def yaml_list(items: list[str]) -> str:
    return "\n".join(f"  - {yaml_scalar(item)}" for item in items)


def yaml_scalar(value: str) -> str:
    """`value` as a YAML scalar, quoted only when YAML would misread it."""
    dumped = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True)
    return dumped.removesuffix("\n...\n").strip()


def default_description(title: str) -> str:
    text = f"{title}: 공부한 내용, 피어세션, 학습 회고를 정리한 데일리 노트입니다."
    return text if len(text) <= 200 else text[:197] + "..."


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


def write_new(path: Path, text: str) -> None:
    """Write atomically and never replace an existing file (link fails if it exists)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as tmp:
            tmp.write(text)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.link(tmp_name, path)
    finally:
        Path(tmp_name).unlink(missing_ok=True)


def parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{value}'은(는) 날짜가 아닙니다. YYYY-MM-DD 형식으로 쓰세요 (예: 2021-09-20)"
        ) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="new_note.py",
        description="팀 템플릿(공부한 내용 정리 · 피어세션 정리 · 학습 회고)으로 "
        "새 데일리 노트를 docs/daily/posts/<날짜>-<slug>.md 에 만듭니다. "
        "이미 있는 파일은 절대 덮어쓰지 않습니다.",
        epilog="예: new_note.py --date 2021-09-20 --author jewoo --author donggyu "
        '--title "LSTM 게이트 정리" --tag LSTM --slug lstm-gates',
    )
    parser.add_argument(
        "--date",
        type=parse_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="노트 날짜 (기본값: 오늘)",
    )
    parser.add_argument(
        "--author",
        dest="authors",
        action="append",
        metavar="ID",
        help="저자 id, docs/daily/.authors.yml에 있는 것 (여러 번 쓸 수 있음; "
        f"기본값: {DEFAULT_AUTHOR})",
    )
    parser.add_argument(
        "--title", default=None, help="노트 제목 (기본값: 'YYYY-MM-DD 데일리 노트')"
    )
    parser.add_argument(
        "--tag",
        dest="tags",
        action="append",
        metavar="TAG",
        help=f"태그 (여러 번 쓸 수 있음; 기본값: {DEFAULT_TAG})",
    )
    parser.add_argument(
        "--category",
        dest="categories",
        action="append",
        metavar="NAME",
        help="분류 (여러 번 쓸 수 있음; 기본값: " + ", ".join(DEFAULT_CATEGORIES) + ")",
    )
    parser.add_argument(
        "--slug",
        default=None,
        help="주소에 쓰일 이름: 영문 소문자, 숫자, '-' (기본값: 영문 제목에서 만들고, "
        "한글 제목이면 note)",
    )
    parser.add_argument(
        "--description",
        default=None,
        help="검색과 미리보기에 쓰일 한 문장 요약, 20~200자 (기본값: 제목으로 만든 문장)",
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=REPO,
        help="사이트 저장소 폴더 (기본값: 이 스크립트가 있는 저장소)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    root: Path = args.root.resolve()
    if not (root / "mkdocs.yml").is_file():
        parser.error(f"{root}에 mkdocs.yml이 없습니다; --root로 사이트 저장소 폴더를 주세요")
    config = read_config(root)

    date: dt.date = args.date or dt.date.today()
    title = (args.title or f"{date.isoformat()} 데일리 노트").strip()
    authors = args.authors or [DEFAULT_AUTHOR]
    tags = args.tags or [DEFAULT_TAG]
    categories = args.categories or DEFAULT_CATEGORIES
    description = args.description or default_description(title)

    known = known_authors(root)
    unknown = [a for a in authors if a not in known]
    if unknown:
        parser.error(
            f"모르는 저자 id: {', '.join(unknown)}. "
            f"알려진 저자: {', '.join(known) or '(없음)'}. "
            "새 사람은 docs/daily/.authors.yml에 먼저 추가하세요."
        )
    allowed = list(blog_options(config).get("categories_allowed") or [])
    wrong = [c for c in categories if allowed and c not in allowed]
    if wrong:
        parser.error(
            f"허용되지 않는 분류: {', '.join(wrong)}. 쓸 수 있는 분류: {', '.join(allowed)}"
        )
    if args.slug is not None and not SLUG.match(args.slug):
        parser.error(
            f"slug '{args.slug}'는 쓸 수 없습니다: 영문 소문자, 숫자와 '-'만 쓰세요 "
            "(예: lstm-gates)"
        )

    posts = root / "docs" / "daily" / "posts"
    slug = args.slug or slug_from_title(title)
    path = posts / f"{date.isoformat()}-{slug}.md"
    shown = path.relative_to(root).as_posix()
    if path.exists():
        print(
            f"오류: {shown} 가 이미 있습니다. 덮어쓰지 않습니다. 그 파일을 고치거나 "
            "--slug로 다른 이름을 주세요.",
            file=sys.stderr,
        )
        return 1
    taken = existing_slugs(posts)
    if slug in taken:
        if args.slug is not None:
            print(
                f"오류: slug '{slug}'는 이미 "
                f"{taken[slug].relative_to(root).as_posix()} 가 쓰고 있습니다. "
                "--slug로 다른 이름을 주세요.",
                file=sys.stderr,
            )
            return 1
        slug = f"{slug}-{date:%Y%m%d}"
        path = posts / f"{date.isoformat()}-{slug}.md"
        shown = path.relative_to(root).as_posix()
        if path.exists() or slug in taken:
            print(
                f"오류: {shown} 가 이미 있습니다. --slug로 다른 이름을 주세요.",
                file=sys.stderr,
            )
            return 1

    text = render(
        date=date,
        authors=authors,
        categories=categories,
        tags=tags,
        slug=slug,
        title=title,
        description=description,
    )
    src_uri = path.relative_to(root / "docs").as_posix()
    _, problems = check_page(shown, src_uri, text, known, allowed or categories)
    if problems:
        for problem in problems:
            print(f"오류: {problem}", file=sys.stderr)
        return 2
    try:
        write_new(path, text)
    except FileExistsError:
        print(
            f"오류: {shown} 가 방금 만들어졌습니다. 덮어쓰지 않습니다.",
            file=sys.stderr,
        )
        return 1

    print(f"새 노트: {shown}")
    print(f"미리보기 (make serve 실행 중일 때): {serve_url(config, date, slug)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
