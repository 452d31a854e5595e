"""Build into a fresh folder and swap it in only when the build succeeded.

MkDocs empties the site folder before it writes pages, and a strict build that
fails on a warning fails only after writing them; either way a failed build
would leave a broken site behind. This keeps the previous site until a new one
is complete.

Usage: python -m microcourse.cli.safe_build [--tool mkdocs] SITE_DIR [OPTIONS]

The build is always strict and always complete, so only the options that keep it
so are passed on: -f/--config-file, -d/--site-dir (instead of SITE_DIR),
--use-directory-urls/--no-directory-urls, -v/--verbose and -q/--quiet. (MkDocs'
own -q also stops counting warnings, which turns strict mode off; here it only
hides the information lines.) Anything else is refused with a message.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

PROG = "python -m microcourse.cli.safe_build"


class _Refusal(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _Refusal(message)


def _parser() -> _Parser:
    parser = _Parser(prog=PROG, add_help=True, allow_abbrev=False)
    parser.add_argument("--tool", default="mkdocs", choices=["mkdocs", "properdocs"])
    parser.add_argument("site_dir", type=Path, help="where the site goes")
    parser.add_argument("-d", "--site-dir", dest="site_dir_option", type=Path)
    parser.add_argument("-f", "--config-file", type=Path)
    parser.add_argument(
        "--use-directory-urls", dest="directory_urls", action="store_true", default=None
    )
    parser.add_argument("--no-directory-urls", dest="directory_urls", action="store_false")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("-q", "--quiet", action="store_true")
    return parser


def build_atomically(
    site_dir: Path,
    build_args: list[str],
    tool: str = "mkdocs",
    quiet: bool = False,
) -> int:
    """Runs `<tool> build --strict` into a staging folder; returns the build's exit code."""
    staging = site_dir.with_name(f".{site_dir.name}-building")
    old = site_dir.with_name(f".{site_dir.name}-old")
    shutil.rmtree(staging, ignore_errors=True)
    command = [sys.executable, "-m", tool, "build", "--strict", *build_args]
    command += ["--site-dir", str(staging)]  # last, so that nothing can replace it
    if quiet:
        captured = subprocess.run(command, check=False, capture_output=True, text=True)
        for line in captured.stderr.splitlines() + captured.stdout.splitlines():
            if not line.startswith("INFO"):
                print(line, file=sys.stderr)
        returncode = captured.returncode
    else:
        returncode = subprocess.run(command, check=False).returncode
    if returncode != 0 or not (staging / "index.html").is_file():
        shutil.rmtree(staging, ignore_errors=True)
        print(f"build failed; {site_dir} was left as it was", file=sys.stderr)
        return returncode or 1
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    try:
        staging.rename(site_dir)
    except OSError:
        if old.exists():
            old.rename(site_dir)  # put the earlier site back
        raise
    shutil.rmtree(old, ignore_errors=True)
    return 0


def _unsafe_destination(site_dir: Path, config_file: Path) -> str | None:
    """Why a site folder would destroy the project when swapped in, if it would."""
    project = config_file.resolve().parent
    if project == site_dir or project.is_relative_to(site_dir):
        return f"{site_dir} holds the project itself; build into a folder of its own, like site/"
    for name in ("content", "quizzes", "overrides", "plugins", "docs"):
        if site_dir.is_relative_to(project / name):
            return f"{site_dir} is inside the project's {name}/ folder; build into site/"
    return None


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except _Refusal as refusal:
        print(
            f"{PROG}: error: {refusal}. The safe build is always a complete, strict build; "
            "it accepts -f/--config-file, -d/--site-dir, --use-directory-urls, "
            "--no-directory-urls, -v/--verbose and -q/--quiet",
            file=sys.stderr,
        )
        return 2
    site_dir = (args.site_dir_option or args.site_dir).resolve()
    config_file = args.config_file or Path("mkdocs.yml")
    unsafe = _unsafe_destination(site_dir, config_file)
    if unsafe is not None:
        print(f"{PROG}: error: {unsafe}", file=sys.stderr)
        return 2
    build_args = []
    if args.config_file is not None:
        build_args += ["--config-file", os.fspath(args.config_file)]
    if args.directory_urls is not None:
        build_args.append("--use-directory-urls" if args.directory_urls else "--no-directory-urls")
    if args.verbose:
        build_args.append("--verbose")
    return build_atomically(site_dir, build_args, args.tool, quiet=args.quiet)


if __name__ == "__main__":
    sys.exit(main())
