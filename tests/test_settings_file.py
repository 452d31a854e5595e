"""course-check on a broken mkdocs.yml: every mistake located on its line and worded
for a designer, with the lessons and quizzes still checked when the course can be read."""

from __future__ import annotations

from pathlib import Path

import pytest

from microcourse.mkdocs_plugin.config import CourseConfig
from tests.test_build import break_a_quiz, run


def _check(course: Path) -> tuple[int, list[str]]:
    result = run("-m", "microcourse.cli.check_command", cwd=course, timeout=120)
    assert "Traceback" not in result.stderr
    return result.returncode, [line for line in result.stderr.splitlines() if ": error: " in line]


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_settings_mistakes_do_not_hide_the_courses_other_mistakes(course_copy: Path) -> None:
    config = course_copy / "mkdocs.yml"
    config.write_text(
        config.read_text()
        .replace("          title: Sales\n", "", 1)
        .replace("pass_mark: 75", "pass_mark: 120", 1)
        .replace("      - tracks/sales.md\n", "", 1)
    )
    break_a_quiz(course_copy)
    code, errors = _check(course_copy)
    assert code == 1
    assert [line.split(": error: ")[0].rsplit(":", 2)[0] for line in errors] == [
        "content/tracks/sales.md",
        "mkdocs.yml",
        "mkdocs.yml",
        "quizzes/twitter/first-post.yml",
        "quizzes/twitter/first-post.yml",
    ], errors
    assert "this lesson is not in the navigation" in errors[0]
    assert f"mkdocs.yml:{_line_of(config, 'pass_mark: 120')}:" in errors[1] + errors[2]
    assert not any("is not declared" in line for line in errors)


@pytest.mark.parametrize(
    ("change", "where", "words"),
    [
        pytest.param(
            ("pass_mark: 75", "passmark: 75"),
            "passmark: 75",
            "'passmark' is not a setting of the course plugin; did you mean 'pass_mark'? the "
            f"settings are {', '.join(sorted(key for key, _ in CourseConfig._schema))}",
            id="course-option",
        ),
        pytest.param(
            ("  - search\n", "  - serch\n"),
            "- serch",
            "there is no plugin called 'serch'; did you mean 'search'? check its spelling "
            "under 'plugins:'",
            id="plugin-name",
        ),
        pytest.param(
            ("site_name:", "sitename:"),
            "sitename:",
            # and, as for any misspelt key, a second message: site_name is missing
            "'sitename' is not a MkDocs setting; did you mean 'site_name'? check its "
            "spelling, or remove it",
            id="top-level",
        ),
        pytest.param(
            ("pass_mark: 75", "pass_mark: 75\n      enabled: maybe"),
            "enabled: maybe",
            "'enabled' of the 'course' plugin must be true or false, not 'maybe'",
            id="wrong-type",
        ),
        pytest.param(
            ("site_description: A short", 'site_description: "A short'),
            'site_description: "A short',
            "this is not valid YAML (the quoted text that starts here runs on to line",
            id="unclosed-quote",
        ),
        pytest.param(
            ("strict: true", "strict: true\nextra_deep: " + "[" * 400 + "]" * 400),
            "extra_deep:",
            "this is nested too deeply to read (more than 100 lists or key: value levels "
            "inside each other start here); check the brackets and indentation",
            id="deep-nesting",
        ),
    ],
)
def test_mkdocs_yml_mistakes_are_located_and_worded(
    course_copy: Path, change: tuple[str, str], where: str, words: str
) -> None:
    config = course_copy / "mkdocs.yml"
    text = config.read_text()
    assert change[0] in text
    config.write_text(text.replace(change[0], change[1], 1))
    code, errors = _check(course_copy)
    assert code == 1
    if where == "sitename:":
        assert (
            errors[1]
            == "mkdocs.yml:1:1: error: mkdocs.yml is missing 'site_name'; add a 'site_name:' line"
        )
    assert len(errors) == (2 if where == "sitename:" else 1), errors
    assert errors[0].startswith(f"mkdocs.yml:{_line_of(config, where)}:"), errors
    assert words in errors[0]


def test_a_course_check_without_the_course_plugin_says_so(course_copy: Path) -> None:
    config = course_copy / "mkdocs.yml"
    text = config.read_text()  # the course plugin's block runs from '- course:' to 'nav:'
    config.write_text(text[: text.index("  - course:\n")] + text[text.index("\nnav:") + 1 :])
    result = run("-m", "microcourse.cli.check_command", cwd=course_copy, timeout=120)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "mkdocs.yml:1:1: error: the 'course' plugin is not enabled"
    ]
