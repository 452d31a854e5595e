"""Packaging tests: the fixture course built once for packages (tests/conftest.py),
and the packaging command (tests/support/packaging.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.packaging import FIXTURE_COURSE, build_course, run_package

__all__ = ["FIXTURE_COURSE", "build_course", "built_fixture", "run_package"]


@pytest.fixture(scope="session")
def built_fixture(fixture_site_for_packages: Path) -> Path:
    return fixture_site_for_packages
