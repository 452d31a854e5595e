"""`course-check`: validate every lesson, quiz and video without building the site.

Prints the same `path:line:col: error: ...` and `... warning: ...` lines as the
build; inside GitHub Actions it also prints them as annotations on the pull
request's lines. Warnings (the quiz review's) fail the check when the build would
fail on them: with `strict: true` in mkdocs.yml, or `--strict`. Then it prints the
course's quiz figures: the cues the review watches, and each learning path's size.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from ..diagnostics import Diagnostic, Diagnostics
from ..mkdocs_plugin.plugin import CourseContentError, CoursePlugin
from ..review.figures import course_figures
from .settings_file import load_settings_file


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="course-check", description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="default: mkdocs.yml")
    parser.add_argument(
        "--strict",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="fail on warnings too (default: as 'strict' in the config file)",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    settings_problems = Diagnostics()
    config = load_settings_file(args.config_file, settings_problems)
    if config is None:
        _print(settings_problems.sorted())
        count = len(settings_problems)
        print(f"{count} problem{'s' if count != 1 else ''} found", file=sys.stderr)
        return 1
    _print(settings_problems.sorted_warnings())
    plugin = config.plugins.get("course")
    if not isinstance(plugin, CoursePlugin):
        print(f"{args.config_file}:1:1: error: the 'course' plugin is not enabled", file=sys.stderr)
        return 1
    if not plugin.config.enabled:
        print(
            f"the course plugin is turned off in {args.config_file} (enabled: false); nothing to check"
        )
        return 0
    strict = bool(config.strict) if args.strict is None else args.strict
    plugin.log_warnings = False  # printed below, with the errors, in one format
    try:
        plugin.on_config(config)
        plugin.on_pre_build(config=config)
    except CourseContentError as exc:
        _print(sorted([*exc.diagnostics, *plugin.warnings]))
        count = len(exc.diagnostics)
        print(f"{count} problem{'s' if count != 1 else ''} found", file=sys.stderr)
        return 1
    course = plugin.course
    assert course is not None
    elapsed = time.perf_counter() - started
    _print(plugin.warnings)
    for line in course_figures(course):
        print(line)
    summary = (
        f"{len(course.lessons)} lessons, {len(course.quizzes)} quizzes, "
        f"{len(course.roles)} roles checked in {elapsed:.2f} s"
    )
    warnings = len(plugin.warnings)
    if not warnings:
        print(f"ok: {summary}")
        return 0
    counted = f"{warnings} warning{'s' if warnings != 1 else ''}"
    if strict:
        print(f"{counted} found; strict mode fails on warnings ({summary})", file=sys.stderr)
        return 1
    print(f"ok with {counted}: {summary}")
    return 0


def _print(diagnostics: list[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print(diagnostic.as_github_annotation())


if __name__ == "__main__":
    sys.exit(main())
