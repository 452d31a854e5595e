"""Grading and progress say one thing everywhere: the learner's own questions, their own path."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from microcourse.strings import ENGLISH

from .conftest import choose_role


def test_revealed_questions_of_other_roles_never_change_the_result(learner, page, quiz_data):
    questions = {q["id"]: q for q in quiz_data("first")["questions"]}
    learner.open("basics/first/?role=sales")
    learner.answer("first", questions["pick-one"], right=False)
    learner.answer("first", questions["pick-all"], right=True)
    learner.answer("first", questions["true-or-false"], right=True)
    result = learner.quiz("first").locator(".mc-quiz__result")
    expect(result).to_contain_text("(2 of 3 right)")
    status = page.locator('[data-mc-lesson-status="basics/first"]')
    expect(status).to_have_text(ENGLISH["lesson_in_progress"])
    # Marketing's question, shown and answered right, is practice: 2 of 3 still.
    learner.quiz("first").locator(".mc-quiz__others").get_by_role("button").click()
    learner.answer("first", questions["marketing-only"], right=True)
    expect(result).to_contain_text("(2 of 3 right)")
    expect(result).to_contain_text(ENGLISH["not_passed"])
    expect(status).to_have_text(ENGLISH["lesson_in_progress"])
    learner.quiz("first").locator(".mc-quiz__others").get_by_role("button").click()
    expect(result).to_contain_text("(2 of 3 right)")
    expect(learner.quiz("first").locator(".mc-quiz__record")).to_contain_text("Your best: 67%")


def test_a_wrong_single_answer_shows_the_right_one_and_why(learner, quiz_data):
    sky = quiz_data("first")["questions"][0]
    learner.open("basics/first/")
    fieldset = learner.answer("first", sky, right=False)
    right = next(o for o in sky["options"] if o.get("correct"))
    revealed = fieldset.locator(".mc-option--answer")
    expect(revealed).to_have_count(1)
    expect(revealed).to_contain_text(right["text"])
    expect(revealed.locator(".mc-option__feedback")).to_contain_text(ENGLISH["option_correct"])
    expect(revealed.locator(".mc-option__feedback")).to_contain_text(right["feedback"])
    expect(fieldset).not_to_contain_text(ENGLISH["option_missed"])


def test_also_right_only_beside_a_right_pick(learner, page, quiz_data):
    fruit = quiz_data("first")["questions"][1]
    good = [o["text"] for o in fruit["options"] if o.get("correct")]
    bad = [o["text"] for o in fruit["options"] if not o.get("correct")]
    learner.open("basics/first/")
    fieldset = learner.question("first", fruit["id"])
    fieldset.get_by_label(bad[0], exact=True).check()
    fieldset.get_by_role("button", name="Check answer").click()
    expect(fieldset.locator(".mc-option--answer")).to_have_count(len(good))
    expect(fieldset).not_to_contain_text(ENGLISH["option_missed"])
    # Next attempt: one right pick of two; the other is "Also right".
    learner.quiz("first").get_by_role("button", name="Try again").click()
    fieldset.get_by_label(good[0], exact=True).check()
    fieldset.get_by_role("button", name="Check answer").click()
    expect(fieldset.locator(".mc-option--missed")).to_have_count(len(good) - 1)
    expect(fieldset.locator(".mc-option--missed")).to_contain_text(ENGLISH["option_missed"])


def test_another_roles_lesson_is_not_complete_for_the_learner(learner, page):
    learner.open("basics/first/?role=everyone")
    learner.open("sales/pitch/")
    expect(page.locator('.mc-lesson [data-mc-lesson-status="sales/pitch"]')).to_have_text(
        ENGLISH["lesson_off_path"]
    )
    pitch = page.locator(".md-sidebar--primary a.md-nav__link", has_text="Your pitch online")
    expect(pitch.locator(".mc-nav-tick")).to_have_count(0)
    learner.open("paths/")
    everyone = page.locator('[data-mc-path-progress="everyone"]').last
    expect(everyone).to_have_text("Your path: 0 of 2 lessons done")  # "Your path" unseen, heard
    sales = page.locator('.mc-path[data-mc-path="sales"] [data-mc-lesson-status="sales/pitch"]')
    expect(sales).to_have_text(ENGLISH["lesson_in_progress"])  # for Sales: visited, not passed


def test_continue_goes_to_the_first_unfinished_lesson_of_your_path(learner, page):
    learner.open("basics/first/?role=everyone")
    expect(learner.take("first", right=True)).to_contain_text("Passed")
    learner.open("paths/")
    section = page.locator("#path-everyone")
    expect(section).to_have_class(re.compile("mc-path--mine"))
    expect(page.locator("#path-sales")).not_to_have_class(re.compile("mc-path--mine"))
    start = section.locator("a[data-mc-continue]")
    expect(start).to_contain_text(ENGLISH["continue_path"])
    expect(start).to_have_attribute("href", re.compile(r"basics/second/$"))
    expect(page.locator("#path-sales a[data-mc-continue]")).to_contain_text(
        ENGLISH["continue_path"]  # the first lesson is Sales's too
    )
    learner.open("")
    card = page.locator(".mc-role-choice__item.mc-path--mine")
    expect(card).to_have_count(1)
    expect(card.get_by_role("link", name=re.compile(ENGLISH["continue_path"]))).to_have_attribute(
        "href", re.compile(r"basics/second/$")
    )
    # A path not begun offers its start: Marketing's first lesson is the one passed.
    expect(page.locator(".mc-role-choice__continue")).to_have_count(3)


def test_reset_asks_first_and_try_again_keeps_the_best(learner, page, stored):
    learner.open("basics/first/")
    expect(learner.take("first", right=True)).to_contain_text("Passed")
    quiz = learner.quiz("first")
    asked: list[str] = []

    def answer(dialog, accept: bool) -> None:
        asked.append(dialog.message)
        if accept:
            dialog.accept()
        else:
            dialog.dismiss()

    # "Reset" asks before deleting; answering no keeps the result.
    page.once("dialog", lambda dialog: answer(dialog, False))
    quiz.get_by_role("button", name=ENGLISH["reset"]).click()
    expect(quiz.locator(".mc-quiz__record")).to_contain_text("Your best: 100%")
    assert asked == [ENGLISH["reset_question"]]
    assert stored(page)["quizzes"]["first"]["passed"] is True
    # "Try again" never touches the stored result.
    quiz.get_by_role("button", name=ENGLISH["retry"]).click()
    assert stored(page)["quizzes"]["first"]["passed"] is True
    page.once("dialog", lambda dialog: answer(dialog, True))
    quiz.get_by_role("button", name=ENGLISH["reset"]).click()
    expect(quiz.locator(".mc-quiz__result")).to_have_text(ENGLISH["reset_done"])
    assert "first" not in stored(page)["quizzes"]
    expect(quiz.locator(".mc-quiz__record")).to_be_hidden()
    expect(quiz.get_by_role("button", name=ENGLISH["reset"])).to_be_hidden()


def test_the_first_click_after_the_network_is_back_works(learner, page, quiz_data):
    page.route("**/assets/course/answers/**", lambda route: route.abort())
    learner.open("basics/first/")
    sky = quiz_data("first")["questions"][0]
    fieldset = learner.answer("first", sky, right=True)
    expect(fieldset.locator(".mc-question__status")).to_have_text(ENGLISH["answers_unavailable"])
    page.unroute("**/assets/course/answers/**")
    fieldset.get_by_role("button", name="Check answer").click()
    expect(fieldset.locator(".mc-question__verdict")).to_have_text(re.compile("Correct"))
    expect(fieldset.locator(".mc-question__status")).to_have_text("")


def test_the_role_applies_on_apply_not_while_arrowing(learner, page, stored):
    learner.open("basics/first/")
    select = page.locator(".mc-rolebar select")
    select.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(select).not_to_have_value("everyone")
    expect(page.locator(".mc-rolebar__status")).to_have_text("")
    assert stored(page).get("role") is None
    expect(learner.question("first", "marketing-only")).to_be_hidden()
    page.keyboard.press("Tab")
    expect(page.locator(".mc-rolebar__apply")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".mc-rolebar__status")).to_have_text(
        "Role set to Marketing and communications."
    )
    expect(learner.question("first", "marketing-only")).to_be_visible()


def test_everyone_is_a_choice_and_the_meta_has_separators(learner, page):
    learner.open("basics/first/")
    hint = page.locator(".mc-rolebar__hint")
    expect(hint).to_have_text(ENGLISH["role_choose"])
    choose_role(page, "everyone")
    expect(page.locator(".mc-rolebar__status")).to_have_text("Role set to Everyone.")
    expect(hint).to_be_hidden()
    page.reload()
    expect(page.locator(".mc-rolebar__hint")).to_be_hidden()
    expect(page.locator(".mc-lesson__meta")).to_match_aria_snapshot(
        "- paragraph: /3 min ?, For everyone ?, In progress/"
    )
