"""Answers, feedback and explanations are not readable in the page source."""

from __future__ import annotations

import urllib.request

from playwright.sync_api import expect


def test_answer_key_is_not_in_the_page_source(site_server, learner, quiz_data):
    html = urllib.request.urlopen(site_server + "basics/first/").read().decode("utf-8")
    quiz = quiz_data("first")
    secrets = []
    for question in quiz["questions"]:
        if question.get("explanation"):
            secrets.append(question["explanation"])
        secrets += [o["feedback"] for o in question.get("options", []) if o.get("feedback")]
    assert len(secrets) >= 5
    assert 'data-mc-quiz="first"' in html  # the quiz is on the page...
    for secret in secrets:
        assert secret not in html, f"visible in the page source: {secret!r}"
    assert "correct" not in html.lower().replace("mc-option--correct", "")
    # ...and the browser can still show them after answering.
    learner.open("basics/first/")
    fieldset = learner.answer("first", quiz["questions"][0], right=True)
    expect(fieldset.locator(".mc-question__explanation")).to_have_text(
        quiz["questions"][0]["explanation"]
    )


def test_without_javascript_the_questions_are_readable(browser, site_server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_server + "basics/first/")
        quiz = page.locator('section.mc-quiz[data-mc-quiz="first"]')
        expect(quiz.locator(".mc-quiz__nojs")).to_be_visible()
        expect(quiz.locator(".mc-question__check").first).to_be_hidden()
        expect(quiz.locator(".mc-option__label").first).to_be_visible()
    finally:
        context.close()
