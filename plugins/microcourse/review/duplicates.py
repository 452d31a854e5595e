"""Duplicate and near-duplicate questions anywhere in the course.

Haladyna, Downing and Rodriguez (2002): "keep the content of each item independent";
the same question twice tests one point twice and tells the learner the answer.

How it is measured: a question's text is its prompt followed by its options, sorted
(their order is not part of the question), lowercased, with everything but letters
and digits turned into spaces. Its "shingles" are the pairs of neighbouring words.
Two questions are near-duplicates when the shingles they share are at least
NEAR_DUPLICATE (0.7) of all the shingles either has (Jaccard similarity): about
two changed words in a 20-word question still count, a new scenario does not.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from itertools import pairwise

from ..model import Question
from .findings import Finding, place
from .rule_names import NEAR_DUPLICATE as RULE

NEAR_DUPLICATE = 0.7
# A shingle in more questions than this ("of the", "you are") cannot tell questions
# apart, so it is not used to find candidate pairs (their similarity still counts it).
_COMMON = 64
_NOT_A_WORD = re.compile(r"[^\w]+|_")


def shingles(question: Question) -> frozenset[str]:
    parts = [question.prompt, *sorted(o.text for o in question.options)]
    words = _NOT_A_WORD.sub(" ", " ".join(parts).lower()).split()
    if len(words) < 2:
        return frozenset(words)
    return frozenset(f"{a} {b}" for a, b in pairwise(words))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 1.0


def duplicate_findings(questions: Sequence[Question]) -> Iterator[Finding]:
    sets = [shingles(q) for q in questions]
    holders: dict[str, list[int]] = defaultdict(list)
    for index, shingle_set in enumerate(sets):
        for shingle in shingle_set:
            holders[shingle].append(index)
    candidates: set[tuple[int, int]] = set()
    for indexes in holders.values():
        if len(indexes) > _COMMON:
            continue
        for i, a in enumerate(indexes):
            candidates.update((a, b) for b in indexes[i + 1 :])
    reported: set[int] = set()
    for a, b in sorted(candidates):
        if b in reported:
            continue
        score = similarity(sets[a], sets[b])
        if score < NEAR_DUPLICATE:
            continue
        reported.add(b)
        first, later = questions[a], questions[b]
        how = "the same as" if score == 1.0 else f"{score:.0%} the same as"
        yield Finding(
            RULE,
            place(later.location),
            f"question '{later.id}' is {how} question '{first.id}' ({place(first.location)}); "
            "asking one thing twice tests it twice and gives the answer away. Remove one, "
            "or ask about something else",
            later,
        )
