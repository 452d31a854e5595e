"""axe-core finds nothing on a lesson before and after answering, light and dark, wide and narrow."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect


def answer_some(learner, quiz_data):
    """A finished attempt with right, wrong and missed answers all on screen."""
    questions = quiz_data("first")["questions"]
    learner.answer("first", questions[0], right=False)
    pick_all = questions[1]
    fieldset = learner.question("first", pick_all["id"])
    fieldset.get_by_label(
        next(str(o["text"]) for o in pick_all["options"] if o.get("correct")), exact=True
    ).check()
    fieldset.get_by_role("button", name="Check answer").click()
    learner.answer("first", questions[2], right=True)
    expect(learner.quiz("first").locator(".mc-quiz__result")).to_contain_text("Not passed yet")
    expect(learner.quiz("first").locator(".mc-option--missed")).to_have_count(1)


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("width", [1280, 360])
def test_lesson_has_no_axe_violations(learner, page, axe, quiz_data, scheme, width):
    page.set_viewport_size({"width": width, "height": 800})
    learner.open("basics/first/")
    if scheme == "slate":
        # The palette toggle, as a learner would use it (hidden in the drawer at phone width).
        page.locator('label[title="Switch to dark mode"]').first.click(force=width < 600)
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    axe(page, f"{scheme}, {width}px, before answering")
    answer_some(learner, quiz_data)
    learner.quiz("first").get_by_role("button", name="Show them").click()
    learner.quiz("first-marketing").get_by_role("button", name="Show them").click()
    axe(page, f"{scheme}, {width}px, after answering")
    # At phone width nothing runs off the side of the page.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("path", ["", "paths/", "basics/second/", "sales/pitch/"])
def test_other_pages_have_no_axe_violations(learner, page, axe, path):
    learner.open(path + "?role=sales")
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    axe(page, f"/{path} dark")
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'default')")
    axe(page, f"/{path} light")
