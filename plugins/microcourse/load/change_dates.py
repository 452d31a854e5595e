"""When a set of source files last changed, as a date (YYYY-MM-DD, UTC).

In a git checkout where the files are committed and unmodified, it is the date
of the last commit that touched any of them (`git log -1 --format=%cs`). Otherwise
(no git, files not committed, or changed since the last commit) it is the newest
modification time of the files on disk. Either way it is the date the files
last changed, which a spacing-only edit also moves: the sign-off's version does
not move with it (see policy_version.py).
"""

from __future__ import annotations

import datetime
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

Source = Literal["git", "mtime"]


def last_changed(files: Sequence[Path]) -> tuple[str, Source]:
    found = _from_git(files)
    if found is not None:
        return found, "git"
    newest = max((_mtime(path) for path in files), default=0.0)
    return datetime.datetime.fromtimestamp(newest, datetime.UTC).date().isoformat(), "mtime"


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _from_git(files: Sequence[Path]) -> str | None:
    git = shutil.which("git")
    if git is None or not files:
        return None
    folder = files[0].parent
    names = [str(path.resolve()) for path in files]

    def run(*args: str) -> str | None:
        try:
            result = subprocess.run(
                [git, "-C", str(folder), *args, "--", *names],
                capture_output=True,
                text=True,
                timeout=20,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            return None
        return result.stdout if result.returncode == 0 else None

    tracked = run("ls-files", "--error-unmatch")
    if tracked is None or len(tracked.splitlines()) != len(names):
        return None  # not a checkout, or some file not committed
    if run("status", "--porcelain") != "":
        return None  # changed since the last commit (or git failed)
    date = (run("log", "-1", "--format=%cs") or "").strip()
    return date or None
