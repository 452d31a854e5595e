"""What course.js adds to a question, and what a screen reader hears after "Check answer"."""

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

    # Checking without an answer is said in the live region.
    quiz.locator("fieldset.mc-question").first.get_by_role("button", name="Check answer").click()
    expect(quiz.locator('fieldset [role="status"]').first).to_have_text("Choose an answer first.")


def test_the_result_is_heard_once_with_feedback_and_explanation(learner, page, quiz_data):
    """Focus goes to the result: named by the verdict, described by the right option, its
    feedback and the explanation; nothing of it is also in a live region (heard twice)."""
    quiz = quiz_data("first")
    sky = quiz["questions"][0]
    learner.open("basics/first/")
    fieldset = learner.answer("first", sky, right=False)
    result = fieldset.locator(".mc-question__result")
    expect(result).to_be_focused()
    expect(result).to_have_accessible_name("Not quite.")
    right = next(o for o in sky["options"] if o.get("correct"))
    wrong = next(o for o in sky["options"] if not o.get("correct") and o.get("feedback"))
    description = re.compile(
        re.escape(f"Wrong answer: {wrong['text']}. {wrong['feedback']}")
        + ".*"
        + re.escape(f"Right answer: {right['text']}. {right['feedback']}")
        + ".*"
        + re.escape(sky["explanation"])
    )
    expect(result).to_have_accessible_description(description)
    for region in fieldset.locator('[role="status"]').all():
        expect(region).to_have_text("")
