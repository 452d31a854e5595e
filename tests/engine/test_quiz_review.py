"""The quiz review as golden data: a small quiz bank in, located warnings out.

`golden/review/<case>.yml` (one quiz) or `golden/review/<case>/*.yml` (a bank of
several) is loaded as `quizzes/<case>...` on one lesson for everyone, with the five
roles and a pass mark of 50 unless the quiz sets one; the review must report exactly
the lines in `<case>.expected` (empty: a fair bank, or one whose exceptions are
accepted). Each expected line was checked by reading it against the rule.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from engine_support import GOLDEN, ROLES, lesson, load_quiz_text, read_source

from microcourse.diagnostics import Diagnostics
from microcourse.load.course_loader import CourseSources, load_course, source_files
from microcourse.load.settings_loader import load_settings
from microcourse.model import Course, Quiz
from microcourse.review.figures import course_figures
from microcourse.review.pass_marks import browser_score
from microcourse.review.quiz_review import review_course

REVIEW = GOLDEN / "review"
ROOT = Path(__file__).resolve().parents[2]
CASES = sorted(path.stem for path in REVIEW.glob("*.expected"))


def _bank(case: str) -> Course:
    folder = REVIEW / case
    files = sorted(folder.glob("*.yml")) if folder.is_dir() else [REVIEW / f"{case}.yml"]
    quizzes: list[Quiz] = []
    for file in files:
        name = file.relative_to(REVIEW).with_suffix("").as_posix()
        diagnostics = Diagnostics()
        quiz, diagnostics = load_quiz_text(read_source(file).replace("\r", ""), name, diagnostics)
        assert not diagnostics, diagnostics.report()
        assert quiz is not None
        if "pass_mark:" not in read_source(file):
            quiz.pass_mark = 50
        quizzes.append(quiz)
    return Course(dict(ROLES), [lesson("lesson.md", quizzes=quizzes)], quizzes, 50)


def _warnings(course: Course) -> list[str]:
    diagnostics = Diagnostics()
    review_course(course, diagnostics)
    assert not diagnostics.items
    return [str(w) for w in sorted(diagnostics.warnings)]


def test_every_case_has_a_bank_and_every_rule_a_case() -> None:
    banks = {p.stem for p in REVIEW.glob("*.yml")} | {
        p.name for p in REVIEW.iterdir() if p.is_dir()
    }
    assert banks == set(CASES)
    expected = "\n".join((REVIEW / f"{case}.expected").read_text() for case in CASES)
    for rule in (
        "longest-correct",
        "all-of-the-above",
        "none-of-the-above",
        "negative-prompt",
        "near-duplicate",
        "true-false-balance",
        "right-position",
        "pass-mark-needs-all",
    ):
        assert f"[{rule}]" in expected, rule


@pytest.mark.parametrize("case", CASES)
def test_review(case: str) -> None:
    expected = (REVIEW / f"{case}.expected").read_text(encoding="utf-8").splitlines()
    assert _warnings(_bank(case)) == expected


def test_an_exception_is_quiet_only_for_the_rule_it_names() -> None:
    course = _bank("accept")
    model_answer = course.quizzes[0].questions[0]
    del model_answer.accepted["longest-correct"]
    warnings = _warnings(course)
    assert any(w.endswith("[longest-correct]") and ":14:15:" in w for w in warnings)
    course.quizzes[0].accepted.clear()
    assert any(w.endswith("[pass-mark-needs-all]") for w in _warnings(course))


def test_the_score_is_rounded_as_the_browser_rounds_it() -> None:
    # Math.round: halves go up (Python's round would give 2 for 2.5, 0 for 0.5).
    assert [browser_score(c, 8) for c in range(9)] == [0, 13, 25, 38, 50, 63, 75, 88, 100]
    assert browser_score(1, 200) == 1


def _real_course() -> tuple[Course, Diagnostics]:
    diagnostics = Diagnostics()
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    import yaml  # the real mkdocs.yml has !ENV tags: read only the plugin's part

    plugin_text = config[config.index("\nplugins:") :]
    raw = next(p["course"] for p in yaml.safe_load(plugin_text)["plugins"] if isinstance(p, dict))
    settings = load_settings("mkdocs.yml", config, raw, diagnostics)
    sources = CourseSources(ROOT, ROOT / "content", ROOT / "quizzes", ROOT / "mkdocs.yml")
    pages = source_files(ROOT / "content", (".md",))
    course = load_course(sources, pages, settings.roles, settings.pass_mark, diagnostics)
    return course, diagnostics


def test_the_real_course_has_no_quiz_warnings() -> None:
    course, diagnostics = _real_course()
    assert not diagnostics.items, diagnostics.report()
    review_course(course, diagnostics)
    assert [str(w) for w in diagnostics.sorted_warnings()] == []
    # And the review sees the whole course, not an empty one.
    assert sum(len(q.questions) for q in course.quizzes) >= 100


def test_the_figures_count_the_real_course() -> None:
    course, _ = _real_course()
    questions = [q for quiz in course.quizzes for q in quiz.questions]
    singles = [q for q in questions if q.type == "single"]
    longest = 0
    for q in singles:
        right = next(o.text for o in q.options if o.correct)
        others = [
            len(" ".join(o.text.replace("**", "").replace("`", "").split()))
            for o in q.options
            if not o.correct
        ]
        longest += len(" ".join(right.replace("**", "").replace("`", "").split())) > max(others)
    first = sum(q.options[0].correct for q in singles)
    trues = sum(q.answer is True for q in questions if q.type == "true_false")
    falses = sum(q.answer is False for q in questions if q.type == "true_false")
    figures = course_figures(course)
    assert figures[0].startswith(
        f"single-choice keys that are the longest option: {longest}/{len(singles)} "
    )
    assert figures[1] == f"true/false answers: {trues} true, {falses} false"
    assert figures[2].startswith(f"right option written first: {first}/{len(singles)} ")
    paths = [line for line in figures if line.startswith("path ")]
    assert len(paths) == 1 + len(course.roles)
    sales = sum(lesson.minutes for lesson in course.path_for("sales"))
    assert any(line.startswith(f"path Sales: {sales} minutes, ") for line in paths)
