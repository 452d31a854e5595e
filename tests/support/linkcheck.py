"""Build the course, serve it on loopback under a sub-path, and check every internal link.

Run by `nox -s linkcheck`; the test suite runs `check_links` too.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .serve import DEFAULT_SUB_PATH, serve_site

ROOT = Path(__file__).resolve().parents[2]


def linkchecker_command() -> list[str]:
    found = shutil.which("linkchecker", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "linkcheck"]


def check_links(
    site_dir: Path, sub_path: str = DEFAULT_SUB_PATH
) -> subprocess.CompletedProcess[str]:
    """linkchecker over the served site: every link on the host, recursively, no robots.

    The whole host counts as internal, not only the sub-path, so a link that
    climbs out of the sub-path is checked (and fails) instead of being skipped.
    """
    with serve_site(site_dir, sub_path) as base_url, tempfile.TemporaryDirectory() as tmp:
        host = re.escape(base_url[: base_url.index("/", len("http://"))])
        config = Path(tmp) / "linkcheckerrc"
        config.write_text(f"[filtering]\ninternlinks=^{host}/\n")
        return subprocess.run(
            [
                *linkchecker_command(),
                f"--config={config}",
                "--no-status",
                "--no-robots",
                "--threads=4",
                f"{base_url}",
            ],
            capture_output=True,
            text=True,
            check=False,
        )


def build(site_dir: Path, config: Path = ROOT / "mkdocs.yml") -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-q",
            "-f",
            str(config),
            "-d",
            str(site_dir),
        ],
        check=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.support.linkcheck")
    parser.add_argument("--site-dir", type=Path, help="check this built site instead of building")
    parser.add_argument("--sub-path", default=DEFAULT_SUB_PATH)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = args.site_dir
        if site_dir is None:
            site_dir = Path(tmp) / "site"
            build(site_dir)
        result = check_links(site_dir, args.sub_path)
    print(result.stdout, end="")
    print(result.stderr, end="", file=sys.stderr)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
