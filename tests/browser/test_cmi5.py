"""The cmi5 package in Debian's chromium, launched by an LMS stand-in, reporting to Ralph.

The fixture course is packaged for the sales role (three lessons, three quizzes),
unzipped behind the LMS stand-in (tests/support/cmi5_lms.py), which forwards
statements to a real Ralph (tests/support/ralph_lrs.py). Each test is named after
the cmi5 requirement it checks (§ of the cmi5 spec, Quartz).
"""

from __future__ import annotations

import time
import uuid
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Frame, Page

from microcourse.package.package_builder import build_package
from tests.browser.conftest import FIXTURE_COURSE, answers, load_quiz
from tests.package.conftest import build_course
from tests.support.cmi5_lms import EXT, Cmi5LMS, learner
from tests.support.ralph_lrs import RalphLRS

PATH_QUIZZES = {
    "basics/first.html": "first",
    "basics/second.html": "second",
    "sales/pitch.html": "pitch",
}
CMI5_CATEGORY = {"id": "https://w3id.org/xapi/cmi5/context/categories/cmi5"}
MOVEON_CATEGORY = {"id": "https://w3id.org/xapi/cmi5/context/categories/moveon"}


def package_fixture_course(work: Path) -> Path:
    """The fixture course built for a package, packaged as cmi5 for sales, unzipped."""
    site = build_course(FIXTURE_COURSE / "mkdocs.yml", work / "site", "--no-directory-urls")
    package = build_package(site, work / "course-cmi5.zip", "cmi5", role="sales")
    content = work / "content"
    with zipfile.ZipFile(package.path) as archive:
        archive.extractall(content)
    return content


@pytest.fixture(scope="module")
def cmi5_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return package_fixture_course(tmp_path_factory.mktemp("cmi5"))


@pytest.fixture(scope="module")
def ralph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RalphLRS]:
    lrs = RalphLRS(tmp_path_factory.mktemp("ralph"))
    lrs.start()
    try:
        yield lrs
    finally:
        lrs.stop()


@pytest.fixture
def lms(request: pytest.FixtureRequest, cmi5_content: Path, ralph: RalphLRS) -> Iterator[Cmi5LMS]:
    """The LMS stand-in; parametrized True, its LRS endpoint is on another origin (CORS)."""
    if not ralph.running:
        ralph.start()
    cross_origin = bool(getattr(request, "param", False))
    with Cmi5LMS(cmi5_content, ralph, cross_origin=cross_origin) as stand_in:
        yield stand_in


@pytest.fixture
def browser(browser: Browser) -> Iterator[Browser]:
    """The session's browser; a test fails if a page of one of its contexts threw."""
    errors: list[str] = []
    contexts: list[BrowserContext] = []
    new_context = browser.new_context

    def watched(**options: Any) -> BrowserContext:
        context = new_context(**options)
        context.on("weberror", lambda error: errors.append(str(error.error)))
        contexts.append(context)
        return context

    browser.new_context = watched  # type: ignore[method-assign]
    try:
        yield browser
    finally:
        browser.new_context = new_context  # type: ignore[method-assign]
        for context in contexts:
            context.close()
    assert errors == [], errors


def close_tabs(context: BrowserContext) -> None:
    """The learner closes the course's tab, and the browser stays open, as it does.

    Closing the whole browser context would also cancel the keepalive requests still
    in flight (terminated, after a cross-origin preflight), which closing a tab never does.
    """
    for tab in context.pages:
        tab.close()


def course_frame(page: Page) -> Frame:
    """The course in the launch page's frame, once course.js has set it up."""
    page.wait_for_selector("iframe.mc-lms-frame")
    frame = page.frame_locator("iframe.mc-lms-frame")
    frame.locator("html.mc-js").wait_for(state="attached")
    handle = page.locator("iframe.mc-lms-frame").element_handle()
    assert handle is not None
    content = handle.content_frame()
    assert content is not None
    return content


def take_quiz(frame: Frame, base: str, page_path: str, *, right: bool = True) -> None:
    """Opens a lesson in the frame and answers every visible question of its quiz."""
    frame.goto(base + page_path)
    frame.wait_for_selector("html.mc-js")
    quiz_id = PATH_QUIZZES[page_path]
    quiz = frame.locator(f'section.mc-quiz[data-mc-quiz="{quiz_id}"]')
    quiz.locator(".mc-quiz__record").wait_for(state="attached")
    for question in load_quiz(quiz_id)["questions"]:
        fieldset = quiz.locator(f'fieldset.mc-question[data-mc-question="{question["id"]}"]')
        if not fieldset.is_visible():
            continue
        for label in answers(question, right=right):
            fieldset.get_by_label(label, exact=True).check()
        fieldset.get_by_role("button", name="Check answer").click()
    quiz.locator(".mc-quiz__result .mc-quiz__verdict").wait_for()


