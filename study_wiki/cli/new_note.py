"""새 데일리 노트를 팀 템플릿으로 만듭니다: docs/daily/posts/<날짜>-<slug>.md

예:
    .venv/bin/python -m study_wiki new-note      (또는 scripts/new_note.py)
    .venv/bin/python -m study_wiki new-note --date 2021-09-20 --author jewoo \\
        --author donggyu --title "LSTM 게이트 정리" --tag LSTM --slug lstm-gates
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

from study_wiki.core.atomic_file import create_new_file
from study_wiki.core.config_file import blog_options, read_config
from study_wiki.core.paths import CHECKOUT
from study_wiki.notes.metadata import read_authors, read_front_matter
from study_wiki.notes.schema import check_page
from study_wiki.notes.template import render

SERVE_ADDRESS = "http://127.0.0.1:8000"  # `make serve` uses --dev-addr 127.0.0.1:8000
DEFAULT_CATEGORIES = ["공부 정리", "피어세션", "학습 회고"]
DEFAULT_TAG = "데일리 노트"
DEFAULT_AUTHOR = "team"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def existing_slugs(posts: Path) -> dict[str, Path]:
    """Slug of every post already written, as the build's duplicate check sees it."""
    slugs: dict[str, Path] = {}
    for path in sorted(posts.glob("*.md")):
        slug = read_front_matter(path.read_text(encoding="utf-8")).get("slug")
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


def default_description(title: str) -> str:
    text = f"{title}: 공부한 내용, 피어세션, 학습 회고를 정리한 데일리 노트입니다."
    return text if len(text) <= 200 else text[:197] + "..."


def parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{value}'은(는) 날짜가 아닙니다. YYYY-MM-DD 형식으로 쓰세요 (예: 2021-09-20)"
        ) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m study_wiki new-note",
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
        default=CHECKOUT,
        help="사이트 저장소 폴더 (기본값: 이 패키지가 있는 저장소)",
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

    known = sorted(read_authors(root / "docs"))
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
        create_new_file(path, text)
    except FileExistsError:
        print(
            f"오류: {shown} 가 방금 만들어졌습니다. 덮어쓰지 않습니다.",
            file=sys.stderr,
        )
        return 1

    print(f"새 노트: {shown}")
    print(f"미리보기 (make serve 실행 중일 때): {serve_url(config, date, slug)}")
    return 0
