"""The real course's team self-check: ratings stay in this browser, unscored and unreported,
and the summary gives the author's next steps for each rating."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from playwright.sync_api import Page, expect

from tests.browser.test_signoff_and_record import HOST_PAGE

REPO = Path(__file__).resolve().parents[2]
CHECK = yaml.safe_load((REPO / "quizzes" / "readiness" / "team-ratings.yml").read_text("utf-8"))
LESSON = "readiness/team-self-check/"
PROMPTS = {prompt["id"]: prompt for prompt in CHECK["prompts"]}
SCALE = {rating["id"]: rating for rating in CHECK["scale"]}


def rate(page: Page, prompt: str, rating: str) -> None:
    fieldset = page.locator(f'fieldset[data-mc-prompt="{prompt}"]')
    fieldset.get_by_label(SCALE[rating]["label"], exact=True).check()


def plain(markdown: str) -> str:
    """The words of a one-line Markdown text, as a page shows them (links' text only)."""
    import re

    return re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", markdown)


def test_ratings_are_summarised_with_next_steps_and_kept_here(
    page: Page, course_server: str, stored, axe
) -> None:
    page.goto(course_server + LESSON)
    section = page.locator(
        f'section.mc-selfcheck[data-mc-self-check="{CHECK.get("id", "team-ratings")}"]'
    )
    expect(section.locator("fieldset.mc-selfcheck__prompt")).to_have_count(10)
    summary = section.locator(".mc-selfcheck__summary")
    expect(summary).to_be_hidden()

    rate(page, "accounts", "red")
    rate(page, "goals", "amber")
    rate(page, "policy", "green")
    expect(summary).to_be_visible()
    expect(section.locator(".mc-selfcheck__count")).to_have_text("3 of 10 rated.")
    red = summary.locator('.mc-selfcheck__group[data-mc-rating="red"]')
    expect(red.locator("li")).to_have_count(1)
    expect(red.locator("li")).to_contain_text(PROMPTS["accounts"]["text"])
    expect(red.locator("li")).to_contain_text(plain(PROMPTS["accounts"]["next_steps"]["red"]))
    expect(red.locator(".mc-selfcheck__next")).to_have_text(SCALE["red"]["next_steps"])
    amber = summary.locator('.mc-selfcheck__group[data-mc-rating="amber"]')
    expect(amber.locator("li")).to_contain_text(plain(PROMPTS["goals"]["next_steps"]["amber"]))
    expect(summary.locator('.mc-selfcheck__group[data-mc-rating="green"] li')).to_have_count(1)
    axe(page, "team self-check, rated", ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])

    # Not in the course's state (which an LMS would receive), only under their own key.
    state = json.dumps(stored(page))
    assert "accounts" not in state and "amber" not in state
    kept = page.evaluate(
        "JSON.parse(localStorage.getItem(Object.keys(localStorage).find(k => k.startsWith('self-checks:'))))"
    )
    assert kept == {"team-ratings": {"accounts": "red", "goals": "amber", "policy": "green"}}

    page.reload()
    expect(page.locator('fieldset[data-mc-prompt="accounts"] input[value="red"]')).to_be_checked()
    expect(section.locator(".mc-selfcheck__count")).to_have_text("3 of 10 rated.")
    section.get_by_role("button", name="Clear the ratings").click()
    expect(summary).to_be_hidden()
    expect(
        page.locator('fieldset[data-mc-prompt="accounts"] input[value="red"]')
    ).not_to_be_checked()


def test_ratings_are_never_reported_to_a_host(
    page: Page, course_server: str, built_course: Path
) -> None:
    (built_course / "self-check-host.html").write_text(
        HOST_PAGE % ("null", LESSON), encoding="utf-8"
    )
    page.goto(course_server + "self-check-host.html")
    frame = page.frame_locator("#course")
    for prompt in PROMPTS:
        frame.locator(f'fieldset[data-mc-prompt="{prompt}"]').get_by_label(
            SCALE["red"]["label"], exact=True
        ).check()
    expect(frame.locator(".mc-selfcheck__count")).to_have_text("10 of 10 rated.")
    events = page.evaluate("window.events")
    assert {e["type"] for e in events} <= {"progress"}  # the visit, nothing about the ratings
    reported = json.dumps([events, page.evaluate("window.state")])
    assert not any(f'"{prompt}"' in reported for prompt in PROMPTS if prompt != "policy")
    assert "red" not in reported
