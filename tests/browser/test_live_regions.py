"""The controls course.js adds to a quiz: a Check button and a live region per question."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def test_each_question_gets_a_check_button_and_an_empty_live_region(learner, page, quiz_data):
    learner.open("basics/first/")
    quiz = learner.quiz("first")
    questions = quiz.locator("fieldset.mc-question")
    count = questions.count()
    assert count == len(quiz_data("first")["questions"])
    for index in range(count):
        question = questions.nth(index)
        expect(question.locator('[role="status"]')).to_have_count(1)
        expect(question.locator('[role="status"]')).to_have_text("")
        expect(question.locator("button.mc-question__check")).to_have_text("Check answer")
    expect(quiz.locator('.mc-quiz__result[role="status"]')).to_have_text("")

    # Checking writes into the region, which is how a screen reader hears the result.
    first = quiz_data("first")["questions"][0]
    fieldset = learner.answer("first", first, right=True)
    expect(fieldset.locator('[role="status"]')).to_have_text(re.compile("Correct"))