def wait_for(condition: Callable[[], Any], what: str, timeout: float = 30.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError(f"timed out waiting for {what}")


def verbs(statements: list[dict[str, Any]], activity: str | None = None) -> list[str]:
    return [
        s["verb"]["id"].rsplit("/", 1)[-1]
        for s in statements
        if activity is None or s["object"]["id"] == activity
    ]


def launch(
    page: Page, lms: Cmi5LMS, actor: dict[str, Any], registration: str, **options: Any
) -> Frame:
    page.goto(lms.launch(actor, registration, **options))
    return course_frame(page)


def base_of(lms: Cmi5LMS) -> str:
    return f"{lms.origin}/content/"


@pytest.mark.parametrize(
    "lms", [False, True], ids=["lrs-same-origin", "lrs-cross-origin"], indirect=True
)
def test_au_statements_follow_cmi5_rules_9_3_through_a_whole_path(
    browser: Browser, lms: Cmi5LMS, ralph: RalphLRS
) -> None:
    """§7.1, §9.3-§9.6: initialized first, answered and quiz results as cmi5 allowed
    statements, completed and passed (scaled score, moveOn category, masteryScore)
    once the path is done, terminated last; right actor and registration throughout."""
    actor, registration = learner("u-1001"), str(uuid.uuid4())
    context = browser.new_context()
    page = context.new_page()
    frame = launch(page, lms, actor, registration)
    for lesson in PATH_QUIZZES:
        take_quiz(frame, base_of(lms), lesson)
    mine = lambda: ralph.statements(registration=registration)  # noqa: E731
    wait_for(lambda: "passed" in verbs(mine(), lms.activity_id), "passed for the AU")
    close_tabs(context)  # the launch page goes: pagehide
    statements = wait_for(
        lambda: (s := mine()) and verbs(s)[-1] == "terminated" and s, "terminated, last"
    )

    au = lms.activity_id
    assert verbs(statements, au) == ["launched", "initialized", "completed", "passed", "terminated"]
    assert verbs(statements)[:2] == ["launched", "initialized"]
    session_id = statements[0]["context"]["extensions"][f"{EXT}sessionid"]
    for s in statements:
        assert s["actor"] == actor
        assert s["context"]["registration"] == registration
        assert s["context"]["extensions"][f"{EXT}sessionid"] == session_id
        grouping = s["context"]["contextActivities"]["grouping"]
        assert {"id": lms.au.publisher_id} in grouping  # the contextTemplate, kept
    by_verb = {verbs([s])[0]: s for s in statements if s["object"]["id"] == au}
    passed = by_verb["passed"]
    assert passed["result"]["success"] is True
    assert 0.8 <= passed["result"]["score"]["scaled"] <= 1
    assert passed["context"]["extensions"][f"{EXT}masteryscore"] == 0.8
    for verb in ("completed", "passed"):
        categories = by_verb[verb]["context"]["contextActivities"]["category"]
        assert CMI5_CATEGORY in categories and MOVEON_CATEGORY in categories
        assert by_verb[verb]["result"]["duration"].startswith("PT")
    assert by_verb["completed"]["result"]["completion"] is True
    assert "score" not in by_verb["completed"]["result"]
    assert by_verb["terminated"]["result"]["duration"].startswith("PT")

    allowed = [s for s in statements if s["object"]["id"] != au]
    answered = [s for s in allowed if verbs([s]) == ["answered"]]
    questions = sum(
        1
        for quiz in PATH_QUIZZES.values()
        for q in load_quiz(quiz)["questions"]
        if "marketing" not in q.get("roles", [])
    )
    assert len(answered) == questions
    for s in answered:
        assert s["object"]["id"].startswith(f"{au}/quiz/")
        assert "/question/" in s["object"]["id"]
        assert s["result"]["success"] is True and s["result"]["score"]["scaled"] == 1
        assert s["result"]["response"] != ""
        assert CMI5_CATEGORY not in s["context"]["contextActivities"].get("category", [])
    quiz_results = [s for s in allowed if verbs([s]) in (["passed"], ["failed"])]
    assert [s["object"]["id"].rsplit("/", 1)[-1] for s in quiz_results] == list(
        PATH_QUIZZES.values()
    )
    assert all(s["result"]["success"] and s["result"]["score"]["raw"] == 100 for s in quiz_results)
    assert lms.requests.rejected == []
    # Across origins, the browser asked first (CORS), and terminated still arrived.
    assert (lms.requests.preflights > 0) == (lms.api_origin != lms.origin)


def test_progress_is_kept_in_the_state_api_10_and_completion_sent_once_per_registration_9_3(
    browser: Browser, lms: Cmi5LMS, ralph: RalphLRS
) -> None:
    """Progress goes to the xAPI State resource, so a launch in another browser (a fresh
    context: no storage) resumes; completed and passed are sent once per registration."""
    actor, registration = learner("u-1002"), str(uuid.uuid4())
    first = browser.new_context()
    frame = launch(first.new_page(), lms, actor, registration)
    take_quiz(frame, base_of(lms), "basics/first.html")
    first.close()
    wait_for(lambda: verbs(ralph.statements(registration=registration))[-1] == "terminated", "end")

    second = browser.new_context()
    page = second.new_page()
    frame = launch(page, lms, actor, registration)
    frame.goto(base_of(lms) + "basics/first.html")
    record = frame.locator('section.mc-quiz[data-mc-quiz="first"] .mc-quiz__record')
    record.wait_for()
    assert "100" in record.inner_text()  # the best score, from the State resource
    for lesson in ("basics/second.html", "sales/pitch.html"):
        take_quiz(frame, base_of(lms), lesson)
    # Done: then retake a quiz, which reports the finished path again.
    take_quiz(frame, base_of(lms), "basics/second.html")
    second.close()
    wait_for(lambda: verbs(ralph.statements(registration=registration))[-1] == "terminated", "end")

    # The State document loses its note of what was reported (another tool rewrote it):
    # the course must ask the LRS before sending completed or passed again.
    kept = lms.state("microcourse.progress", actor, registration)
    assert kept["reported"]
    kept["reported"] = {}
    lms.put_state("microcourse.progress", actor, registration, kept)
    third = browser.new_context()
    frame = launch(third.new_page(), lms, actor, registration)
    take_quiz(frame, base_of(lms), "sales/pitch.html")
    third.close()
    statements = wait_for(
        lambda: (
            (s := ralph.statements(registration=registration))
            and verbs(s).count("terminated") == 3
            and s
        ),
        "three sessions",
    )
    au = verbs(statements, lms.activity_id)
    assert au.count("completed") == 1 and au.count("passed") == 1
    assert "abandoned" not in au  # every session ended with terminated
    assert lms.requests.rejected == []


def test_statements_sent_while_the_lrs_is_down_are_delivered_in_order_once_it_is_back(
    browser: Browser, lms: Cmi5LMS, ralph: RalphLRS
) -> None:
    """A learner is never blocked by the LRS: what fails to send waits in a queue kept
    in the browser (a reload of the launch page keeps it) and goes, in order, later."""
    actor, registration = learner("u-1003"), str(uuid.uuid4())
    context = browser.new_context()
    page = context.new_page()
    frame = launch(page, lms, actor, registration)
    take_quiz(frame, base_of(lms), "basics/first.html")
    wait_for(lambda: "answered" in verbs(ralph.statements(registration=registration)), "first")
    ralph.stop()
    take_quiz(frame, base_of(lms), "basics/second.html")  # the learner goes on
    wait_for(lambda: lms.requests.lrs_unavailable > 0, "a failed send")
    page.reload()  # the launch page again, same session (the token is kept, not fetched)
    frame = course_frame(page)
    take_quiz(frame, base_of(lms), "sales/pitch.html")
    ralph.start()
    statements = wait_for(
        lambda: (
            (s := ralph.statements(registration=registration))
            and "passed" in verbs(s, lms.activity_id)
            and s
        ),
        "the queue delivered",
        timeout=60,
    )
    close_tabs(context)  # the launch page goes: pagehide
    statements = wait_for(
        lambda: (
            (s := ralph.statements(registration=registration))
            and verbs(s)[-1] == "terminated"
            and s
        ),
        "terminated",
    )
    ids = [s["id"] for s in statements]
    assert len(ids) == len(set(ids))
    stamps = [s["timestamp"] for s in statements]
    assert stamps == sorted(stamps), "statements arrived out of order"
    quiz_results = [
        s["object"]["id"].rsplit("/", 1)[-1]
        for s in statements
        if s["object"]["id"].startswith(lms.activity_id + "/quiz/")
        and "/question/" not in s["object"]["id"]
    ]
    assert quiz_results == list(PATH_QUIZZES.values())
    assert verbs(statements).count("initialized") == 1
    assert len([f for f in lms.requests.fetches if f["first"]]) == 1
    assert lms.requests.rejected == []


def test_fetch_url_is_used_once_8_2_and_browse_mode_records_nothing_10_2_2_and_exit_goes_to_return_url_10_2_6(
    browser: Browser, lms: Cmi5LMS, ralph: RalphLRS
) -> None:
    """Browse: only initialized and terminated, no State written; the fetch URL is
    POSTed once (a reload keeps the token); Exit terminates and opens the returnURL."""
    actor, registration = learner("u-1004"), str(uuid.uuid4())
    context = browser.new_context()
    page = context.new_page()
    frame = launch(
        page, lms, actor, registration, launch_mode="Browse", return_url=f"{lms.origin}/returned"
    )
    take_quiz(frame, base_of(lms), "basics/first.html")
    page.reload()
    course_frame(page)
    page.get_by_role("button", name="Exit").click()
    page.wait_for_url(f"{lms.origin}/returned")
    statements = wait_for(
        lambda: (
            (s := ralph.statements(registration=registration))
            and verbs(s)[-1] == "terminated"
            and s
        ),
        "terminated",
    )
    context.close()
    assert verbs(statements) == ["launched", "initialized", "terminated"]
    assert lms.state("microcourse.progress", actor, registration) is None
    assert [f["first"] for f in lms.requests.fetches] == [True]
    assert lms.requests.rejected == []


def test_audio_preference_off_starts_media_muted_11_2(
    browser: Browser, lms: Cmi5LMS, ralph: RalphLRS
) -> None:
    """§11: the AU reads cmi5LearnerPreferences at startup; §11.2: audio "off" is obeyed."""
    actor, registration = learner("u-1005"), str(uuid.uuid4())
    lms.set_preferences(actor, {"languagePreference": "en-US", "audioPreference": "off"})
    context = browser.new_context()
    frame = launch(context.new_page(), lms, actor, registration)
    frame.goto(base_of(lms) + "basics/second.html")
    frame.wait_for_selector("html.mc-js")
    muted = frame.evaluate(
        """async () => {
          const video = document.createElement("video");
          document.body.append(video);
          const before = video.muted;
          // No source: play() never settles, but its "play" event comes (paused turns false).
          const played = new Promise((resolve) => video.addEventListener("play", resolve));
          video.play().catch(() => {});
          await played;
          await new Promise((resolve) => setTimeout(resolve, 50));
          return [before, video.muted];
        }"""
    )
    assert muted == [False, True]
    context.close()


def test_a_policy_signoff_is_an_acknowledge_statement_with_the_version_as_revision(
    browser: Browser, lms: Cmi5LMS, ralph: RalphLRS
) -> None:
    """Issue 13's sign-off event, as course.js reports it to the launch page's host,
    becomes a cmi5 allowed statement: verb acknowledge, the policy as an activity under
    the AU, the policy's version as context.revision, the typed name as the response."""
    actor, registration = learner("u-1006"), str(uuid.uuid4())
    context = browser.new_context()
    frame = launch(context.new_page(), lms, actor, registration)
    signed = 1_795_000_000_000
    frame.evaluate(
        """(time) => window.parent.mcCourseHost.report({
          type: "signoff", id: "policy", statement: "I have read and understood the policy",
          version: "3f2a9c1", digest: "3f2a9c1d".repeat(8), changed: "2026-11-02",
          lessons: { "policy/rules": "ab12" }, name: "Ada Lovelace", time })""",
        signed,
    )
    close_tabs(context)  # the launch page goes: pagehide
    statements = wait_for(
        lambda: (
            (s := ralph.statements(registration=registration))
            and verbs(s)[-1] == "terminated"
            and s
        ),
        "terminated",
    )
    acks = [s for s in statements if verbs([s]) == ["acknowledge"]]
    assert len(acks) == 1
    ack = acks[0]
    assert ack["object"]["id"] == f"{lms.activity_id}/policy/policy"
    assert ack["object"]["definition"]["name"]["en"] == "I have read and understood the policy"
    assert ack["context"]["revision"] == "3f2a9c1"
    assert ack["result"]["response"] == "Ada Lovelace"
    assert ack["timestamp"].startswith("2026-11-18")  # the time the learner signed
    assert {"id": lms.activity_id, "objectType": "Activity"} in ack["context"]["contextActivities"][
        "parent"
    ]
    assert lms.requests.rejected == []
