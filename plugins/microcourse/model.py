"""The course as plain data: roles, lessons, quizzes, questions, options, posts, videos."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from .diagnostics import Location

QuestionType = Literal["single", "multiple", "true_false"]
QUESTION_TYPES: tuple[QuestionType, ...] = ("single", "multiple", "true_false")
Platform = Literal["x", "linkedin", "facebook", "instagram"]
PLATFORMS: tuple[Platform, ...] = ("x", "linkedin", "facebook", "instagram")


@dataclass(frozen=True)
class Role:
    id: str
    title: str
    description: str
    path_note: str | None = None  # why the role's path is as it is, shown with the path


class Acceptance(NamedTuple):
    """An author's reason for keeping an item a quiz review rule would warn about."""

    reason: str
    location: Location  # of the rule's name under 'accept:'


@dataclass
class Option:
    text: str
    correct: bool = False
    feedback: str | None = None
    location: Location | None = None  # of its text, for the quiz review's warnings


@dataclass
class Post:
    """A social media post mock-up shown with a question."""

    platform: Platform
    author: str
    text: str
    handle: str | None = None


@dataclass
class Question:
    id: str
    type: QuestionType
    prompt: str
    options: list[Option] = field(default_factory=list)
    answer: bool | None = None
    explanation: str | None = None
    post: Post | None = None
    roles: tuple[str, ...] = ()
    # For the quiz review: where the question and its prompt are, and the rules waived.
    location: Location | None = None
    prompt_location: Location | None = None
    accepted: dict[str, Acceptance] = field(default_factory=dict)

    def correct_indexes(self) -> list[int]:
        if self.type == "true_false":
            # A true/false question is shown as the two options True, False.
            return [0 if self.answer else 1]
        return [i for i, option in enumerate(self.options) if option.correct]


@dataclass
class Quiz:
    id: str
    lesson: str
    questions: list[Question]
    pass_mark: int
    title: str | None = None
    roles: tuple[str, ...] = ()
    shuffle: bool = False
    source: str = ""
    lesson_location: Location | None = None
    id_location: Location | None = None
    accepted: dict[str, Acceptance] = field(default_factory=dict)

    def answer_key_fingerprint(self) -> str:
        """Changes when any correct answer changes, not when wording does.

        Learners' saved results carry it, so a changed key marks them out of date.
        """
        key = []
        for q in self.questions:
            if q.type == "true_false":
                correct: object = q.answer
            else:
                correct = sorted(o.text for o in q.options if o.correct)
            key.append([q.id, q.type, correct])
        digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()
        return digest[:12]


@dataclass
class Rating:
    """One step of a self-check's scale (like green, amber, red), with what to do about it."""

    id: str
    label: str
    next_steps: str


@dataclass
class SelfCheckPrompt:
    id: str
    text: str
    next_steps: dict[str, str] = field(default_factory=dict)  # rating id -> this prompt's step


@dataclass
class SelfCheck:
    """An ungraded block of the quiz format: prompts a team rates on the author's scale.

    Its answers stay in the learner's browser; nothing about it is scored or reported.
    """

    id: str
    lesson: str
    title: str
    scale: list[Rating]
    prompts: list[SelfCheckPrompt]
    intro: str | None = None
    source: str = ""
    lesson_location: Location | None = None
    id_location: Location | None = None


@dataclass
class Signoff:
    """A statement learners sign after the lessons it covers, tied to those lessons' text.

    `digest` is the version: it changes when the statement or a covered lesson's
    normalised text does (see load/policy_version.py), and `lessons` keeps each
    lesson's own digest so a learner can be told which ones changed.
    """

    id: str
    statement: str
    lessons: dict[str, str]  # lesson id -> digest, in the declared order
    digest: str
    changed: str  # YYYY-MM-DD: when the covered text last changed
    changed_source: str  # "git" or "mtime": where that date came from
    page: str = ""  # docs-relative path of the lesson where learners sign

    @property
    def version(self) -> str:
        return self.digest[:8]


@dataclass
class Video:
    """A video placed in a lesson: a local file or a YouTube/Vimeo address."""

    title: str
    location: Location
    src: str | None = None  # local file, relative to the docs folder
    captions: str | None = None
    poster: str | None = None
    transcript: list[str] = field(default_factory=list)
    embed_url: str | None = None  # privacy-enhanced player address for remote videos
    provider: str | None = None  # "YouTube" or "Vimeo"


@dataclass
class Lesson:
    src_path: str  # relative to the docs folder, with forward slashes
    title: str
    summary: str
    minutes: int
    roles: tuple[str, ...] = ()
    objectives: list[str] = field(default_factory=list)
    quizzes: list[Quiz] = field(default_factory=list)
    self_checks: list[SelfCheck] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.src_path.removesuffix(".md")

    def is_for(self, role: str | None) -> bool:
        return not self.roles or (role is not None and role in self.roles)


@dataclass
class Course:
    roles: dict[str, Role]
    lessons: list[Lesson]  # in navigation order
    quizzes: list[Quiz]
    default_pass_mark: int = 80
    self_checks: list[SelfCheck] = field(default_factory=list)
    signoffs: list[Signoff] = field(default_factory=list)
    everyone_path_note: str | None = None  # like Role.path_note, for the lessons for everyone

    def lesson(self, src_path: str) -> Lesson | None:
        return next((lesson for lesson in self.lessons if lesson.src_path == src_path), None)

    def path_for(self, role: str) -> list[Lesson]:
        """A role's learning path: lessons for everyone plus the role's own, in order."""
        return [lesson for lesson in self.lessons if lesson.is_for(role)]
