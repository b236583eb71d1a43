"""The tests' run folder, builds check and built site, for the benchmarks' own tests."""

from tests.conftest import (  # noqa: F401
    pytest_collection_modifyitems,
    pytest_runtest_setup,
    run_folder,
    site,
)
