"""One day of notes in the team's shape: a study post, a peer session, a retrospective.

    docs/daily/posts/<date>-<slug>.md   공부 정리 (blog post; the day's entry)
    docs/peer-sessions/<date>.md        피어세션 (one per day, shared by the team)
    docs/retrospectives/<date>.md       학습 회고 (one per day)

Pure functions render the files; `write_day` writes the missing ones and never replaces
a file. `scripts/new_note.py` is the command line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

SERVE_ADDRESS = "http://127.0.0.1:8000"  # `make serve` uses --dev-addr 127.0.0.1:8000
DEFAULT_TAG = "데일리 노트"
DEFAULT_AUTHOR = "team"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TOPIC = re.compile(r"^[a-z0-9-]+$")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)
POSTS = "docs/daily/posts"
PEER_SESSIONS = "docs/peer-sessions"
RETROSPECTIVES = "docs/retrospectives"


@dataclass(frozen=True)
class Day:
    """What the scaffold needs to know about one day."""

    date: dt.date
    title: str
    slug: str
    authors: list[str]
    tags: list[str] = field(default_factory=lambda: [DEFAULT_TAG])
    description: str = ""
    level: int | None = None
    week: int | None = None
    topics: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)


POST = """\
---
date: {date}
authors:
{authors}
tags:
{tags}
slug: {slug}
description: {description}
{programme}# 이날 다룬 연구 노트: topics/ 아래 파일 이름 (예: lstm). 주제 페이지에 이 날이 나옵니다.
topics: {topics}
---

# {title}

<!-- 위 description은 검색 결과와 미리보기에 쓰입니다. 이 노트를 한 문장(20~200자)으로
     요약하도록 고쳐 주세요. 아래 요약 문단은 일일 기록 목록에 그대로 보입니다. -->

오늘 공부한 내용을 한두 문장으로 요약해 주세요.

<!-- more -->

## 공부한 내용 정리

<!-- 강의·논문·코드에서 배운 것을 정리합니다. 수식은 $...$ 또는 $$...$$,
     그림은 ![설명](snippet:주제/이름.py "캡션") 한 줄로 넣습니다 (CONTRIBUTING.md 참고).
     피어세션과 학습 회고는 같은 날짜의 peer-sessions/{date}.md,
     retrospectives/{date}.md 에 씁니다. 이 노트 끝에 그 링크가 저절로 붙습니다. -->
"""

PEER_SESSION = """\
---
title: {date} 피어세션
description: {description}
date: {date}
authors:
{authors}
# 피어세션에 함께한 사람들 (docs/daily/.authors.yml의 id)
participants:
{participants}
# 각자의 목표, `id: 한 줄` (예: `jewoo: 확률 강의 수강`). 팀원 페이지에 모입니다.
goals: {{}}
tags:
  - 피어세션
{programme}---

# {date} 피어세션

<!-- 질문은 "## 질문: 한 줄 요약" 제목으로 쓰면 피어세션 타임라인에 모입니다.
     질문 아래에 누가 어떻게 답했는지 적습니다. -->

## 나눈 이야기

## 공유한 자료
"""

RETROSPECTIVE = """\
---
title: {date} 학습 회고
description: {description}
date: {date}
authors:
{authors}
tags:
  - 회고
{programme}---

# {date} 학습 회고

<!-- 여러 사람이 쓰면 authors:에 자기 id를 더하고, 사람마다 "## 이름" 절을 씁니다. -->

## 잘한 점

## 아쉬운 점

## 내일 할 일
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


def front_matter(path: Path) -> dict:
    """A note's front matter, or {} when it has none or it is broken (the build says so)."""
    match = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    try:
        meta = yaml.safe_load(match.group(1) or "") if match else None
    except (yaml.YAMLError, ValueError):
        meta = None
    return meta if isinstance(meta, dict) else {}


def existing_slugs(posts: Path) -> dict[str, Path]:
    """Slug of every post already written, as the build's duplicate check sees it."""
    return {
        str(front_matter(path).get("slug") or path.stem): path
        for path in sorted(posts.glob("*.md"))
    }


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


def yaml_scalar(value: str) -> str:
    """`value` as a YAML scalar, quoted only when YAML would misread it."""
    dumped = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True)
    return dumped.removesuffix("\n...\n").strip()


def yaml_list(items: list[str]) -> str:
    return "\n".join(f"  - {yaml_scalar(item)}" for item in items)


def default_description(title: str) -> str:
    text = f"{title}: 이날 공부한 내용을 정리한 노트입니다."
    return text if len(text) <= 200 else text[:197] + "..."


def _programme(day: Day) -> str:
    lines = []
    if day.level is not None:
        lines.append(f"level: {day.level}")
    if day.week is not None:
        lines.append(f"week: {day.week}")
    return "".join(line + "\n" for line in lines)


