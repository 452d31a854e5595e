"""The course's quiz figures for `course-check`: the cues the review rules watch, and path sizes."""

from __future__ import annotations

from ..model import Course
from .bank_rules import key_is_longest
from .pass_marks import browser_score, shown_questions


def _share(count: int, total: int) -> str:
    return f"{count}/{total} ({count / total:.0%})" if total else "0/0"


def course_figures(course: Course) -> list[str]:
    questions = [q for quiz in course.quizzes for q in quiz.questions]
    singles = [q for q in questions if q.type == "single"]
    multiples = [
        q
        for q in questions
        if q.type == "multiple" and 0 < len(q.correct_indexes()) < len(q.options)
    ]
    true_false = [q for q in questions if q.type == "true_false"]
    trues = sum(1 for q in true_false if q.answer)
    longest = sum(1 for q in singles if key_is_longest(q))
    first = sum(1 for q in singles if q.correct_indexes() == [0])
    block_first = sum(
        1 for q in multiples if q.correct_indexes() == list(range(len(q.correct_indexes())))
    )
    lines = [
        f"single-choice keys that are the longest option: {_share(longest, len(singles))}",
        f"true/false answers: {trues} true, {len(true_false) - trues} false",
        f"right option written first: {_share(first, len(singles))} single-choice; "
        f"right options all before the wrong ones: {_share(block_first, len(multiples))} "
        "choose-all",
    ]
    paths: list[tuple[str, str | None]] = [("no role", None)]
    paths += [(role.title, role.id) for role in course.roles.values()]
    for title, role in paths:
        lessons = [
            lesson
            for lesson in course.lessons
            if (not lesson.roles if role is None else lesson.is_for(role))
        ]
        shown_in = [
            (quiz, shown_questions(quiz, lesson, role))
            for lesson in lessons
            for quiz in lesson.quizzes
        ]
        quizzes = [quiz for quiz, n in shown_in if n]
        shown = [n for _, n in shown_in if n]
        needs_all = sum(
            1
            for quiz, n in zip(quizzes, shown, strict=True)
            if n and quiz.pass_mark > 0 and browser_score(n - 1, n) < quiz.pass_mark
        )
        lines.append(
            f"path {title}: {sum(lesson.minutes for lesson in lessons)} minutes, "
            f"{len(lessons)} lessons, {sum(shown)} questions, "
            f"{needs_all} of {len(quizzes)} quizzes need every answer right"
        )
    return lines
