"""Fixtures only: the real site built once per session. Helpers are in tests/support/."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.project import ROOT, mkdocs_build


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's site, built strictly once for the whole session."""
    site_dir = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site_dir)
    assert result.returncode == 0, f"strict build failed:\n{result.stderr[-6000:]}"
    return site_dir
