"""What a review rule found: a located warning, and the question or quiz it is about."""

from __future__ import annotations

from typing import NamedTuple

from ..diagnostics import Location
from ..model import Question, Quiz


class Finding(NamedTuple):
    rule: str
    location: Location
    message: str  # plain words: what is wrong, why it matters, how to fix it
    about: Question | Quiz | None = None  # None: the whole course (a count)


def place(*candidates: Location | None) -> Location:
    """The first known location (a question built in code has none)."""
    return next((c for c in candidates if c is not None), Location("?"))


def option_length(text: str) -> int:
    """Characters a learner reads: spaces collapsed, Markdown emphasis marks left out."""
    return len(" ".join(text.replace("**", "").replace("`", "").split()))
