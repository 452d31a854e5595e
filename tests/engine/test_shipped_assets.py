"""What learners download is the reviewed source, less comments and indentation only."""

from __future__ import annotations

import re

import pytest

from microcourse.shipped_assets import ASSETS_DIR, shipped, slim


def code_lines(source: str) -> list[str]:
    """Lines that are not comments, stripped, in order."""
    without_blocks = re.sub(r"^[ \t]*/\*.*?\*/[ \t]*$", "", source, flags=re.S | re.M)
    return [
        line.strip()
        for line in without_blocks.splitlines()
        if line.strip() and not line.strip().startswith("//")
    ]


@pytest.mark.parametrize(
    "name", ["course.js", "course.css", "course-extras.js", "course-extras.css", "course-posts.css"]
)
def test_every_line_of_code_ships_unchanged(name: str) -> None:
    source = (ASSETS_DIR / name).read_text(encoding="utf-8")
    assert shipped(name).splitlines() == code_lines(source)
    assert len(shipped(name)) < len(source)


@pytest.mark.parametrize("name", ["course.js", "course-extras.js"])
def test_the_script_has_no_multiline_strings_that_slimming_would_change(name: str) -> None:
    source = (ASSETS_DIR / name).read_text(encoding="utf-8")
    for number, line in enumerate(source.splitlines(), start=1):
        assert line.count("`") % 2 == 0, f"{name}:{number}: a template literal spans lines"


def test_comments_inside_code_lines_are_left_alone() -> None:
    source = 'const a = "//not a comment"; /* kept */\n  // dropped\n  /* dropped\n  too */\nb();\n'
    assert slim(source) == 'const a = "//not a comment"; /* kept */\nb();\n'
