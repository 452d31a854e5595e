"""The benchmark still runs and writes its figures (what they are is its business)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def test_the_benchmark_writes_every_figure(tmp_path: Path) -> None:
    figures_file = tmp_path / "bench.json"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.support.bench",
            "--sizes",
            "3",
            "--runs",
            "1",
            "--no-serve",
            "--no-lighthouse",
            "--json",
            str(figures_file),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    figures = json.loads(figures_file.read_text())
    build = figures["builds"]["3"]
    assert build["course_median_s"] > 0 and build["floor_median_s"] > 0
    assert figures["assets"]["js+css"]["gzip"] > 0
    assert figures["quiz_html"]["quiz_section"]["raw"] > 0
    assert any("course.js + course.css" in target["target"] for target in figures["targets"])
    packages = figures["packages"]
    assert packages["runtime"]["gzip"] > 0
    assert packages["packaging"]["real"]["scorm12"]["zip_bytes"] > 0
    assert packages["suspend_data"]["finished_real_course_chars"] > 0
