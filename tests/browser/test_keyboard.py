"""A quiz completed with the keyboard alone: no mouse, no clicks."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def focused(page: Page, expression: str) -> object:
    return page.evaluate(f"(() => {{ const el = document.activeElement; return {expression}; }})()")


def tab_to(page: Page, selector: str, limit: int = 200) -> None:
    """Presses Tab until the focused element matches `selector`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page, f"el.matches({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_only_quiz(learner, page, quiz_data, answer_for):
    quiz = quiz_data("second")
    learner.open("basics/second/")
    for question in quiz["questions"]:
        fieldset = f'fieldset[data-mc-question="{question["id"]}"]'
        wanted = answer_for(question, right=True)
        tab_to(page, f"{fieldset} input")
        if question["type"] == "multiple":
            # Checkboxes: each is a tab stop; Space ticks the wanted ones.
            count = page.locator(f"{fieldset} input").count()
            for i in range(count):
                if i:
                    page.keyboard.press("Tab")
                if focused(page, "el.labels[0].textContent.trim()") in wanted:
                    page.keyboard.press("Space")
        else:
            # Radios: Tab enters the group on its first option, Space picks it; the
            # arrow keys move to (and pick) the others, as in any radio group.
            page.keyboard.press("Space")
            while focused(page, "el.labels[0].textContent.trim()") not in wanted:
                page.keyboard.press("ArrowDown")
        tab_to(page, f"{fieldset} .mc-question__check")
        page.keyboard.press("Enter")
        expect(page.locator(f"{fieldset} .mc-question__verdict")).to_contain_text("Correct.")
        # Focus moves to the result; the spent button leaves the tab order.
        assert focused(page, "el.matches('.mc-question__result')")
        expect(page.locator(f"{fieldset} .mc-question__check")).to_be_hidden()

    result = learner.quiz("second").locator(".mc-quiz__result")
    expect(result).to_contain_text("Passed")
    # Try again by keyboard: answers cleared, focus on the first answer.
    tab_to(page, ".mc-quiz__retry")
    page.keyboard.press("Space")
    expect(learner.quiz("second").locator("input:checked")).to_have_count(0)
    assert focused(page, "el.matches('.mc-option input')")
    # Check with nothing chosen asks for an answer and changes nothing.
    tab_to(page, ".mc-question__check")
    page.keyboard.press("Enter")
    expect(learner.quiz("second").locator(".mc-question__status").first).to_have_text(
        "Choose an answer first."
    )
    expect(learner.quiz("second").locator(".mc-quiz__record")).to_contain_text("Your best: 100%")
