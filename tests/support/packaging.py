"""Helpers for the packaging tests: a strict build of a course, and the packaging command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURE_COURSE = Path(__file__).resolve().parents[1] / "browser" / "fixture_course"


def build_course(config_file: Path, site_dir: Path, *args: str) -> Path:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config_file),
         "-d", str(site_dir), *args],
        cwd=config_file.parent, capture_output=True, text=True, timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip
    if result.returncode != 0:
        pytest.fail(f"build failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    return site_dir


def run_package(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "microcourse.package", *map(str, args)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
