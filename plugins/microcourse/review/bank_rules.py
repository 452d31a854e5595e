"""Rules about the whole quiz bank (the course): patterns no single question shows.

Haladyna, Downing and Rodriguez (2002): "vary the location of the right answer" and
"keep the length of choices about equal"; a bank whose true/false items are mostly
false, or whose keys are mostly first or mostly the longest, can be passed by a
rule of thumb instead of by knowing the content. Shuffling in the browser hides
position, not length or the true/false balance, and a quiz is also read without it
(no JavaScript, print, an export to an LMS or a translator).

A question that accepts the rule a count is for is left out of that count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

from ..model import Question
from .findings import Finding, option_length, place
from .rule_names import LONGEST_CORRECT, RIGHT_POSITION, TRUE_FALSE_BALANCE

# Below this many items a count says little; a small course is not warned.
MIN_ITEMS = 6
# "Mostly": more than this share. A fair bank of three- and four-option questions
# puts a quarter to a third of its keys in each place; true/false items are about
# half true. Beyond these shares answering "false", "the first" or "the longest"
# every time scores better than chance by a margin a learner can exploit.
MAX_TRUE_FALSE_SHARE = 0.6
MAX_POSITION_SHARE = 0.5
MAX_LONGEST_SHARE = 0.5

POSITION_NAMES = ["first", "second", "third", "fourth", "fifth", "sixth"]


def bank_findings(questions: Sequence[Question]) -> Iterator[Finding]:
    yield from true_false_balance(questions)
    yield from single_positions(questions)
    yield from multiple_blocks(questions)
    yield from longest_share(questions)


def _counted(questions: Sequence[Question], rule: str, kind: str) -> list[Question]:
    return [q for q in questions if q.type == kind and rule not in q.accepted]


def _share(count: int, total: int) -> str:
    return f"{count} of {total} ({count / total:.0%})"


def true_false_balance(questions: Sequence[Question]) -> Iterator[Finding]:
    items = _counted(questions, TRUE_FALSE_BALANCE, "true_false")
    if len(items) < MIN_ITEMS:
        return
    answers = Counter(bool(q.answer) for q in items)
    majority, count = answers.most_common(1)[0]
    if count <= MAX_TRUE_FALSE_SHARE * len(items):
        return
    word, other = ("true", "false") if majority else ("false", "true")
    first = next(q for q in items if bool(q.answer) is majority)
    yield Finding(
        TRUE_FALSE_BALANCE,
        place(first.prompt_location, first.location),
        f"{_share(count, len(items))} true/false questions in the course are {word} (this "
        f"is the first), so answering '{word}' every time scores {count / len(items):.0%}; "
        f"rewrite some of them as {other} statements until neither answer is more than "
        f"{MAX_TRUE_FALSE_SHARE:.0%}",
    )


def single_positions(questions: Sequence[Question]) -> Iterator[Finding]:
    items = [q for q in _counted(questions, RIGHT_POSITION, "single") if q.correct_indexes()]
    if len(items) < MIN_ITEMS:
        return
    positions = Counter(q.correct_indexes()[0] for q in items)
    index, count = positions.most_common(1)[0]
    if count <= MAX_POSITION_SHARE * len(items):
        return
    name = position_name(index)
    first = next(q for q in items if q.correct_indexes()[0] == index)
    right = first.options[index]
    yield Finding(
        RIGHT_POSITION,
        place(right.location, first.location),
        f"{_share(count, len(items))} single-choice questions in the course have the right "
        f"option {name} in the file (this is the first); learners who see the options "
        "unshuffled (no JavaScript, print, an export) learn to guess by position. Move the "
        f"right option of some of them to another place until no place holds more than "
        f"{MAX_POSITION_SHARE:.0%}",
    )


def multiple_blocks(questions: Sequence[Question]) -> Iterator[Finding]:
    items = [
        q
        for q in _counted(questions, RIGHT_POSITION, "multiple")
        if 0 < len(q.correct_indexes()) < len(q.options)
    ]
    if len(items) < MIN_ITEMS:
        return
    for where, test in (("before", _right_first), ("after", _right_last)):
        blocked = [q for q in items if test(q)]
        if len(blocked) <= MAX_POSITION_SHARE * len(items):
            continue
        first = blocked[0]
        yield Finding(
            RIGHT_POSITION,
            place(first.location),
            f"{_share(len(blocked), len(items))} 'choose all that apply' questions list "
            f"every right option {where} every wrong one (this is the first); mix right and "
            "wrong options in the file until no more than "
            f"{MAX_POSITION_SHARE:.0%} are written that way",
        )


def _right_first(question: Question) -> bool:
    right = question.correct_indexes()
    return right == list(range(len(right)))


def _right_last(question: Question) -> bool:
    right = question.correct_indexes()
    return right == list(range(len(question.options) - len(right), len(question.options)))


def longest_share(questions: Sequence[Question]) -> Iterator[Finding]:
    items = _counted(questions, LONGEST_CORRECT, "single")
    if len(items) < MIN_ITEMS:
        return
    longest = [q for q in items if key_is_longest(q)]
    if len(longest) <= MAX_LONGEST_SHARE * len(items):
        return
    first = longest[0]
    right = first.options[first.correct_indexes()[0]]
    yield Finding(
        LONGEST_CORRECT,
        place(right.location, first.location),
        f"in {_share(len(longest), len(items))} single-choice questions in the course the "
        "right option is the longest (this is the first), so 'pick the longest' beats "
        "knowing the content; give wrong options the same detail, or trim right ones, "
        f"until no more than {MAX_LONGEST_SHARE:.0%} are",
    )


def key_is_longest(question: Question) -> bool:
    """The right option of a single-choice question is longer than every other option."""
    right = question.correct_indexes()
    if question.type != "single" or len(right) != 1:
        return False
    length = option_length(question.options[right[0]].text)
    return all(
        option_length(o.text) < length for i, o in enumerate(question.options) if i != right[0]
    )


def position_name(index: int) -> str:
    return POSITION_NAMES[index] if index < len(POSITION_NAMES) else f"number {index + 1}"
