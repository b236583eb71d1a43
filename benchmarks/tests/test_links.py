"""`scripts/bench_links.py`: the synthetic notes' links all resolve.

The timed builds are not run here (no timing assertions); the notes the benchmark
builds must be valid, or it would time a failing build.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks import content, links, project


def test_linked_notes_resolve_in_the_index(tmp_path: Path) -> None:
    notes = links.with_links(content.make_notes(12, 0))
    for i, note in enumerate(notes):
        assert f"{{#eq:n{i}}}" in note.text and f"@eq:n{i}" in note.text
        assert note.text.count("[[") == 5
        assert "[@" in note.text
    folder = project.write_project(
        tmp_path / "project", notes, 0, figures=False, notebooks=False, seed=0
    )
    # scan_seconds asserts that the index reports no problem for any page
    assert links.scan_seconds(folder, 1) > 0
