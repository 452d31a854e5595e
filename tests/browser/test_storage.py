"""Stored progress that is garbage, of the wrong shape, out of date or unavailable never breaks a page."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from microcourse.strings import ENGLISH

from .conftest import choose_role

KEY = "microcourse:/learn/social/"

# Set once per test (not again on reload), before any of the page's scripts run.
SEED = """(() => {
  if (sessionStorage.getItem("seeded")) return;
  sessionStorage.setItem("seeded", "1");
  localStorage.setItem(%s, %s);
})();"""

GARBAGE = {
    "not JSON": "{not json",
    "an array": "[1, 2, 3]",
    "null": "null",
    "a string": '"passed"',
    "an older version": json.dumps({"version": 0, "progress": {"first": 100}, "role": "Sales"}),
    "wrong types": json.dumps(
        {
            "v": 1,
            "role": 42,
            "quizzes": [],
            "visited": {"basics/first": "yesterday"},
        }
    ),
    "wrong types inside": json.dumps(
        {
            "v": 1,
            "role": "nobody",
            "quizzes": {
                "first": {"best": "100", "passed": "yes", "fingerprint": 3, "updated": None},
                "second": {"best": 250, "passed": True, "fingerprint": "x", "updated": 1},
                "__proto__": {"best": 100, "passed": True, "fingerprint": "x", "updated": 1},
            },
            "visited": None,
        }
    ),
    "huge numbers": '{"v": 1, "quizzes": {"first": {"best": 1e400, "passed": true, '
    '"fingerprint": "x", "updated": 1e400}}}',
}


def pass_first_quiz(learner):
    result = learner.take("first", right=True)
    expect(result).to_contain_text("Passed")
    expect(learner.page.locator('[data-mc-lesson-status="basics/first"]')).to_contain_text(
        "Completed"
    )


@pytest.mark.parametrize("value", GARBAGE.values(), ids=GARBAGE.keys())
def test_bad_stored_values_are_ignored(learner, page, stored, value):
    page.add_init_script(SEED % (json.dumps(KEY), json.dumps(value)))
    learner.open("basics/first/")
    expect(page.locator(".mc-rolebar select")).to_have_value("everyone")
    expect(learner.quiz("first").locator(".mc-quiz__record")).to_be_hidden()
    expect(page.locator('[data-mc-lesson-status="basics/second"]')).to_have_count(0)
    pass_first_quiz(learner)
    state = stored(page)
    assert state["v"] == 1
    assert state["quizzes"]["first"]["passed"] is True
    assert state["quizzes"]["first"]["best"] == 100
    assert "second" not in state["quizzes"], "an invalid entry was kept"
    assert page.evaluate("({}).best === undefined && Object.prototype.passed === undefined")
    page.reload()
    expect(learner.quiz("first").locator(".mc-quiz__record")).to_contain_text("Your best: 100%")


def test_a_result_for_a_changed_quiz_is_out_of_date(learner, page, stored):
    old = {
        "v": 1,
        "role": None,
        "visited": {},
        "quizzes": {
            "first": {"best": 100, "passed": True, "fingerprint": "0ld0ld0ld0ld", "updated": 1}
        },
    }
    page.add_init_script(SEED % (json.dumps(KEY), json.dumps(json.dumps(old))))
    learner.open("basics/first/")
    record = learner.quiz("first").locator(".mc-quiz__record")
    expect(record).to_contain_text(ENGLISH["out_of_date"])
    status = page.locator('[data-mc-lesson-status="basics/first"]')
    expect(status).to_have_text(ENGLISH["lesson_in_progress"])
    expect(page.locator(".md-nav__link .mc-nav-tick")).to_have_count(0)
    pass_first_quiz(learner)
    expect(record).to_contain_text("Your best: 100%")
    expect(record).not_to_contain_text(ENGLISH["out_of_date"])
    assert stored(page)["quizzes"]["first"]["fingerprint"] != "0ld0ld0ld0ld"
    expect(page.locator(".md-sidebar--primary .md-nav__link .mc-nav-tick")).to_have_count(1)


THROWING = {
    # Reading and writing the course's key fail (a private window, a blocked origin).
    "get and set throw": """(() => {
      const get = Storage.prototype.getItem, set = Storage.prototype.setItem;
      Storage.prototype.getItem = function (k) {
        if (String(k).startsWith("microcourse")) throw new DOMException("denied", "SecurityError");
        return get.call(this, k);
      };
      Storage.prototype.setItem = function (k, v) {
        if (String(k).startsWith("microcourse")) throw new DOMException("denied", "SecurityError");
        return set.call(this, k, v);
      };
    })();""",
    # Every write fails (a full quota); reads work. Material's own writes cope with it.
    "quota full": """Storage.prototype.setItem = function () {
      throw new DOMException("full", "QuotaExceededError");
    };""",
}


@pytest.mark.parametrize("script", THROWING.values(), ids=THROWING.keys())
def test_storage_that_throws_falls_back_to_memory(learner, page, script):
    page.add_init_script(script)
    learner.open("basics/first/")
    # The learner is told, politely and on the page, that progress will not be kept.
    expect(page.locator(".mc-notice")).to_have_text(ENGLISH["storage_unavailable"])
    choose_role(page, "sales")
    expect(page.locator(".mc-rolebar__status")).to_have_text("Role set to Sales.")
    pass_first_quiz(learner)
    # Kept in memory across Material's instant navigation; said once, not on every page.
    page.locator(".md-sidebar--primary a.md-nav__link", has_text="Second lesson").click()
    expect(page.locator("h1")).to_have_text("Second lesson")
    expect(page.locator(".mc-notice")).to_have_text("")
    expect(page.locator(".mc-rolebar select")).to_have_value("sales")
    first = page.locator(".md-sidebar--primary a.md-nav__link", has_text="First lesson")
    expect(first.locator(".mc-nav-tick")).to_have_count(1)
