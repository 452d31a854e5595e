"""Smoke test on the real course: a quiz for everyone can be passed, and axe finds nothing."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from playwright.sync_api import expect

QUIZZES = Path(__file__).resolve().parents[2] / "quizzes"


def first_quiz_for_everyone() -> tuple[str, dict]:
    for path in sorted(QUIZZES.rglob("*.yml")):
        quiz = yaml.safe_load(path.read_text("utf-8"))
        if not quiz.get("roles") and quiz.get("type") != "self_check":
            return quiz.get("id", path.stem), quiz
    raise AssertionError("the course has no quiz for everyone")


def correct_values(question: dict) -> list[str]:
    """The inputs' values (option indexes in source order) of the right answer."""
    if question["type"] == "true_false":
        return ["0" if question["answer"] else "1"]
    return [str(i) for i, option in enumerate(question["options"]) if option.get("correct")]


def test_a_real_quiz_can_be_passed(page, course_server, axe):
    quiz_id, quiz = first_quiz_for_everyone()
    lesson_url = course_server + quiz["lesson"].removesuffix(".md") + "/"
    page.goto(lesson_url)
    section = page.locator(f'section.mc-quiz[data-mc-quiz="{quiz_id}"]')
    expect(section.locator(".mc-question__check").first).to_be_visible()
    expect(section.locator(".mc-quiz__nojs")).to_be_hidden()
    axe(page, "real lesson, light, before answering")
    for question in quiz["questions"]:
        fieldset = section.locator(f'fieldset[data-mc-question="{question["id"]}"]')
        if not fieldset.is_visible():
            continue
        for value in correct_values(question):
            fieldset.locator(f'input[value="{value}"]').check()
        fieldset.locator(".mc-question__check").click()
        expect(fieldset.locator(".mc-question__verdict")).to_contain_text("Correct.")
    expect(section.locator(".mc-quiz__result")).to_contain_text("Passed")
    axe(page, "real lesson, light, after answering")
    page.locator('label[title="Switch to dark mode"]').first.click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    axe(page, "real lesson, dark, after answering")
    page.reload()
    expect(section.locator(".mc-quiz__record")).to_contain_text("Passed")
    page.goto(course_server)
    expect(page.locator('[data-mc-path-progress="everyone"]')).to_have_text(
        re.compile(r"^\d+ of \d+")
    )
