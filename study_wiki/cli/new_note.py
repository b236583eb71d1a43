"""`python -m study_wiki new-note`; study_wiki.notes.scaffold renders the day's files."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from urllib.parse import urlsplit

from study_wiki.cli.serve import ADDRESS
from study_wiki.core.config_file import blog_options, read_config
from study_wiki.core.paths import CHECKOUT
from study_wiki.model import PART_NAMES
from study_wiki.notes.metadata import read_authors
from study_wiki.notes.scaffold import (
    DEFAULT_AUTHOR,
    DEFAULT_TAG,
    POSTS,
    Day,
    day_files,
    default_description,
    existing_slugs,
    previous_programme,
    slug_from_title,
    write_day,
)
from study_wiki.notes.schema import SLUG, TOPIC, check_page


def serve_url(config: dict, date: dt.date, slug: str) -> str:
    """Where `mkdocs serve` shows the post: it serves under site_url's path."""
    prefix = urlsplit(config.get("site_url") or "/").path.rstrip("/")
    blog_dir = blog_options(config).get("blog_dir", "blog").strip("/")
    return f"http://{ADDRESS}{prefix}/{blog_dir}/{date:%Y/%m/%d}/{slug}/"


def parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{value}'은(는) 날짜가 아닙니다. YYYY-MM-DD 형식으로 쓰세요 (예: 2021-09-20)"
        ) from None


def positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"'{value}'은(는) 1 이상의 정수가 아닙니다 (예: 2)")
    return int(value)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m study_wiki new-note",
        description="하루치 노트를 만듭니다: 공부 정리 docs/daily/posts/<날짜>-<slug>.md, "
        "피어세션 docs/peer-sessions/<날짜>.md, 학습 회고 docs/retrospectives/<날짜>.md. "
        "이미 있는 파일은 절대 덮어쓰지 않습니다 (같은 날 두 번째 사람은 공부 정리만 새로 "
        "생기고, 피어세션과 회고는 있는 파일에 이어 씁니다).",
        epilog="예: new_note.py --date 2021-09-20 --author jewoo --author donggyu "
        '--title "LSTM 게이트 정리" --tag LSTM --slug lstm-gates --level 2 --week 8 '
        "--topic lstm",
    )
    parser.add_argument("--date", type=parse_date, default=None, metavar="YYYY-MM-DD",
                        help="노트 날짜 (기본값: 오늘)")  # fmt: skip
    parser.add_argument(
        "--author", dest="authors", action="append", metavar="ID",
        help="저자 id, docs/daily/.authors.yml에 있는 것 (여러 번 쓸 수 있음; "
        f"기본값: {DEFAULT_AUTHOR})",
    )  # fmt: skip
    parser.add_argument(
        "--participant", dest="participants", action="append", metavar="ID",
        help="피어세션에 함께한 사람 id (여러 번 쓸 수 있음; 기본값: 저자들)",
    )  # fmt: skip
    parser.add_argument("--title", default=None,
                        help="공부 정리의 제목 (기본값: 'YYYY-MM-DD 공부 정리')")  # fmt: skip
    parser.add_argument("--tag", dest="tags", action="append", metavar="TAG",
                        help=f"태그 (여러 번 쓸 수 있음; 기본값: {DEFAULT_TAG})")  # fmt: skip
    parser.add_argument(
        "--topic", dest="topics", action="append", metavar="NAME",
        help="이날 다룬 연구 노트, docs/topics/<NAME>.md (여러 번 쓸 수 있음)",
    )  # fmt: skip
    parser.add_argument(
        "--level", type=positive, default=None,
        help="과정의 level (기본값: 바로 전 노트의 level)",
    )  # fmt: skip
    parser.add_argument(
        "--week", type=positive, default=None,
        help="과정의 주차 (기본값: 바로 전 노트의 주차에 지나간 주 수를 더한 값)",
    )  # fmt: skip
    parser.add_argument(
        "--slug", default=None,
        help="주소에 쓰일 이름: 영문 소문자, 숫자, '-' (기본값: 영문 제목에서 만들고, "
        "한글 제목이면 note)",
    )  # fmt: skip
    parser.add_argument(
        "--description", default=None,
        help="검색과 미리보기에 쓰일 한 문장 요약, 20~200자 (기본값: 제목으로 만든 문장)",
    )  # fmt: skip
    parser.add_argument("--root", type=Path, default=CHECKOUT,
                        help="사이트 저장소 폴더 (기본값: 이 패키지가 있는 저장소)")  # fmt: skip
    return parser


def _error(message: str) -> int:
    print(f"오류: {message}", file=sys.stderr)
    return 1


