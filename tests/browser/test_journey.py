"""A learner's journey: role from a link, wrong answer, retry, pass, reload, navigate."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def test_learner_journey(learner, page, quiz_data, stored):
    quiz = quiz_data("first")
    questions = {q["id"]: q for q in quiz["questions"]}
    # A manager's link selects the role; the address loses the parameter.
    learner.open("basics/first/?role=sales")
    expect(page.locator(".mc-rolebar select")).to_have_value("sales")
    assert "role=" not in page.url
    # Nor do the page's own links (Material made them absolute before the role was taken).
    assert not page.locator(
        '.md-content a[href*="role="], .md-nav--secondary a[href*="role="]'
    ).count()

    # A wrong answer: marked wrong with text, the author's feedback, then the explanation.
    sky = questions["pick-one"]
    fieldset = learner.answer("first", sky, right=False)
    wrong = next(o for o in sky["options"] if not o.get("correct") and o.get("feedback"))
    assert learner.page.locator("label", has_text=wrong["text"]).count()  # the option answered
    chosen = fieldset.locator(".mc-option--incorrect")
    expect(chosen).to_have_count(1)
    expect(chosen.locator(".mc-option__feedback")).to_contain_text("Wrong answer")
    expect(chosen.locator(".mc-option__feedback")).to_contain_text(wrong["feedback"])
    expect(fieldset.locator(".mc-question__explanation")).to_be_visible()
    expect(fieldset.locator(".mc-question__explanation")).to_contain_text(sky["explanation"])
    expect(fieldset.locator(".mc-question__verdict")).to_have_text(re.compile("Not quite"))
    expect(fieldset.locator("input").first).to_be_disabled()

    # The rest right: 2 of 3 visible questions is 67%, under the pass mark of 80.
    for qid in ("pick-all", "true-or-false"):
        learner.answer("first", questions[qid], right=True)
    result = learner.quiz("first").locator(".mc-quiz__result")
    expect(result).to_contain_text("Not passed yet")
    expect(result).to_contain_text("67%")
    assert stored(page)["quizzes"]["first"]["passed"] is False

    # Try again clears every answer; all right now passes.
    learner.quiz("first").get_by_role("button", name="Try again").click()
    expect(learner.quiz("first").locator("input:checked")).to_have_count(0)
    expect(learner.quiz("first").locator("input:disabled")).to_have_count(0)
    expect(result).to_have_text("")
    result = learner.take("first", right=True)
    expect(result).to_contain_text("Passed")
    expect(result).to_contain_text("100%")
    expect(page.locator('[data-mc-lesson-status="basics/first"]')).to_have_text(
        re.compile("Completed")
    )

    # A reload keeps the result, the role and the completion.
    page.reload()
    page.wait_for_selector("html.mc-js")
    record = learner.quiz("first").locator(".mc-quiz__record")
    expect(record).to_contain_text("Passed")
    expect(record).to_contain_text("Your best: 100%")
    expect(page.locator(".mc-rolebar select")).to_have_value("sales")
    first_link = page.locator(".md-sidebar--primary a.md-nav__link", has_text="First lesson")
    expect(first_link.locator(".mc-nav-tick")).to_contain_text("Completed")

    # Instant navigation (no full page load) to another page and back.
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-sidebar--primary a.md-nav__link", has_text="Second lesson").click()
    expect(page).to_have_url(re.compile(r"basics/second/$"))
    expect(page.locator("h1")).to_have_text("Second lesson")
    assert page.evaluate("window.__sameDocument === true"), (
        "Material's instant navigation was not used"
    )
    expect(page.locator(".mc-rolebar select")).to_have_value("sales")
    expect(first_link.locator(".mc-nav-tick")).to_have_count(1)
    second_link = page.locator(".md-sidebar--primary a.md-nav__link", has_text="Second lesson")
    expect(second_link.locator(".mc-nav-tick")).to_have_count(0)
    first_link.click()
    expect(page.locator("h1")).to_have_text("First lesson")
    assert page.evaluate("window.__sameDocument === true")
    expect(learner.quiz("first").locator(".mc-quiz__record")).to_contain_text("Your best: 100%")
    expect(learner.quiz("first").locator(".mc-question__check").first).to_be_visible()
    expect(first_link.locator(".mc-nav-tick")).to_have_count(1)
    expect(page.locator(".mc-rolebar")).to_have_count(1)

    # Reset, once confirmed, forgets the stored result: no record, no tick, not complete.
    page.once("dialog", lambda dialog: dialog.accept())
    learner.quiz("first").get_by_role("button", name="Reset this quiz").click()
    expect(learner.quiz("first").locator(".mc-quiz__record")).to_be_hidden()
    expect(first_link.locator(".mc-nav-tick")).to_have_count(0)
    expect(page.locator('[data-mc-lesson-status="basics/first"]')).not_to_contain_text("Completed")
    assert "first" not in stored(page)["quizzes"]
    expect(learner.quiz("first").locator(".mc-question__check").first).to_be_visible()
