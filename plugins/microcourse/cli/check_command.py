"""`course-check`: validate every lesson, quiz and video without building the site.

Prints the same `path:line:col: error: ...` lines as the build; inside GitHub
Actions it also prints them as annotations on the pull request's lines.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from ..mkdocs_plugin.plugin import CourseContentError, CoursePlugin


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="course-check", description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="default: mkdocs.yml")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        config = load_config(args.config_file)
    except (ConfigurationError, Abort, OSError) as exc:
        # MkDocs' own settings, which it checks and reports itself before we can place them.
        print(f"{args.config_file}:1:1: error: {exc}", file=sys.stderr)
        return 1
    plugin = config.plugins.get("course")
    if not isinstance(plugin, CoursePlugin):
        print(f"{args.config_file}:1:1: error: the 'course' plugin is not enabled", file=sys.stderr)
        return 1
    if not plugin.config.enabled:
        print(
            f"the course plugin is turned off in {args.config_file} (enabled: false); nothing to check"
        )
        return 0
    try:
        plugin.on_config(config)
        plugin.on_pre_build(config=config)
    except CourseContentError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic, file=sys.stderr)
            if os.environ.get("GITHUB_ACTIONS") == "true":
                print(diagnostic.as_github_annotation())
        count = len(exc.diagnostics)
        print(f"{count} problem{'s' if count != 1 else ''} found", file=sys.stderr)
        return 1
    course = plugin.course
    assert course is not None
    elapsed = time.perf_counter() - started
    print(
        f"ok: {len(course.lessons)} lessons, {len(course.quizzes)} quizzes, "
        f"{len(course.roles)} roles checked in {elapsed:.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