def day_files(day: Day) -> dict[str, str]:
    """The day's three files, by path relative to the site's root folder."""
    iso = day.date.isoformat()
    programme = _programme(day)
    authors = yaml_list(day.authors)
    topics = "[" + ", ".join(day.topics) + "]"
    return {
        f"{POSTS}/{iso}-{day.slug}.md": POST.format(
            date=iso,
            authors=authors,
            tags=yaml_list(day.tags),
            slug=day.slug,
            description=yaml_scalar(day.description or default_description(day.title)),
            programme=programme,
            topics=topics,
            title=day.title,
        ),
        f"{PEER_SESSIONS}/{iso}.md": PEER_SESSION.format(
            date=iso,
            description=yaml_scalar(
                f"{iso} 피어세션에서 나눈 목표, 질문과 답, 공유한 자료를 정리했습니다."
            ),
            authors=authors,
            participants=yaml_list(day.participants or day.authors),
            programme=programme,
        ),
        f"{RETROSPECTIVES}/{iso}.md": RETROSPECTIVE.format(
            date=iso,
            description=yaml_scalar(
                f"{iso}의 공부를 돌아보며 잘한 점, 아쉬운 점, 내일 할 일을 적은 회고입니다."
            ),
            authors=authors,
            programme=programme,
        ),
    }


def previous_programme(root: Path, date: dt.date) -> tuple[int | None, int | None]:
    """Level and week carried on from the latest earlier post, counting week changes."""
    best: tuple[dt.date, dict] | None = None
    for path in (root / POSTS).glob("*.md"):
        meta = front_matter(path)
        when = meta.get("date")
        if isinstance(when, dt.datetime):
            when = when.date()
        if isinstance(when, dt.date) and when < date and (best is None or when > best[0]):
            best = (when, meta)
    if best is None:
        return None, None
    when, meta = best
    level = meta.get("level") if isinstance(meta.get("level"), int) else None
    week = meta.get("week") if isinstance(meta.get("week"), int) else None
    if week is not None:
        monday = date - dt.timedelta(days=date.weekday())
        week += (monday - (when - dt.timedelta(days=when.weekday()))).days // 7
    return level, week


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


def write_day(root: Path, day: Day) -> list[tuple[str, bool]]:
    """Write the day's files that are missing: (path, written) for each of the three.

    The peer session and the retrospective are one per day: when a teammate already
    made them, they are kept as they are (add yourself to their `authors:`).
    """
    results = []
    for relative, text in day_files(day).items():
        path = root / relative
        try:
            write_new(path, text)
        except FileExistsError:
            results.append((relative, False))
        else:
            results.append((relative, True))
    return results


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
        prog="new_note.py",
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
    parser.add_argument("--root", type=Path, default=None,
                        help="사이트 저장소 폴더 (기본값: 이 저장소)")  # fmt: skip
    return parser


def _error(message: str) -> int:
    print(f"오류: {message}", file=sys.stderr)
    return 1


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    root = (args.root or root or Path.cwd()).resolve()
    if not (root / "mkdocs.yml").is_file():
        parser.error(f"{root}에 mkdocs.yml이 없습니다; --root로 사이트 저장소 폴더를 주세요")
    config = read_config(root)

    date: dt.date = args.date or dt.date.today()
    title = (args.title or f"{date.isoformat()} 공부 정리").strip()
    authors = args.authors or [DEFAULT_AUTHOR]
    known = known_authors(root)
    unknown = [a for a in authors + (args.participants or []) if a not in known]
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
    level, week = previous_programme(root, date)
    level = args.level if args.level is not None else level
    week = args.week if args.week is not None else week

    posts = root / POSTS
    slug = args.slug or slug_from_title(title)
    taken = existing_slugs(posts)
    if (posts / f"{date.isoformat()}-{slug}.md").exists():
        return _error(
            f"{POSTS}/{date.isoformat()}-{slug}.md 가 이미 있습니다. 덮어쓰지 않습니다. "
            "그 파일을 고치거나 --slug로 다른 이름을 주세요."
        )
    if slug in taken:
        if args.slug is not None:
            return _error(
                f"slug '{slug}'는 이미 {taken[slug].relative_to(root).as_posix()} 가 쓰고 "
                "있습니다. --slug로 다른 이름을 주세요."
            )
        slug = f"{slug}-{date:%Y%m%d}"
        if slug in taken:
            return _error(f"slug '{slug}'도 이미 있습니다. --slug로 다른 이름을 주세요.")
    day = Day(
        date=date, title=title, slug=slug, authors=authors, tags=args.tags or [DEFAULT_TAG],
        description=description, level=level, week=week, topics=args.topics or [],
        participants=args.participants or [],
    )  # fmt: skip
    post = next(iter(day_files(day)))
    if (root / post).exists():
        return _error(
            f"{post} 가 이미 있습니다. 덮어쓰지 않습니다. 그 파일을 고치거나 "
            "--slug로 다른 이름을 주세요."
        )
    results = write_day(root, day)
    if not results[0][1]:
        return _error(f"{post} 가 방금 만들어졌습니다. 덮어쓰지 않습니다.")
    labels = ("공부 정리", "피어세션", "학습 회고")
    for label, (path, written) in zip(labels, results, strict=True):
        note = "새로 만듦" if written else "이미 있음: 그 파일에 이어 쓰세요"
        print(f"{label}: {path} ({note})")
    print(f"미리보기 (make serve 실행 중일 때): {serve_url(config, date, slug)}")
    return 0
