"""Runs every quiz review rule over a course and reports what is not accepted.

Each finding becomes a located warning ending in the rule's name in brackets, the
name an author writes under `accept:` to keep the item as it is, with a reason.
An `accept:` for a rule about one item that the item no longer breaks is reported
too, so exceptions do not outlive their reason.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostics
from ..model import Course, Question, Quiz
from .bank_rules import bank_findings
from .duplicates import duplicate_findings
from .findings import Finding
from .item_rules import item_findings
from .pass_marks import pass_mark_findings
from .rule_names import RIGHT_POSITION, TRUE_FALSE_BALANCE

# Accepting these takes a question out of a course-wide count; they are never "unused".
_COUNT_RULES = {TRUE_FALSE_BALANCE, RIGHT_POSITION}


def review_course(course: Course, diagnostics: Diagnostics) -> None:
    questions = [q for quiz in course.quizzes for q in quiz.questions]
    applied: set[tuple[int, str]] = set()
    for finding in _findings(course, questions):
        about = finding.about
        if about is not None and finding.rule in about.accepted:
            applied.add((id(about), finding.rule))
            continue
        diagnostics.warning(finding.location, f"{finding.message} [{finding.rule}]")
    owners: list[Question | Quiz] = [*course.quizzes, *questions]
    for owner in owners:
        for rule, acceptance in owner.accepted.items():
            if rule in _COUNT_RULES:
                continue
            if (id(owner), rule) not in applied:
                diagnostics.warning(
                    acceptance.location,
                    f"{_name(owner)} accepts '{rule}', but the rule finds nothing here any "
                    "more; remove this line so the exception does not hide a later problem "
                    f"[{rule}]",
                )


def _findings(course: Course, questions: list[Question]) -> Iterator[Finding]:
    for quiz in course.quizzes:
        yield from item_findings(quiz)
    yield from bank_findings(questions)
    yield from pass_mark_findings(course)
    yield from duplicate_findings(questions)


def _name(owner: Question | Quiz) -> str:
    return f"question '{owner.id}'" if isinstance(owner, Question) else f"quiz '{owner.id}'"
