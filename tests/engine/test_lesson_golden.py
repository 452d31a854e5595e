"""Lesson front matter as golden data.

`golden/lessons/bad/<case>.md` must produce exactly the error lines in `<case>.expected`,
located on the lines of the lesson file (the front matter starts on line 2).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from engine_support import DECLARED_ROLES, GOLDEN, error_lines, read_source

from microcourse.diagnostics import Diagnostics
from microcourse.load.lesson_loader import is_lesson_page, load_lesson
from microcourse.model import Lesson

BAD = GOLDEN / "lessons" / "bad"


def _cases(folder: Path) -> list[str]:
    return sorted(path.stem for path in folder.glob("*.md"))


def _load(text: str, name: str = "lesson") -> tuple[Lesson | None, Diagnostics]:
    diagnostics = Diagnostics()
    lesson = load_lesson(
        f"module/{name}.md", f"content/module/{name}.md", text, diagnostics, DECLARED_ROLES
    )
    return lesson, diagnostics


def test_every_bad_case_has_its_expected_errors() -> None:
    cases = set(_cases(BAD))
    assert cases == {path.stem for path in BAD.glob("*.expected")}
    assert len(cases) >= 15


@pytest.mark.parametrize("case", _cases(BAD))
def test_bad_lesson(case: str) -> None:
    diagnostics = Diagnostics()
    lesson = load_lesson(
        f"{case}.md",
        f"content/{case}.md",
        read_source(BAD / f"{case}.md"),
        diagnostics,
        DECLARED_ROLES,
    )
    expected = (BAD / f"{case}.expected").read_text(encoding="utf-8").splitlines()
    assert expected, "a bad case must expect at least one error"
    assert error_lines(diagnostics) == expected
    assert lesson is None


GOOD_LESSON = """\
---
title: Your first tweet & <reply>
summary: Set up a profile and post your first tweet in your own voice.
minutes: 5
roles: [customer-service, sales]
objectives:
  - Write a bio that says who you are and where you work
  - Post once
hide: [toc]
---

# Body
"""


def test_the_contract_front_matter() -> None:
    lesson, diagnostics = _load(GOOD_LESSON, "first-tweet")
    assert error_lines(diagnostics) == []
    assert lesson is not None
    assert lesson.src_path == "module/first-tweet.md"
    assert lesson.id == "module/first-tweet"
    assert lesson.title == "Your first tweet & <reply>"
    assert lesson.summary == "Set up a profile and post your first tweet in your own voice."
    assert lesson.minutes == 5
    assert lesson.roles == ("customer-service", "sales")
    assert lesson.objectives == [
        "Write a bio that says who you are and where you work",
        "Post once",
    ]
    assert lesson.is_for("sales")
    assert not lesson.is_for("hr")
    assert not lesson.is_for(None)


@pytest.mark.parametrize("minutes", [1, 15])
def test_minutes_at_the_limits(minutes: int) -> None:
    text = f"---\ntitle: T\nsummary: S.\nminutes: {minutes}\n---\n"
    lesson, diagnostics = _load(text)
    assert error_lines(diagnostics) == []
    assert lesson is not None
    assert lesson.minutes == minutes


def test_titles_stay_text() -> None:
    text = "---\ntitle: no\nsummary: 2017-11-07\nminutes: 3\nobjectives: [yes, ~]\n---\n"
    lesson, diagnostics = _load(text)
    assert error_lines(diagnostics) == []
    assert lesson is not None
    assert (lesson.title, lesson.summary, lesson.objectives) == ("no", "2017-11-07", ["yes", "~"])
    assert lesson.roles == ()


def test_windows_line_endings_keep_the_file_lines() -> None:
    text = "---\r\ntitle: T\r\nsummary: S.\r\nminutes: 40\r\n---\r\nBody\r\n"
    _, diagnostics = _load(text, "crlf")
    assert error_lines(diagnostics) == [
        "content/module/crlf.md:4:10: error: 'minutes' is 40; a microlearning lesson takes "
        "1 to 15 minutes, so split a longer one into several lessons"
    ]


def test_a_byte_order_mark_does_not_hide_the_front_matter() -> None:
    lesson, diagnostics = _load("\ufeff---\ntitle: T\nsummary: S.\nminutes: 2\n---\n")
    assert error_lines(diagnostics) == []
    assert lesson is not None


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        pytest.param("module/a.md", "---\ntitle: T\n---\n", True, id="lesson"),
        pytest.param("module/index.md", "# Home\n", False, id="index"),
        pytest.param("README.md", "# Read me\n", False, id="readme"),
        pytest.param("module/index.md", "---\ntype: lesson\n---\n", True, id="index-lesson"),
        pytest.param("module/about.md", "---\ntitle: About\ntype: page\n---\n", False, id="page"),
        pytest.param("module/about.md", "no front matter\n", True, id="no-front-matter"),
        # However the author writes it, `type: page` makes a page.
        pytest.param(
            "module/about.md",
            '---\ntitle: About\ntype: "page"\n---\n',
            False,
            id="page-double-quoted",
        ),
        pytest.param(
            "module/about.md",
            "---\ntitle: About\ntype: 'page'\n---\n",
            False,
            id="page-single-quoted",
        ),
        pytest.param(
            "module/about.md",
            "---\ntitle: About\ntype: page  # not a lesson\n---\n",
            False,
            id="page-with-comment",
        ),
        pytest.param(
            "module/about.md", "---\r\ntitle: About\r\ntype: page\r\n---\r\n", False, id="page-crlf"
        ),
    ],
)
def test_which_pages_are_lessons(path: str, text: str, expected: bool) -> None:
    assert is_lesson_page(path, text) is expected
