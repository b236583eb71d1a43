"""Fixtures only: the run's shared folder and the real site built once (support/once.py).
Helpers are in tests/support/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.once import set_run_folder, set_test_builds
from tests.support.project import built_site

pytest_plugins = ["tests.support.browser_fixtures"]


@pytest.fixture(scope="session", autouse=True)
def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder per run, shared by the xdist workers (each has a basetemp of its own
    inside the run's)."""
    base = tmp_path_factory.getbasetemp()
    folder = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "shared"
    set_run_folder(folder)
    return folder


@pytest.fixture(scope="session")
def site(run_folder: Path) -> Path:
    """The repository's site, built strictly once for the checkout as it is."""
    return built_site()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests of the built site, and in a browser, build it (once, support/once.py)."""
    for item in items:
        if "site" in getattr(item, "fixturenames", ()) or item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.builds)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    set_test_builds(item.get_closest_marker("builds") is not None)
