"""What contributor code changed in the repository is reported, and nothing the author
wrote is lost: under `make serve` a file saved while a snippet ran looks the same as
one the snippet wrote."""

from __future__ import annotations

from pathlib import Path

from study_wiki import confinement


def test_a_file_created_while_code_ran_is_moved_aside_with_its_bytes(tmp_path: Path) -> None:
    root, aside = tmp_path / "project", tmp_path / "project" / ".wiki-cache" / "moved-aside"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("첫 페이지", encoding="utf-8")
    before = confinement.listing(root)
    (root / "docs" / "new-note.md").write_text("방금 쓴 노트", encoding="utf-8")
    (root / "docs" / "index.md").write_text("고친 첫 페이지!", encoding="utf-8")

    found = confinement.trespasses(root, before, confinement.listing(root), aside)

    assert [(t.path, t.how) for t in found] == [
        ("docs/new-note.md", "created"),
        ("docs/index.md", "changed"),
    ]
    assert found[0].moved_to == ".wiki-cache/moved-aside/docs/new-note.md"
    assert not (root / "docs" / "new-note.md").exists()
    assert (aside / "docs" / "new-note.md").read_text(encoding="utf-8") == "방금 쓴 노트"
    assert (root / "docs" / "index.md").read_text(encoding="utf-8") == "고친 첫 페이지!"
    text = confinement.message("snippets/demo/plant.py", found[0])
    assert text.startswith("snippets/demo/plant.py: created docs/new-note.md while it ran: ")
    assert "moved to .wiki-cache/moved-aside/docs/new-note.md" in text
    assert "build again" in confinement.message("snippets/demo/plant.py", found[1])


def test_a_second_file_of_the_same_name_does_not_replace_the_first(tmp_path: Path) -> None:
    root = tmp_path / "project"
    aside = root / ".wiki-cache" / "moved-aside"
    (root / "docs").mkdir(parents=True)
    for text in ("첫째", "둘째"):
        before = confinement.listing(root)
        (root / "docs" / "note.md").write_text(text, encoding="utf-8")
        confinement.trespasses(root, before, confinement.listing(root), aside)
    assert (aside / "docs" / "note.md").read_text(encoding="utf-8") == "첫째"
    assert (aside / "docs" / "note.md.1").read_text(encoding="utf-8") == "둘째"
    assert not (root / "docs" / "note.md").exists()
    assert ".wiki-cache" not in {p.parts[0] for p in map(Path, confinement.listing(root))}
