"""Shared fixtures: the example, the corpus (required in CI), golden-file updates."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "A_RES_78_72.zh.txt"
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser):
    parser.addoption("--update-goldens", action="store_true",
                     help="rewrite tests/golden/ from the current code instead of comparing")


@pytest.fixture(scope="session")
def update_goldens(request) -> bool:
    return request.config.getoption("--update-goldens")


@pytest.fixture(scope="session")
def corpus() -> Path:
    """../shared/corpus beside the checkout (or $UNKG_CORPUS).

    Missing, it skips the test, except with UNKG_REQUIRE_CORPUS=1 (CI), where it fails.
    """
    path = Path(os.environ.get("UNKG_CORPUS") or ROOT.parent / "shared" / "corpus")
    if not (path / "SOURCES.md").is_file():
        message = f"the corpus is not at {path}; set UNKG_CORPUS or put shared/ beside the checkout"
        if os.environ.get("UNKG_REQUIRE_CORPUS") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def seed_extraction():
    from unkg.pipeline import read_resolution
    return read_resolution(EXAMPLE)
