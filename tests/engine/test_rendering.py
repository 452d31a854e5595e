"""The HTML the engine renders: golden pages, and what the markup must mean.

`golden/render/<case>.html` holds the expected HTML of one fragment; the comparison
ignores whitespace between tags. The semantic tests say why the markup is what it is:
a fieldset and legend per question, labelled inputs, a live region, no answers in sight.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from engine_support import (
    GOLDEN,
    ROLES,
    lesson,
    load_good_quiz,
    normalise_html,
    read_source,
    renderer,
    url_for,
)

from microcourse.diagnostics import Location
from microcourse.model import Quiz, Video
from microcourse.render.answer_key import decode

RENDER = GOLDEN / "render"
LESSON = lesson(
    "twitter/first-post.md",
    title="Your first post",
    summary="Write and publish your first post.",
    minutes=5,
    roles=("sales", "marketing"),
    objectives=["Write a post in *your own* voice", "Reply to a mention"],
)


def _all_types_quiz() -> Quiz:
    return load_good_quiz(read_source(RENDER / "quiz-all-types.yml"), "quiz-all-types")


def _course_lessons() -> list[Any]:
    return [
        lesson("start/why.md", title="Why it matters", minutes=3),
        LESSON,
        lesson("tracks/sales.md", title="Selling in public", minutes=7, roles=("sales",)),
        lesson("tracks/hr.md", title="Hiring in public", minutes=4, roles=("hr",)),
    ]


def _render_quiz() -> str:
    quiz = _all_types_quiz()
    return renderer([LESSON], [quiz]).quiz(quiz, LESSON, url_for)


def _render_lesson_header() -> str:
    return renderer([LESSON]).lesson_header(LESSON)


def _render_path() -> str:
    return renderer(_course_lessons()).path(ROLES["sales"], url_for)


def _render_everyone_path() -> str:
    return renderer(_course_lessons()).path(None, url_for)


def _render_paths_overview() -> str:
    return renderer(_course_lessons()).paths_overview(url_for, "paths/index.md")


def _render_local_video() -> str:
    video = Video(
        title="Twitter in a minute",
        location=Location("content/twitter/first-post.md", 9),
        src="media/videos/twitter.mp4",
        captions="media/videos/twitter.vtt",
        poster="media/videos/twitter.jpg",
        transcript=["Hello. This is how to post.", "Keep it short."],
    )
    return renderer([LESSON]).video(video, url_for)


def _render_external_video() -> str:
    video = Video(
        title="Our launch event",
        location=Location("content/twitter/first-post.md", 12),
        poster="media/launch.jpg",
        embed_url="https://www.youtube-nocookie.com/embed/abc123XYZ_-",
        provider="YouTube",
    )
    return renderer([LESSON]).video(video, url_for)


RENDERINGS: dict[str, Callable[[], str]] = {
    "quiz-all-types": _render_quiz,
    "lesson-header": _render_lesson_header,
    "path-sales": _render_path,
    "path-everyone": _render_everyone_path,
    "paths-overview": _render_paths_overview,
    "video-local": _render_local_video,
    "video-external": _render_external_video,
}


def test_every_rendering_has_a_golden_file() -> None:
    assert {path.stem for path in RENDER.glob("*.html")} == set(RENDERINGS)


@pytest.mark.parametrize("case", sorted(RENDERINGS))
def test_rendering_matches_golden(case: str) -> None:
    expected = (RENDER / f"{case}.html").read_text(encoding="utf-8")
    assert normalise_html(RENDERINGS[case]()) == normalise_html(expected)


# ------------------------------------------------------------------ what the quiz markup means


@pytest.fixture
def quiz_soup() -> BeautifulSoup:
    return BeautifulSoup(_render_quiz(), "html.parser")


def _tags(parent: Tag | BeautifulSoup, name: str | None, **attrs: Any) -> list[Tag]:
    return [tag for tag in parent.find_all(name, attrs=attrs) if isinstance(tag, Tag)]


def test_one_fieldset_and_legend_per_question(quiz_soup: BeautifulSoup) -> None:
    fieldsets = _tags(quiz_soup, "fieldset")
    assert [f["data-mc-question"] for f in fieldsets] == [
        "tweet-length",
        "good-habits",
        "canned-message",
    ]
    for fieldset in fieldsets:
        legends = _tags(fieldset, "legend")
        assert len(legends) == 1
        # The legend is the fieldset's first child, so it names the group.
        first = next(child for child in fieldset.children if isinstance(child, Tag))
        assert first is legends[0]
        assert legends[0].get_text(strip=True)


def test_a_long_prompt_describes_its_fieldset(quiz_soup: BeautifulSoup) -> None:
    fieldset = _tags(quiz_soup, "fieldset", **{"data-mc-question": "good-habits"})[0]
    prompt_id = fieldset["aria-describedby"]
    prompt = quiz_soup.find(id=prompt_id)
    assert isinstance(prompt, Tag)
    assert "Pick every one that applies." in prompt.get_text()


def test_input_types_follow_question_types(quiz_soup: BeautifulSoup) -> None:
    expected = {"tweet-length": "radio", "good-habits": "checkbox", "canned-message": "radio"}
    for fieldset in _tags(quiz_soup, "fieldset"):
        inputs = _tags(fieldset, "input")
        assert {i["type"] for i in inputs} == {expected[str(fieldset["data-mc-question"])]}
        # One group per question: every input of a question shares one name.
        assert len({i["name"] for i in inputs}) == 1
    true_false = _tags(quiz_soup, "fieldset", **{"data-mc-question": "canned-message"})[0]
    labels = [label.get_text(strip=True) for label in _tags(true_false, "label")]
    assert labels == ["True", "False"]


def test_every_input_has_its_own_label(quiz_soup: BeautifulSoup) -> None:
    inputs = _tags(quiz_soup, "input")
    assert len(inputs) == 3 + 3 + 2
    for option in inputs:
        label = option.find_parent("label")
        assert isinstance(label, Tag), "each input sits in its label"
        assert label.get_text(strip=True)
        assert len(_tags(label, "input")) == 1
    all_ids = [tag["id"] for tag in quiz_soup.find_all(id=True) if isinstance(tag, Tag)]
    assert len(all_ids) == len(set(all_ids)), "ids on the page must be unique"


def test_the_markup_holds_questions_only(quiz_soup: BeautifulSoup) -> None:
    # Buttons and live regions need JavaScript, so course.js adds them (the browser
    # tests check they are there and announced); without it, no dead controls.
    assert not _tags(quiz_soup, "button")
    assert not _tags(quiz_soup, None, role="status")
    assert _tags(quiz_soup, "p", **{"class": "mc-quiz__nojs"})


ANSWER_TEXTS = [
    "That was the limit until 2017",
    "Right. See",
    "the rules",
    "Long posts are possible",
    "Do not feed the trolls",
    "Say it in your own words",
]


def _answer_key() -> object:
    quiz = _all_types_quiz()
    return decode(renderer([LESSON], [quiz]).answer_key(quiz, LESSON, url_for), quiz.id)


def test_no_answer_text_in_the_markup() -> None:
    quiz = _all_types_quiz()
    visible = _render_quiz()
    for text in ANSWER_TEXTS:
        assert text not in visible
    # Nothing in the markup says which option is right.
    assert "correct" not in visible.lower()
    encoded = renderer([LESSON], [quiz]).answer_key(quiz, LESSON, url_for)
    for text in ANSWER_TEXTS:
        assert text not in encoded


def test_the_answer_key_decodes_to_the_right_answers() -> None:
    key = _answer_key()
    assert isinstance(key, dict)
    assert {qid: entry["c"] for qid, entry in key.items()} == {
        "tweet-length": [1],
        "good-habits": [0, 2],
        "canned-message": [1],
    }
    tweet = key["tweet-length"]
    assert set(tweet["f"]) == {"0", "1"}
    assert "That was the limit until 2017." in tweet["f"]["0"]
    # A link in feedback points where the lesson's own link would.
    feedback = BeautifulSoup(tweet["f"]["1"], "html.parser")
    link = feedback.find("a")
    assert isinstance(link, Tag)
    assert link["href"] == "/policy/the-donts/#length"
    assert "Long posts are possible" in tweet["x"]
    assert "Say it in your own words." in key["canned-message"]["x"]
    assert set(key["good-habits"]["f"]) == {"1"}


def test_true_false_answer_true_is_the_first_option() -> None:
    text = "lesson: a.md\nquestions:\n  - id: q\n    type: true_false\n    answer: true\n    prompt: P\n"
    quiz = load_good_quiz(text, "tf")
    encoded = renderer(quizzes=[quiz]).answer_key(quiz, LESSON, url_for)
    assert decode(encoded, "tf") == {"q": {"c": [0]}}


def test_quiz_attributes_carry_roles_pass_mark_and_shuffle(quiz_soup: BeautifulSoup) -> None:
    section = quiz_soup.find("section")
    assert isinstance(section, Tag)
    assert section["data-mc-roles"] == "sales marketing"
    assert section["data-mc-pass-mark"] == "75"
    assert section.has_attr("data-mc-shuffle")
    assert section["data-mc-lesson"] == "twitter/first-post"
    assert section["data-mc-fingerprint"] == _all_types_quiz().answer_key_fingerprint()
    title = quiz_soup.find(id=section["aria-labelledby"])
    assert isinstance(title, Tag)
    assert title.get_text(strip=True) == "Check your understanding"


def test_fingerprint_follows_answers_not_wording() -> None:
    quiz = _all_types_quiz()
    before = quiz.answer_key_fingerprint()
    quiz.questions[0].prompt = "Reworded?"
    quiz.questions[0].options[0].feedback = "Reworded feedback."
    assert quiz.answer_key_fingerprint() == before
    quiz.questions[2].answer = True
    assert quiz.answer_key_fingerprint() != before
