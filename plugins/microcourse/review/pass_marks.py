"""A pass mark that, for some learners, means "every answer right".

The browser scores round(correct / shown * 100) and passes at >= pass_mark, over the
questions a learner's role is shown. With pass_mark 80 and four questions shown,
three right is 75%: only 4 of 4 passes, so the pass mark says 80% and means 100%.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from ..model import Course, Lesson, Quiz
from .findings import Finding, place
from .rule_names import PASS_MARK_NEEDS_ALL


def browser_score(correct: int, shown: int) -> int:
    """JavaScript's Math.round (halves up), not Python's round (halves to even)."""
    return math.floor(correct / shown * 100 + 0.5)


def shown_questions(quiz: Quiz, lesson: Lesson | None, role: str | None) -> int:
    """How many of the quiz's questions a learner with `role` (None: no role) answers."""
    quiz_roles = quiz.roles or (lesson.roles if lesson else ())
    if quiz_roles and role not in quiz_roles:
        return 0  # not on their path: the quiz is shown to them only on request, whole
    return sum(1 for q in quiz.questions if not q.roles or role in q.roles)


def pass_mark_findings(course: Course) -> Iterator[Finding]:
    lesson_of = {quiz.id: lesson for lesson in course.lessons for quiz in lesson.quizzes}
    for quiz in course.quizzes:
        if quiz.pass_mark <= 0:
            continue
        needs_all: dict[int, list[str]] = {}
        for role in [None, *course.roles]:
            shown = shown_questions(quiz, lesson_of.get(quiz.id), role)
            if shown and browser_score(shown - 1, shown) < quiz.pass_mark:
                title = course.roles[role].title if role else "no role chosen"
                needs_all.setdefault(shown, []).append(title)
        if not needs_all:
            continue
        groups = "; ".join(
            f"{', '.join(who)}: {n} question{'s' if n != 1 else ''}, so {n - 1} right "
            f"scores {browser_score(n - 1, n)}%"
            for n, who in sorted(needs_all.items())
        )
        yield Finding(
            PASS_MARK_NEEDS_ALL,
            place(quiz.id_location, quiz.lesson_location),
            f"with a pass mark of {quiz.pass_mark}%, some learners pass this quiz only with "
            f"every answer right ({groups}); give them more questions, or set a lower "
            "'pass_mark:' for this quiz, so that passing means what the pass mark says",
            quiz,
        )
