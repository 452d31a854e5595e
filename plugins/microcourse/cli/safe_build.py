"""Build into a fresh folder and swap it in only when the build succeeded.

MkDocs empties the site folder before it writes pages, and a strict build that
fails on a warning fails only after writing them; either way a failed build
would leave a broken site behind. This keeps the previous site until a new one
is complete. Usage: python -m microcourse.cli.safe_build [--tool mkdocs] SITE_DIR [ARGS...]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path


def build_atomically(site_dir: Path, build_args: list[str], tool: str = "mkdocs") -> int:
    """Runs `<tool> build --strict` into a staging folder; returns the build's exit code."""
    staging = site_dir.with_name(f".{site_dir.name}-building")
    old = site_dir.with_name(f".{site_dir.name}-old")
    shutil.rmtree(staging, ignore_errors=True)
    command = [sys.executable, "-m", tool, "build", "--strict", "--site-dir", str(staging)]
    result = subprocess.run([*command, *build_args], check=False)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"build failed; {site_dir} was left as it was", file=sys.stderr)
        return result.returncode
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m microcourse.cli.safe_build")
    parser.add_argument("--tool", default="mkdocs", choices=["mkdocs", "properdocs"])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("build_args", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    return build_atomically(args.site_dir.resolve(), args.build_args, args.tool)


if __name__ == "__main__":
    sys.exit(main())
