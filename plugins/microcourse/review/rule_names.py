"""The names of the quiz review's rules, as authors write them under `accept:`.

A question may waive the rules about one item; a quiz the rule about the whole quiz.
The course-wide counts (true/false balance, right-option positions, longest keys)
leave out a question that accepts the count's rule, so a deliberate item does not
tip the balance (options in numerical order, say, with the right one first).
"""

from __future__ import annotations

LONGEST_CORRECT = "longest-correct"
ALL_OF_THE_ABOVE = "all-of-the-above"
NONE_OF_THE_ABOVE = "none-of-the-above"
NEGATIVE_PROMPT = "negative-prompt"
NEAR_DUPLICATE = "near-duplicate"
TRUE_FALSE_BALANCE = "true-false-balance"
RIGHT_POSITION = "right-position"
PASS_MARK_NEEDS_ALL = "pass-mark-needs-all"

QUESTION_RULES = [
    LONGEST_CORRECT,
    ALL_OF_THE_ABOVE,
    NONE_OF_THE_ABOVE,
    NEGATIVE_PROMPT,
    NEAR_DUPLICATE,
    TRUE_FALSE_BALANCE,
    RIGHT_POSITION,
]
QUIZ_RULES = [PASS_MARK_NEEDS_ALL]
