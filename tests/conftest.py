"""Fixtures shared by the tests: a private copy of the course to break; the fixture course built for packages."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
COURSE_PARTS = ("mkdocs.yml", "content", "quizzes", "overrides")

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture
def course_copy(tmp_path: Path) -> Path:
    """The repository's course, copied so a test can break it."""
    target = tmp_path / "course"
    target.mkdir()
    for part in COURSE_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    return target


@pytest.fixture(scope="session")
def fixture_site_for_packages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The browser tests' fixture course built once, as `nox -s package` builds a course
    (pages linking to files): the packaging tests and the LMS tests package it."""
    from tests.support.packaging import FIXTURE_COURSE, build_course

    return build_course(
        FIXTURE_COURSE / "mkdocs.yml",
        tmp_path_factory.mktemp("pkg") / "site",
        "--no-directory-urls",
    )
