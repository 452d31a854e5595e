"""Quiz banks as golden data.

`golden/quizzes/bad/<case>.yml` must produce exactly the error lines in `<case>.expected`
(one `quizzes/<case>.yml:L:C: error: ...` per line, in source order). Each expected file
holds the message an author should see; it was checked by reading, not only recorded.

`golden/quizzes/good/<case>.yml` must load without a problem into the data in `<case>.json`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from engine_support import (
    GOLDEN,
    error_lines,
    lesson,
    load_good_quiz,
    load_quiz_text,
    quiz_data,
    read_source,
    renderer,
    url_for,
)

BAD = GOLDEN / "quizzes" / "bad"
GOOD = GOLDEN / "quizzes" / "good"


def _cases(folder: Path) -> list[str]:
    return sorted(path.stem for path in folder.glob("*.yml"))


# ------------------------------------------------------------------ bad quizzes


def test_every_bad_case_has_its_expected_errors() -> None:
    cases = set(_cases(BAD))
    expected = {path.stem for path in BAD.glob("*.expected")}
    assert cases == expected
    # Enough cases to cover every rule of the authoring contract.
    assert len(cases) >= 50


@pytest.mark.parametrize("case", _cases(BAD))
def test_bad_quiz(case: str) -> None:
    _, diagnostics = load_quiz_text(read_source(BAD / f"{case}.yml"), case)
    expected = (BAD / f"{case}.expected").read_text(encoding="utf-8").splitlines()
    assert expected, "a bad case must expect at least one error"
    assert error_lines(diagnostics) == expected


# ------------------------------------------------------------------ good quizzes


def test_every_good_case_has_its_expected_data() -> None:
    assert set(_cases(GOOD)) == {path.stem for path in GOOD.glob("*.json")}
    # The contract's example verbatim is a bad case (its question roles break the
    # contract's own rule); the reconciled one is the same quiz with the rule met.
    assert "contract-example-reconciled" in _cases(GOOD)
    assert "contract-example" in _cases(BAD)


@pytest.mark.parametrize("case", _cases(GOOD))
def test_good_quiz(case: str) -> None:
    quiz, diagnostics = load_quiz_text(read_source(GOOD / f"{case}.yml"), case)
    assert error_lines(diagnostics) == []
    assert quiz is not None
    expected = json.loads((GOOD / f"{case}.json").read_text(encoding="utf-8"))
    assert quiz_data(quiz) == expected


WRITTEN_AS_IS = {
    "looks-like-booleans": ["no", "yes", "on", "off", "True", "NO", "y"],
    "looks-like-numbers": [
        "280",
        "1.10",
        "0x1F",
        "0o17",
        "1_000",
        "1e3",
        ".inf",
        "-0",
        "+1",
        "12:30",
        "007",
    ],
    "looks-like-dates-and-null": [
        "2017-11-07",
        "2017-11-07T10:00:00Z",
        "~",
        "null",
        "quoted",
        '"Quoted" words',
        "yes",
        "no",
        "  spaced  ",
    ],
}


def test_option_texts_are_the_text_written_in_the_file() -> None:
    quiz = load_good_quiz(read_source(GOOD / "yaml-specials.yml"), "yaml-specials")
    texts = {q.id: [o.text for o in q.options] for q in quiz.questions}
    assert texts == WRITTEN_AS_IS
    for question in quiz.questions:
        assert all(type(o.text) is str for o in question.options)
    prompts = [q.prompt for q in quiz.questions]
    assert prompts == ["yes", "280", "~"]
    first = quiz.questions[0]
    assert first.options[0].feedback == "off"
    assert first.explanation == "on"


def test_option_texts_are_shown_as_written() -> None:
    quiz = load_good_quiz(read_source(GOOD / "yaml-specials.yml"), "yaml-specials")
    html = renderer(quizzes=[quiz]).quiz(quiz, lesson(), url_for)
    soup = BeautifulSoup(html, "html.parser")
    for question_id, texts in WRITTEN_AS_IS.items():
        fieldset = soup.find("fieldset", attrs={"data-mc-question": question_id})
        assert fieldset is not None
        labels = [" ".join(label.get_text().split()) for label in fieldset.find_all("label")]
        # Spaces around a text do not show in a browser; nothing else may change.
        assert labels == [" ".join(text.split()) for text in texts]
    legends = [legend.get_text() for legend in soup.find_all("legend")]
    assert legends == ["yes", "280", "~"]


def test_only_real_booleans_and_whole_numbers_count() -> None:
    quiz = load_good_quiz(read_source(GOOD / "defaults.yml"), "defaults")
    assert quiz.questions[0].answer is False
    assert quiz.pass_mark == 80
    assert quiz.id == "defaults"
    flow = load_good_quiz(read_source(GOOD / "flow-style-and-zero.yml"), "flow-style-and-zero")
    assert flow.pass_mark == 0
    assert flow.shuffle is True


def test_windows_line_endings_and_byte_order_mark() -> None:
    text = (GOOD / "roles-posts-and-limits.yml").read_text(encoding="utf-8")
    expected = json.loads((GOOD / "roles-posts-and-limits.json").read_text(encoding="utf-8"))
    crlf = load_good_quiz("\ufeff" + text.replace("\n", "\r\n"), "roles-posts-and-limits")
    assert quiz_data(crlf) == expected


def test_located_errors_use_the_file_lines_with_windows_line_endings() -> None:
    text = "lesson: a.md\r\npass_mark: 101\r\nquestions: []\r\n"
    _, diagnostics = load_quiz_text(text, "crlf")
    assert error_lines(diagnostics) == [
        "quizzes/crlf.yml:2:12: error: 'pass_mark' is a percentage from 0 to 100, not 101",
        "quizzes/crlf.yml:3:12: error: 'questions' is empty; add at least one",
    ]
