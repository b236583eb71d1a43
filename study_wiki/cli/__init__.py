"""`python -m study_wiki <command>`: each command a module with `main(argv) -> int`,
imported only when run. Run by a Python other than `.venv/`'s, a command first sets that
environment up and runs there (cli/install.py): this module uses the standard library only."""

from __future__ import annotations

import importlib
import sys

COMMANDS = {
    "serve": ("study_wiki.cli.serve", "사이트를 띄우고 저장할 때마다 다시 그립니다 (make serve)"),
    "build": ("study_wiki.cli.build", "site/에 엄격 빌드 (make build)"),
    "doctor": ("study_wiki.cli.doctor", "미리보기·빌드·테스트에 빠진 것과 설치 명령을 알려 줍니다"),
    "install": ("study_wiki.cli.install", ".venv/와 node_modules/를 잠금 파일대로 설치합니다"),
    "new-note": ("study_wiki.cli.new_note", "하루치 노트(공부 정리·피어세션·학습 회고)를 만듭니다"),
    "check-links": ("study_wiki.cli.check_links", "외부 링크를 검사합니다 (네트워크 필요)"),
}


def usage() -> str:
    width = max(map(len, COMMANDS))
    lines = ["usage: python -m study_wiki <command> [options]", "", "commands:"]
    lines += [f"  {name:<{width}}  {summary}" for name, (_, summary) in COMMANDS.items()]
    lines += ["", "`python -m study_wiki <command> --help` shows a command's options."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    if not args or args[0] in ("-h", "--help"):
        print(usage())
        return 0 if args else 2
    name, rest = args[0], args[1:]
    if name not in COMMANDS:
        print(f"unknown command '{name}'\n\n{usage()}", file=sys.stderr)
        return 2
    from study_wiki.cli import install

    if name != "doctor" and not install.in_project_venv():
        return install.run_in_venv(args)
    module = importlib.import_module(COMMANDS[name][0])
    return module.main(rest) or 0
