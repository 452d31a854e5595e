"""Quizzes and questions for other roles are hidden, said to exist, and left out of the score."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from microcourse.strings import ENGLISH

from .conftest import choose_role


def test_sales_sees_its_questions_and_notes_for_the_rest(learner, page, quiz_data):
    learner.open("basics/first/")
    choose_role(page, "sales")
    expect(page.locator(".mc-rolebar__status")).to_have_text("Role set to Sales.")

    quiz = learner.quiz("first")
    marketing_question = learner.question("first", "marketing-only")
    expect(marketing_question).to_be_hidden()
    others = quiz.locator(".mc-quiz__others")
    expect(others).to_be_visible()
    expect(others).to_contain_text("1 more question is for another role.")

    # A whole quiz for another role: hidden, with a note naming the role.
    other_quiz = learner.quiz("first-marketing")
    expect(other_quiz.locator(".mc-quiz__form")).to_be_hidden()
    expect(other_quiz.locator(".mc-quiz__elsewhere")).to_contain_text(
        "This quiz is for Marketing and communications."
    )

    # The score counts the visible questions only: 3 of 3, not 3 of 4.
    result = learner.take("first", right=True)
    expect(result).to_contain_text("100%")
    expect(result).to_contain_text("(3 of 3 right)")
    expect(page.locator('[data-mc-lesson-status="basics/first"]')).to_have_text(
        re.compile("Completed")
    )

    # The learner can look at what is hidden, and hide it again.
    toggle = others.get_by_role("button", name="Show them")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(marketing_question).to_be_visible()
    expect(others.get_by_role("button", name="Hide them")).to_have_attribute(
        "aria-expanded", "true"
    )
    # Shown, another role's question changes nothing: the result is the learner's own.
    expect(result).to_contain_text("(3 of 3 right)")
    others.get_by_role("button", name="Hide them").click()
    expect(marketing_question).to_be_hidden()
    expect(result).to_contain_text("(3 of 3 right)")
    other_quiz.get_by_role("button", name="Show them").click()
    expect(other_quiz.locator(".mc-quiz__form")).to_be_visible()


def test_marketing_sees_everything_of_its_own(learner, page):
    learner.open("basics/first/?role=marketing")
    expect(learner.question("first", "marketing-only")).to_be_visible()
    expect(learner.quiz("first").locator(".mc-quiz__others")).to_be_hidden()
    expect(learner.quiz("first-marketing").locator(".mc-quiz__form")).to_be_visible()
    expect(learner.quiz("first-marketing").locator(".mc-quiz__elsewhere")).to_be_hidden()
    # Role-specific quizzes count for completion: passing one quiz of two is not enough.
    expect(learner.take("first", right=True)).to_contain_text("(4 of 4 right)")
    status = page.locator('[data-mc-lesson-status="basics/first"]')
    expect(status).to_have_text(ENGLISH["lesson_in_progress"])
    expect(learner.take("first-marketing", right=True)).to_contain_text("Passed")
    expect(status).to_have_text(re.compile(ENGLISH["lesson_complete"]))


def test_no_role_sees_what_is_for_everyone(learner, page):
    learner.open("basics/first/")
    expect(page.locator(".mc-rolebar select")).to_have_value("everyone")
    expect(page.locator(".mc-rolebar__hint")).to_have_text(ENGLISH["role_choose"])
    expect(learner.question("first", "marketing-only")).to_be_hidden()
    expect(learner.quiz("first").locator(".mc-quiz__others")).to_be_visible()
    expect(learner.quiz("first-marketing").locator(".mc-quiz__form")).to_be_hidden()
    # Changing the role shows the role's content at once, without a reload.
    choose_role(page, "marketing")
    expect(learner.question("first", "marketing-only")).to_be_visible()
    expect(learner.quiz("first-marketing").locator(".mc-quiz__form")).to_be_visible()
    expect(page.locator(".mc-rolebar__hint")).to_be_hidden()
