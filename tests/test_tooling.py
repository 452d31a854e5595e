"""The developer commands around the course: CI's entry point and the preview."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def test_ci_runs_lint_before_the_tests(tmp_path: Path) -> None:
    (tmp_path / ".ci").mkdir()
    shutil.copy2(ROOT / ".ci" / "run", tmp_path / ".ci" / "run")
    stand_in = tmp_path / ".ci" / "nox"
    stand_in.write_text('#!/bin/sh\necho "$*" >> "$(dirname "$0")/calls"\n')
    stand_in.chmod(0o755)
    subprocess.run(["bash", str(tmp_path / ".ci" / "run")], check=True)
    assert (tmp_path / ".ci" / "calls").read_text().splitlines() == ["-s lint", "-s tests"]


def test_a_preview_on_a_busy_port_says_so_in_one_line(course_copy: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "microcourse.cli.preview", "-a", f"127.0.0.1:{port}"],
            cwd=course_copy,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"preview: 127.0.0.1:{port} is already in use (is another preview still running?); "
        "stop it with Ctrl+C, or preview on another port: .ci/nox -s serve -- -a "
        f"127.0.0.1:{port + 1}"
    ]