def _check_arguments(
    parser: argparse.ArgumentParser,
    args: argparse.Namespace,
    root: Path,
    known: list[str],
    title: str,
) -> str:
    """Refuses what the build would refuse; the description the note gets."""
    unknown = [
        a for a in (args.authors or [DEFAULT_AUTHOR]) + (args.participants or []) if a not in known
    ]
    if unknown:
        parser.error(
            f"모르는 저자 id: {', '.join(unknown)}. "
            f"알려진 저자: {', '.join(known) or '(없음)'}. "
            "새 사람은 docs/daily/.authors.yml에 먼저 추가하세요."
        )
    if args.slug is not None and not SLUG.match(args.slug):
        parser.error(
            f"slug '{args.slug}'는 쓸 수 없습니다: 영문 소문자, 숫자와 '-'만 쓰세요 "
            "(예: lstm-gates)"
        )
    for topic in args.topics or []:
        if not TOPIC.match(topic) or not (root / "docs" / "topics" / f"{topic}.md").is_file():
            parser.error(
                f"연구 노트 '{topic}'가 없습니다: docs/topics/{topic}.md 를 먼저 만들거나 "
                "있는 파일 이름(.md 없이)을 쓰세요"
            )
    description = args.description or default_description(title)
    if not 20 <= len(description) <= 200:
        parser.error(f"--description은 20~200자여야 합니다 (지금 {len(description)}자)")
    return description


def _free_slug(root: Path, date: dt.date, slug: str, chosen: bool) -> str:
    """The slug the post gets; raises ValueError with the message when there is none."""
    posts = root / POSTS
    taken = existing_slugs(posts)
    if (posts / f"{date.isoformat()}-{slug}.md").exists():
        raise ValueError(
            f"{POSTS}/{date.isoformat()}-{slug}.md 가 이미 있습니다. 덮어쓰지 않습니다. "
            "그 파일을 고치거나 --slug로 다른 이름을 주세요."
        )
    if slug not in taken:
        return slug
    if chosen:
        raise ValueError(
            f"slug '{slug}'는 이미 {taken[slug].relative_to(root).as_posix()} 가 쓰고 "
            "있습니다. --slug로 다른 이름을 주세요."
        )
    slug = f"{slug}-{date:%Y%m%d}"
    if slug in taken:
        raise ValueError(f"slug '{slug}'도 이미 있습니다. --slug로 다른 이름을 주세요.")
    return slug


def _write(root: Path, day: Day, known: list[str], categories: list[str]) -> int:
    """Checks the day's files as the build will, then writes the new ones."""
    post = next(iter(day_files(day)))
    if (root / post).exists():
        return _error(
            f"{post} 가 이미 있습니다. 덮어쓰지 않습니다. 그 파일을 고치거나 "
            "--slug로 다른 이름을 주세요."
        )
    for relative, text in day_files(day).items():
        _, problems = check_page(relative, relative.removeprefix("docs/"), text, known, categories)
        if problems:
            for problem in problems:
                print(f"오류: {problem}", file=sys.stderr)
            return 2
    results = write_day(root, day)
    if not results[0][1]:
        return _error(f"{post} 가 방금 만들어졌습니다. 덮어쓰지 않습니다.")
    for label, (path, written) in zip(PART_NAMES.values(), results, strict=True):
        note = "새로 만듦" if written else "이미 있음: 그 파일에 이어 쓰세요"
        print(f"{label}: {path} ({note})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    root: Path = args.root.resolve()
    if not (root / "mkdocs.yml").is_file():
        parser.error(f"{root}에 mkdocs.yml이 없습니다; --root로 사이트 저장소 폴더를 주세요")
    config = read_config(root)
    date: dt.date = args.date or dt.date.today()
    title = (args.title or f"{date.isoformat()} 공부 정리").strip()
    known = sorted(read_authors(root / "docs"))
    description = _check_arguments(parser, args, root, known, title)
    level, week = previous_programme(root, date)
    try:
        slug = _free_slug(root, date, args.slug or slug_from_title(title), args.slug is not None)
    except ValueError as error:
        return _error(str(error))
    day = Day(
        date=date, title=title, slug=slug, authors=args.authors or [DEFAULT_AUTHOR],
        tags=args.tags or [DEFAULT_TAG], description=description,
        level=args.level if args.level is not None else level,
        week=args.week if args.week is not None else week,
        topics=args.topics or [], participants=args.participants or [],
    )  # fmt: skip
    categories = list(blog_options(config).get("categories_allowed") or [])
    status = _write(root, day, known, categories)
    if status == 0:
        print(f"미리보기 (make serve 실행 중일 때): {serve_url(config, date, slug)}")
    return status
