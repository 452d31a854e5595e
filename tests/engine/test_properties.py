"""Whatever an author saves, the loaders answer with a quiz or located errors, never a crash.

Inputs are random YAML documents shaped like quizzes and lessons (real keys, typos, YAML's
special scalars), the same documents with random edits, and raw random text.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from engine_support import DECLARED_ROLES, DEFAULT_PASS_MARK
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from microcourse.diagnostics import Diagnostics
from microcourse.load.lesson_loader import load_lesson
from microcourse.load.quiz_loader import OPTION_KEYS, POST_KEYS, QUESTION_KEYS, QUIZ_KEYS, load_quiz
from microcourse.model import Lesson, Quiz

SETTINGS = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
QUIZ_PATH = "quizzes/random.yml"
_ONE_QUESTION = "questions:\n  - id: q\n    type: true_false\n    answer: true\n    prompt: P\n"
LESSON_PATH = "content/module/random.md"

JUNK_KEYS = ["corect", "Lesson", "minuts", "", " ", "<<", "1", "null", "yes", "é", "a b"]
SPECIAL_TEXT = [
    "yes", "no", "on", "off", "y", "n", "~", "null", "Null", "true", "false", "True", "FALSE",
    "1.10", "0x1F", "0o17", "1_000", "1e3", ".inf", ".nan", "-0", "+1", "12:30", "2017-11-07",
    "280", "-1", "101", "80", "80.5", "0", "15", "16", "single", "multiple", "true_false", "x",
    "linkedin", "facebook", "instagram", "sales", "customer-service", "finance", "Sales",
    "a.md", "twitter/first-post.md", "", " ", "\t", "#", "- x", ": ", "'", '"', "---", "...",
    "<script>alert(1)</script>", "@handle", "#tag", "\u2028", "\x85", "\ufeff",
]  # fmt: skip
YAML_TOKENS = [
    "lesson: ", "questions:\n", "  - ", "    ", "id: ", "type: ", "single", "true_false",
    "prompt: ", "options:\n", "      - text: ", "correct: ", "answer: ", "true", "no", "\n",
    "  ", "\t", "'", '"', "[", "]", "{", "}", ", ", ":", "- ", "---\n", "...\n", "&a ", "*a",
    "!!str ", "!!int ", "!!binary ", "!!python/object:os.system ", "!local ", "? ", "|\n",
    ">-\n", "# c\n", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "<<: *a\n", "~", "\ufeff", "\r\n",
    "\r", "\x85", "\u2028", "pass_mark: ", "101", "roles: ", "[sales, finance]", "title: ",
    "minutes: ", "summary: ", "objectives:\n", "post:\n", "platform: ", "author: ", "é",
]  # fmt: skip

scalars = st.one_of(
    st.sampled_from(SPECIAL_TEXT),
    st.integers(min_value=-(10**6), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.text(max_size=20),
)
any_value = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(QUIZ_KEYS + QUESTION_KEYS + JUNK_KEYS), children, max_size=5
        )
    ),
    max_leaves=25,
)
ids = st.one_of(st.sampled_from(["q1", "q2", "tweet-length", "Q1", "a b", "", "-x", "x-"]), scalars)
role_lists = st.one_of(
    st.lists(st.sampled_from([*sorted(DECLARED_ROLES), "finance", "Sales"]), max_size=3), scalars
)
options = st.dictionaries(st.sampled_from(OPTION_KEYS + JUNK_KEYS), scalars, max_size=4)
posts = st.dictionaries(st.sampled_from(POST_KEYS + JUNK_KEYS), scalars, max_size=5)
questions = st.fixed_dictionaries(
    {},
    optional={
        "id": ids,
        "type": st.one_of(st.sampled_from(["single", "multiple", "true_false", "choice"]), scalars),
        "prompt": scalars,
        "options": st.one_of(st.lists(st.one_of(options, scalars), max_size=4), scalars),
        "answer": scalars,
        "explanation": scalars,
        "post": st.one_of(posts, scalars),
        "roles": role_lists,
        "corect": scalars,
    },
)
quizzes = st.fixed_dictionaries(
    {},
    optional={
        "id": ids,
        "title": scalars,
        "lesson": scalars,
        "roles": role_lists,
        "pass_mark": scalars,
        "shuffle": scalars,
        "questions": st.one_of(st.lists(st.one_of(questions, any_value), max_size=4), any_value),
        "pass-mark": scalars,
    },
)
front_matters = st.fixed_dictionaries(
    {},
    optional={
        "title": scalars,
        "summary": scalars,
        "minutes": scalars,
        "roles": role_lists,
        "objectives": st.one_of(st.lists(any_value, max_size=3), scalars),
        "type": st.one_of(st.sampled_from(["lesson", "page", "quiz"]), scalars),
        "minuts": scalars,
        "hide": any_value,
    },
)


@st.composite
def dumped(draw: st.DrawFn, data: st.SearchStrategy[Any]) -> str:
    """A document as yaml.safe_dump writes it, in block or flow style."""
    return yaml.safe_dump(
        draw(st.one_of(data, any_value)),
        default_flow_style=draw(st.sampled_from([False, True, None])),
        allow_unicode=draw(st.booleans()),
        sort_keys=False,
        width=draw(st.sampled_from([80, 20, 10**6])),
    )


@st.composite
def edited(draw: st.DrawFn, data: st.SearchStrategy[Any]) -> str:
    """A dumped document after a few random edits, as a hurried author might leave it."""
    text = draw(dumped(data))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        cut = draw(st.integers(min_value=0, max_value=len(text)))
        end = draw(st.integers(min_value=cut, max_value=min(len(text), cut + 8)))
        insert = draw(st.one_of(st.sampled_from(YAML_TOKENS), st.just(""), st.text(max_size=3)))
        text = text[:cut] + insert + text[end:]
    return text


raw_text = st.one_of(
    st.text(max_size=300),
    st.binary(max_size=300).map(lambda data: data.decode("utf-8", errors="replace")),
    st.lists(st.sampled_from(YAML_TOKENS), max_size=40).map("".join),
)


# Text an author can type into a quiz. Not YAML's Unicode line breaks: PyYAML writes them
# unescaped, and YAML then reads them as the end of a line (folded into a space).
texts = st.one_of(st.sampled_from(SPECIAL_TEXT), st.text(min_size=1, max_size=30)).filter(
    lambda text: bool(text.strip()) and not any(c in text for c in "\x85\u2028\u2029")
)


@st.composite
def valid_questions(draw: st.DrawFn, number: int) -> dict[str, Any]:
    question: dict[str, Any] = {"id": f"q{number}", "prompt": draw(texts)}
    kind = draw(st.sampled_from(["single", "multiple", "true_false"]))
    question["type"] = kind
    if kind == "true_false":
        question["answer"] = draw(st.booleans())
        return question
    option_texts = draw(st.lists(texts, min_size=2, max_size=5, unique=True))
    if kind == "single":
        right = {draw(st.integers(min_value=0, max_value=len(option_texts) - 1))}
    else:
        right = set(draw(st.sets(st.integers(0, len(option_texts) - 1), min_size=1)))
    question["options"] = [
        {"text": text, "correct": True} if index in right else {"text": text}
        for index, text in enumerate(option_texts)
    ]
    if draw(st.booleans()):
        question["explanation"] = draw(texts)
    return question


@st.composite
def valid_quizzes(draw: st.DrawFn) -> dict[str, Any]:
    count = draw(st.integers(min_value=1, max_value=4))
    quiz: dict[str, Any] = {
        "lesson": draw(texts),
        "questions": [draw(valid_questions(number)) for number in range(count)],
    }
    if draw(st.booleans()):
        quiz["pass_mark"] = draw(st.integers(min_value=0, max_value=100))
    if draw(st.booleans()):
        quiz["shuffle"] = draw(st.booleans())
    if draw(st.booleans()):
        quiz["title"] = draw(texts)
    return quiz


@st.composite
def nearly_valid_quizzes(draw: st.DrawFn) -> dict[str, Any]:
    """A valid quiz with one field, of the quiz or of a question, set to anything."""
    quiz = draw(valid_quizzes())
    target = draw(st.sampled_from([quiz, *quiz["questions"]]))
    keys = QUIZ_KEYS if target is quiz else QUESTION_KEYS
    target[draw(st.sampled_from([*keys, *JUNK_KEYS]))] = draw(any_value)
    return quiz


def quiz_sources() -> st.SearchStrategy[str]:
    return st.one_of(dumped(quizzes), edited(quizzes), raw_text, dumped(nearly_valid_quizzes()))


def lesson_sources() -> st.SearchStrategy[str]:
    front_matter = st.one_of(dumped(front_matters), edited(front_matters), raw_text)
    return st.one_of(
        front_matter.map(lambda text: f"---\n{text}---\n\n# Body\n"),
        front_matter.map(lambda text: f"---\n{text}\n---\n"),
        raw_text,
    )


def _load_quiz(text: str) -> tuple[Quiz | None, Diagnostics]:
    diagnostics = Diagnostics()
    quiz = load_quiz(
        QUIZ_PATH,
        text,
        diagnostics,
        default_id="random",
        default_pass_mark=DEFAULT_PASS_MARK,
        declared_roles=DECLARED_ROLES,
    )
    return quiz, diagnostics


def _load_lesson(text: str) -> tuple[Lesson | None, Diagnostics]:
    diagnostics = Diagnostics()
    lesson = load_lesson("module/random.md", LESSON_PATH, text, diagnostics, DECLARED_ROLES)
    return lesson, diagnostics


def _assert_answered(result: object, diagnostics: Diagnostics, path: str) -> None:
    """A result, or at least one error; every error located in the file, with a message."""
    assert result is not None or len(diagnostics) >= 1
    for diagnostic in diagnostics.items:
        assert diagnostic.location.path == path
        assert diagnostic.location.line >= 1
        assert diagnostic.location.column >= 1
        assert diagnostic.message.strip()


_YAML_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


def _assert_one_line_on_a_line_of_the_file(diagnostics: Diagnostics, text: str) -> None:
    """Each message is one line of the report, and points at a line the file has."""
    lines = _YAML_LINE_BREAK.split(text)
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    for diagnostic in diagnostics.items:
        assert "\n" not in diagnostic.message and "\r" not in diagnostic.message, str(diagnostic)
        assert diagnostic.location.line <= max(1, len(lines)), str(diagnostic)


@SETTINGS
@given(quiz_sources())
def test_load_quiz_answers_every_input(text: str) -> None:
    quiz, diagnostics = _load_quiz(text)
    _assert_answered(quiz, diagnostics, QUIZ_PATH)


@SETTINGS
@given(valid_quizzes(), st.sampled_from([False, True, None]), st.booleans())
def test_valid_quizzes_load_with_their_text_as_written(
    data: dict[str, Any], flow: bool | None, unicode: bool
) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=unicode, sort_keys=False)
    quiz, diagnostics = _load_quiz(text)
    assert [str(d) for d in diagnostics.items] == []
    assert quiz is not None
    assert quiz.lesson == data["lesson"]
    assert quiz.title == data.get("title")
    assert quiz.pass_mark == data.get("pass_mark", DEFAULT_PASS_MARK)
    assert quiz.shuffle == data.get("shuffle", False)
    for question, written in zip(quiz.questions, data["questions"], strict=True):
        assert question.prompt == written["prompt"]
        assert question.explanation == written.get("explanation")
        if written["type"] == "true_false":
            assert question.correct_indexes() == [0 if written["answer"] else 1]
            continue
        assert [o.text for o in question.options] == [o["text"] for o in written["options"]]
        assert question.correct_indexes() == [
            index for index, o in enumerate(written["options"]) if o.get("correct")
        ]


@SETTINGS
@given(quiz_sources())
@example(f"lesson: a.md\nshuffle: maybe\n{_ONE_QUESTION}")
@example(f"lesson: a.md\ntitle: [a, b]\n{_ONE_QUESTION}")
def test_a_quiz_is_returned_only_without_errors(text: str) -> None:
    # As load_lesson does: every field is checked before deciding, so a quiz that is
    # returned has no problem, and a problem in one field never hides one in another.
    quiz, diagnostics = _load_quiz(text)
    if quiz is not None:
        assert [str(d) for d in diagnostics.items] == []


@SETTINGS
@given(quiz_sources())
def test_quiz_errors_are_one_line_on_a_line_of_the_file(text: str) -> None:
    _, diagnostics = _load_quiz(text)
    _assert_one_line_on_a_line_of_the_file(diagnostics, text)


@SETTINGS
@given(lesson_sources())
def test_load_lesson_answers_every_input(text: str) -> None:
    lesson, diagnostics = _load_lesson(text)
    _assert_answered(lesson, diagnostics, LESSON_PATH)
    if lesson is not None:
        assert not diagnostics
        assert 1 <= lesson.minutes <= 15


@SETTINGS
@given(lesson_sources())
def test_lesson_errors_are_one_line_on_a_line_of_the_file(text: str) -> None:
    _, diagnostics = _load_lesson(text)
    _assert_one_line_on_a_line_of_the_file(diagnostics, text)


# Found while writing the properties: nesting deeper than Python's recursion limit.
DEEP = 600


def test_deeply_nested_yaml_is_an_error_not_a_crash() -> None:
    for text in ("[" * DEEP, "- " * DEEP + "x\n", "questions: " + "[" * DEEP + "]" * DEEP + "\n"):
        quiz, diagnostics = _load_quiz(text)
        _assert_answered(quiz, diagnostics, QUIZ_PATH)
        assert quiz is None
        lesson, lesson_diagnostics = _load_lesson(f"---\ntitle: {'[' * DEEP}\n---\n")
        _assert_answered(lesson, lesson_diagnostics, LESSON_PATH)
