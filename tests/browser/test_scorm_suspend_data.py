"""The whole real course finished, with sign-offs, fits SCORM 1.2's suspend data
(4,096 characters) and comes back as it was, sign-offs and all."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

from tests.support.suspend_data import FINISHED_COURSE, codec_source


def seconds(state: dict[str, Any]) -> dict[str, Any]:
    """The state with its times to the second, as suspend data keeps them."""
    out = dict(state)
    out["quizzes"] = {
        k: {**v, **{t: round(v[t] / 1000) * 1000 for t in ("updated", "passedAt") if t in v}}
        for k, v in state["quizzes"].items()
    }
    out["visited"] = {k: round(v / 1000) * 1000 for k, v in state["visited"].items()}
    return out


def test_the_finished_real_course_fits_and_comes_back(
    page: Page, course_server: str, built_course: Path
) -> None:
    page.goto(course_server)
    page.add_script_tag(content=codec_source())
    result = page.evaluate(FINISHED_COURSE)
    text, state, back = result["text"], result["state"], result["back"]
    assert len(state["quizzes"]) >= 20 and len(state["visited"]) >= 20  # the whole course
    assert len(text) <= 4096, f"{len(text)} characters"
    assert text.isascii()
    assert back == seconds(state)
    (signed,) = back["signoffs"].values()
    assert [s["name"] for s in signed] == ["Zoë Fernández-Oliveira"] * 2
    # The current sign-off's digests are the course's own, shortened in the suspend data.
    current = page.evaluate("mcCourseConfig.signoffs[0].digest")
    assert signed[1]["digest"] == current and current not in text


def test_ids_and_strings_like_the_codes_survive(page: Page, course_server: str) -> None:
    page.goto(course_server)
    page.add_script_tag(content=codec_source())
    state = {
        "v": 1, "role": None,
        "quizzes": {
            "__proto__": {"best": 50, "passed": False, "fingerprint": "abc", "updated": 1000},
            "why-it-matters": {"best": 80, "passed": True, "fingerprint": "f", "updated": 9000,
                               "passedAt": 5000, "note": "~later"},
        },
        "visited": {"start/why-it-matters": 2000},
        "notes": ["~0", "~", "~~x", "start/why-it-matters", {"~1": 1}],
    }  # fmt: skip
    # As JSON text both ways: a "__proto__" key stays a key only through JSON.parse.
    back = page.evaluate(
        "s => JSON.stringify(mcStateCodec.decode("
        "mcStateCodec.encode(JSON.parse(s), mcCourseConfig), mcCourseConfig))",
        json.dumps(state),
    )
    assert json.loads(back) == state
    # A course whose quiz has changed since: the result stays out of date.
    changed = page.evaluate(
        """s => {
          const config = JSON.parse(JSON.stringify(mcCourseConfig));
          const text = mcStateCodec.encode(s, mcCourseConfig);
          config.lessons[0].quizzes[0].fingerprint = "0".repeat(64);
          return mcStateCodec.decode(text, config);
        }""",
        {"v": 1, "role": None, "visited": {},
         "quizzes": {"why-it-matters": {"best": 100, "passed": True, "updated": 1000,
                                        "fingerprint": page.evaluate(
                                            "mcCourseConfig.lessons[0].quizzes[0].fingerprint")}}},
    )  # fmt: skip
    assert changed["quizzes"]["why-it-matters"]["fingerprint"] != "0" * 64
