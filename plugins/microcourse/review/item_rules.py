"""Rules about one question at a time (Haladyna, Downing and Rodriguez, 2002).

- longest-correct: "keep the length of choices about equal"; a right option that
  stands out by length is a clue a test-wise learner uses without knowing the answer.
- all-of-the-above / none-of-the-above: "avoid all of the above", "use none of the
  above carefully"; both reward partial knowledge, and "above" means nothing once
  the options are shuffled.
- negative-prompt: "word the stem positively; avoid negatives such as NOT or EXCEPT;
  if used, make the word stand out" (bold or capitals), or learners misread the question.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Question, Quiz
from .findings import Finding, option_length, place
from .rule_names import ALL_OF_THE_ABOVE, LONGEST_CORRECT, NEGATIVE_PROMPT, NONE_OF_THE_ABOVE

# "Much longer": half as long again as the longest wrong option. At that ratio the
# right option is a clause or a line longer than every other one, which shows at a
# glance; below it, options read as "about equal" and wording needs its room.
LONGEST_RATIO = 1.5

_OF_THE_ABOVE = re.compile(
    r"\b(all|both|none|neither)\s+of\s+(the\s+)?(above|these|those|them|the\s+options"
    r"|the\s+answers|the\s+choices|the\s+others)\b",
    re.IGNORECASE,
)
NEGATIVES = re.compile(r"\b(not|never|except|least|cannot|none|[a-z]+n['\u2019]t)\b", re.I)
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__", re.S)
_QUOTED = re.compile('"[^"]*"|\u201c[^\u201d]*\u201d')
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")


def item_findings(quiz: Quiz) -> Iterator[Finding]:
    for question in quiz.questions:
        yield from longest_correct(question)
        yield from of_the_above(question)
        yield from negative_prompt(question)


def longest_correct(question: Question) -> Iterator[Finding]:
    if question.type == "true_false":
        return
    right = [o for o in question.options if o.correct]
    wrong = [o for o in question.options if not o.correct]
    if not right or not wrong:
        return
    shortest_right = min(right, key=lambda o: option_length(o.text))
    longest_wrong = max(option_length(o.text) for o in wrong)
    length = option_length(shortest_right.text)
    if length < LONGEST_RATIO * longest_wrong:
        return
    which = "the right option is" if len(right) == 1 else "every right option is"
    yield Finding(
        LONGEST_CORRECT,
        place(shortest_right.location, question.location),
        f"{which} much longer than any wrong one ({length} characters against at most "
        f"{longest_wrong}, {length / longest_wrong:.1f} times); learners pick the longest "
        "option without knowing the answer. Shorten it, or give a wrong option the same "
        "detail, until no option is half as long again as the others",
        question,
    )


def of_the_above(question: Question) -> Iterator[Finding]:
    for option in question.options:
        match = _OF_THE_ABOVE.search(option.text)
        if match is None:
            continue
        word = match.group(1).lower()
        rule = ALL_OF_THE_ABOVE if word in ("all", "both") else NONE_OF_THE_ABOVE
        yield Finding(
            rule,
            place(option.location, question.location),
            f"the option '{match.group(0)}' tests whether learners spot two right options "
            "(or none), not what they know, and 'above' means nothing once options are "
            "shuffled; write a real option instead, or make the question 'choose all "
            "that apply' (type: multiple)",
            question,
        )


def negative_prompt(question: Question) -> Iterator[Finding]:
    asked = question.prompt if question.type == "true_false" else asking_sentence(question.prompt)
    bold = [m.span() for m in _BOLD.finditer(question.prompt)]
    offset = question.prompt.rfind(asked)
    for match in NEGATIVES.finditer(_QUOTED.sub(_blank, asked)):
        word = match.group(0)
        start = offset + match.start()
        if word.isupper() or any(a <= start < b for a, b in bold):
            continue
        yield Finding(
            NEGATIVE_PROMPT,
            place(question.prompt_location, question.location),
            f"the prompt asks in the negative ('{word}') without making it stand out, and "
            "learners who skim answer the opposite question; ask it positively, or write "
            f"the word in bold or capitals ('**{word}**' or '{word.upper()}')",
            question,
        )
        return


def asking_sentence(prompt: str) -> str:
    """The sentence that asks (the last one with '?', else the last); a scenario may say 'not'."""
    sentences = [s for s in _SENTENCE_END.split(prompt.strip()) if s]
    questions = [s for s in sentences if s.rstrip().endswith("?")]
    return (questions or sentences or [prompt])[-1]


def _blank(match: re.Match[str]) -> str:
    """Quoted words are someone else's, not the question's: blanked, same length."""
    return " " * len(match.group(0))
