"""Text YAML would silently drop (comments, anchors, tags) is an error, not a shorter text."""

from __future__ import annotations

import pytest

from microcourse.diagnostics import Diagnostics
from microcourse.load.lesson_loader import load_lesson
from microcourse.load.quiz_loader import load_quiz
from microcourse.load.video_syntax import find_videos

QUIZ = """\
lesson: a.md
questions:
  - id: q
    type: true_false
    answer: true
    prompt: {prompt}
"""


def quiz_errors(prompt: str) -> list[str]:
    diagnostics = Diagnostics()
    load_quiz(
        "quizzes/q.yml",
        QUIZ.format(prompt=prompt),
        diagnostics,
        default_id="q",
        default_pass_mark=80,
    )
    return [str(d) for d in diagnostics.sorted()]


@pytest.mark.parametrize(
    ("prompt", "lost"),
    [
        ("Launch day! #acme", "'#acme' in 'prompt' is read as a YAML comment"),
        ("&more to come", "the word '&more' before the prompt"),
        ("!important news", "the word '!important' before the prompt"),
    ],
)
def test_text_yaml_would_drop_is_an_error(prompt: str, lost: str) -> None:
    errors = quiz_errors(prompt)
    assert len(errors) == 1 and lost in errors[0], errors
    assert errors[0].startswith("quizzes/q.yml:6:")


@pytest.mark.parametrize(
    "prompt", ['"Launch day! #acme"', "Launch day # a comment", "'&more to come'", "Rock & roll"]
)
def test_quoted_text_and_real_comments_are_fine(prompt: str) -> None:
    assert quiz_errors(prompt) == []


def test_a_hashtag_in_an_objective_is_not_lost() -> None:
    diagnostics = Diagnostics()
    text = (
        "---\ntitle: T\nsummary: S.\nminutes: 3\nobjectives:\n  - Join the chat #SupportChat\n---\n"
    )
    assert load_lesson("a.md", "content/a.md", text, diagnostics) is None
    assert [str(d) for d in diagnostics.items] == [
        "content/a.md:6:5: error: '#SupportChat' in 'objectives' is read as a YAML comment and "
        "dropped (a ' #' starts a comment); put the whole objective in quotes, like "
        '- "... #SupportChat"'
    ]


def test_a_video_in_a_list_item_is_an_error() -> None:
    diagnostics = Diagnostics()
    _, videos = find_videos(
        "- ![Intro](media/a.mp4)\n", "a.md", "content/a.md", 5, lambda _: b"", diagnostics
    )
    assert videos == []
    assert [str(d) for d in diagnostics.items] == [
        "content/a.md:5:1: error: a video goes on a line of its own, at the start of the line "
        "(not indented, not in a list or a box); move it there"
    ]
