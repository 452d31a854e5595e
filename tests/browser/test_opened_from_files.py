"""A course opened from its files (file://) says plainly that it must be served, and how."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, expect

from microcourse.strings import ENGLISH


def test_opened_from_files_the_learner_is_told_to_serve_it(
    browser: Browser, fixture_site: Path
) -> None:
    context = browser.new_context()
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto((fixture_site / "basics" / "first" / "index.html").as_uri())
        quiz = page.locator('section.mc-quiz[data-mc-quiz="first"]')
        expect(quiz.locator(".mc-quiz__nojs")).to_have_text(ENGLISH["needs_http"])
        expect(quiz.locator(".mc-quiz__nojs")).to_be_visible()
        expect(page.locator(".mc-notice")).to_have_text(ENGLISH["needs_http"])
        assert "http.server" in ENGLISH["needs_http"]
        expect(quiz.locator(".mc-question__check")).to_have_count(0)
    finally:
        context.close()
    assert not errors, errors
