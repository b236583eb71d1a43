"""The generated pages are Jinja templates in overrides/generated/: what a template
prints is inert Markdown text unless it is Markdown made by the renderer."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from mkdocs.exceptions import PluginError

from study_wiki.timelines.render import Markdown, page, templates

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = "<img src=x onerror=alert(1)> [x](javascript:alert(1)) **굵게** | `코드`"


def test_every_printed_value_is_text_unless_it_is_markdown(tmp_path: Path) -> None:
    (tmp_path / "generated").mkdir()
    (tmp_path / "generated" / "probe.md").write_text(
        "{{ raw }}\n{{ link(raw | text(80), 'members/x.md') }}\n{{ made }}\n{{ number }}\n",
        encoding="utf-8",
    )
    env = templates([str(tmp_path)])
    out = page(env, "probe", "members/index.md", raw=HOSTILE, made=Markdown("**굵게**"), number=3)
    raw, linked, made, number = out.rstrip("\n").split("\n")
    assert "<img" not in out and "&lt;img" in raw
    assert r"\[x\](javascript\:" in raw and r"\*\*굵게\*\*" in raw and r"\|" in raw
    assert linked.startswith(r"[&lt;img") and linked.endswith("](x.md)")
    assert made == "**굵게**"
    assert number == "3"


def test_the_member_page_template_escapes_what_authors_wrote() -> None:
    env = templates([str(ROOT / "overrides")])
    member = {
        "who": "x",
        "name": HOSTILE,
        "description": HOSTILE,
        "studies": [],
        "retros": [],
        "peers": [],
        "goals": [],
    }
    out = page(env, "member", "members/x.md", title=HOSTILE, description=HOSTILE, member=member)
    body = out.split("\n---\n", 1)[1]
    assert "<img" not in body and "javascript:alert(1))" not in body
    assert out.startswith('---\ntitle: "<img src=x')  # front matter: a JSON string
    assert "## 목표 { #goals }" in body and body.count("아직 없습니다.") == 3


def test_a_site_can_change_a_generated_page_in_its_overrides(tmp_path: Path) -> None:
    (tmp_path / "generated").mkdir()
    (tmp_path / "generated" / "level.md").write_text(
        "{% extends 'generated/page.md' %}{% block body %}레벨 {{ level }}만.\n{% endblock %}",
        encoding="utf-8",
    )
    env = templates([str(tmp_path), str(ROOT / "overrides")])
    out = page(env, "level", "programme/level-2.md", title="level 2", description="d", level=2)
    assert out.endswith("# level 2\n\n레벨 2만.\n")


def test_a_missing_template_names_the_file_and_the_fix(tmp_path: Path) -> None:
    env = templates([str(tmp_path)])
    with pytest.raises(PluginError, match=r"overrides/generated/week\.md: .*git checkout"):
        page(env, "week", "programme/week-3.md", title="3주차", description="d")


def test_a_serve_session_compiles_a_template_again_only_when_it_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled: list[str | None] = []
    compile_template = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return compile_template(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    probe = tmp_path / "generated" / "probe.md"
    probe.parent.mkdir()
    probe.write_text("처음 {{ n }}\n", encoding="utf-8")
    assert page(templates([str(tmp_path)]), "probe", "x.md", n=1) == "처음 1\n"
    assert compiled == ["generated/probe.md"]
    assert page(templates([str(tmp_path)]), "probe", "x.md", n=2) == "처음 2\n"
    assert compiled == ["generated/probe.md"]  # a new environment, the same code
    probe.write_text("고침 {{ n }}\n", encoding="utf-8")
    assert page(templates([str(tmp_path)]), "probe", "x.md", n=3) == "고침 3\n"
    other = tmp_path / "other"
    (other / "generated").mkdir(parents=True)
    (other / "generated" / "probe.md").write_text("다른 폴더\n", encoding="utf-8")
    assert page(templates([str(other)]), "probe", "x.md") == "다른 폴더\n"
    assert compiled == ["generated/probe.md"] * 3
