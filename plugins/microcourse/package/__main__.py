"""python -m microcourse.package --format FORMAT [--role ROLE] SITE_DIR OUT.zip|OUT_DIR/

Makes an LMS package of a course site that is already built. A problem is said
plainly with where it is, and nothing is written: OUT.zip is made whole or not
at all.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .formats import FORMATS
from .package_builder import build_package
from .problems import PackageError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m microcourse.package",
        description="Package a built course site for an LMS.",
    )
    parser.add_argument("--format", required=True, choices=sorted(FORMATS))
    parser.add_argument("--role", help="the role whose path learners start on (a role id)")
    parser.add_argument("site_dir", type=Path, help="the folder the build wrote (site/)")
    parser.add_argument(
        "target", help="the package to write (.zip), or a folder for <slug>-<format>.zip"
    )
    args = parser.parse_args(argv)
    try:
        into_folder = args.target.endswith(("/", os.sep)) or Path(args.target).is_dir()
        result = build_package(
            args.site_dir, Path(args.target), args.format, args.role, into_folder=into_folder
        )
    except PackageError as error:
        print(error, file=sys.stderr)
        return 1
    except OSError as error:
        print(f"{args.target}: error: could not write the package ({error.strerror or error})",
              file=sys.stderr)  # fmt: skip
        return 1
    if result.directory_urls:
        print(
            f"{args.site_dir}/: warning: pages link to folders (lesson/ rather than "
            "lesson.html), and some LMSs serve no folder's index.html; build with "
            "--no-directory-urls for a package (.ci/nox -s package does)",
            file=sys.stderr,
        )
    print(f"wrote {result.path} ({result.files} files, {result.size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
