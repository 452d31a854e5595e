"""SCORM packages in a real LMS runtime: scorm-again's API (tests/support/scorm_lms.py).

The fixture course is packaged as SCORM 1.2 and 2004 and served under a sub-path
with a stand-in LMS page; a learner works through the sales path in the
package's frame, and the tests read what the LMS recorded, call by call. Then
the learner comes back in a fresh browser with what the LMS stored, and finds
their progress. scorm-again accepts what real LMSs refuse (suspend data over
4,096 characters in 1.2, calls after LMSFinish), so these tests check that too.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Frame, Page, expect

from tests.support.packaging import run_package
from tests.support.scorm_lms import lay_out_lms
from tests.support.serve import serve_site

from .conftest import Learner, RequestLog, load_quiz

LMS_PATH = "/lms/content/"
VERSIONS = ("scorm12", "scorm2004")
FINISH = {"scorm12": "LMSFinish", "scorm2004": "Terminate"}
INIT = {"scorm12": "LMSInitialize", "scorm2004": "Initialize"}
COMMIT = {"scorm12": "LMSCommit", "scorm2004": "Commit"}
SET = {"scorm12": "LMSSetValue", "scorm2004": "SetValue"}
SALES_PATH = {"basics/first": ["first"], "basics/second": ["second"], "sales/pitch": ["pitch"]}


@pytest.fixture(scope="module")
def lms(tmp_path_factory: pytest.TempPathFactory, fixture_site_for_packages: Path) -> Iterator[str]:
    """The stand-in LMS with the fixture course packaged three ways; yields its base URL."""
    work = tmp_path_factory.mktemp("scorm")
    site = fixture_site_for_packages
    packages = {}
    for name, args in {
        "scorm12": ["--format", "scorm12"],
        "scorm2004": ["--format", "scorm2004"],
        "scorm12-sales": ["--format", "scorm12", "--role", "sales"],
    }.items():
        result = run_package(*args, site, work / f"{name}.zip")
        assert result.returncode == 0, result.stderr
        packages[name] = work / f"{name}.zip"
    with serve_site(lay_out_lms(work / "lms", packages), LMS_PATH) as base:
        yield base


@dataclass
class Launch:
    page: Page
    version: str

    def calls(self) -> list[dict[str, Any]]:
        calls: list[dict[str, Any]] = self.page.evaluate("window.lmsCalls")
        return calls

    def data(self) -> dict[str, Any]:
        data: dict[str, Any] = self.page.evaluate("window.lmsData()")
        return data

    def set_values(self, element: str) -> list[str]:
        return [
            c["args"][1]
            for c in self.calls()
            if c["name"] == SET[self.version] and c["args"][0] == element
        ]

    def sent(self) -> dict[str, str]:
        """Each element's last value as the content set it (scorm-again rewrites some values)."""
        return {c["args"][0]: c["args"][1] for c in self.calls() if c["name"] == SET[self.version]}

    def course(self) -> Frame:
        """The course's frame, inside the launch page's (found once the course has loaded)."""
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            for frame in self.page.frames:
                parent = frame.parent_frame
                if (
                    parent is not None
                    and parent.url.endswith("/launch.html")
                    and frame.url.startswith("http")
                ):
                    frame.wait_for_selector("html.mc-js")
                    return frame
            self.page.wait_for_timeout(100)
        raise AssertionError("the launch page showed no course")

    def close(self) -> None:
        """The learner closes the course: the LMS removes its frame (pagehide in the launch page)."""
        self.page.evaluate("document.querySelector('iframe').remove()")


class Browsers:
    """Fresh browser contexts (a learner's other browser), each checked like the `page` fixture."""

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.contexts: list[tuple[BrowserContext, RequestLog]] = []

    def new_page(self) -> Page:
        context = self.browser.new_context(viewport={"width": 1280, "height": 900})
        log = RequestLog()
        context.route(
            lambda url: not url.startswith("http://127.0.0.1"),
            lambda r: r.fulfill(status=204, body=""),
        )
        context.on("request", lambda r: log.urls.append(r.url))
        context.on("weberror", lambda e: log.errors.append(str(e.error)))
        self.contexts.append((context, log))
        return context.new_page()

    def check_and_close(self) -> None:
        for context, log in self.contexts:
            context.close()
            assert not log.errors, "JavaScript errors:\n" + "\n".join(log.errors)
            log.assert_local()


@pytest.fixture
def browsers(browser: Browser) -> Iterator[Browsers]:
    opened = Browsers(browser)
    yield opened
    opened.check_and_close()


def launch(
    page: Page, base: str, version: str, *, package: str | None = None,
    stored: dict[str, Any] | None = None, window: bool = False,
) -> Launch:  # fmt: skip
    setup = {"version": version, "launch": f"packages/{package or version}/launch.html",
             "stored": stored, "window": window}  # fmt: skip
    page.add_init_script(f"if (!window.lmsSetup) window.lmsSetup = {json.dumps(setup)};")
    page.goto(base + "host.html")
    return Launch(page, version)


def take(frame: Frame, base: str, package: str, quiz: str, *, right: bool) -> None:
    learner = Learner(frame, base)  # type: ignore[arg-type]  # a Frame drives like a Page
    expect(learner.take(quiz, right=right)).not_to_be_empty()


def resumed(version: str, data: dict[str, Any]) -> dict[str, Any]:
    """What an LMS keeps of a suspended attempt and gives the next launch (RTE 3.4.4: entry resume)."""
    if version == "scorm12":
        core = data["core"]
        return {
            "suspend_data": data["suspend_data"],
            "core": {"entry": "resume", "lesson_location": core["lesson_location"],
                     "lesson_status": core["lesson_status"], "score": core["score"]},
        }  # fmt: skip
    keep = ("suspend_data", "location", "completion_status", "success_status", "score",
            "progress_measure")  # fmt: skip
    return {"entry": "resume", **{k: data[k] for k in keep}}


def expected_response(version: str, question: dict[str, Any], *, right: bool) -> str:
    if question["type"] == "true_false":
        value = question["answer"] if right else not question["answer"]
        return ("t" if value else "f") if version == "scorm12" else str(value).lower()
    correct = [i for i, o in enumerate(question["options"]) if o.get("correct")]
    picks = (
        correct if right else [next(i for i in range(len(question["options"])) if i not in correct)]
    )
    return ("," if version == "scorm12" else "[,]").join("abcdefghij"[i] for i in picks)


def check_session_rules(launch: Launch) -> None:
    """One initialize first, one finish last, nothing after it; suspend data within 1.2's limit."""
    version, calls = launch.version, launch.calls()
    names = [c["name"] for c in calls]
    assert names[0] == INIT[version] and names.count(INIT[version]) == 1
    assert names[-1] == FINISH[version] and names.count(FINISH[version]) == 1, names[-5:]
    assert calls[-1]["result"] == "true"
    failed = [c for c in calls if c["name"] == SET[version] and c["result"] != "true"]
    assert not failed, failed
    for text in launch.set_values("cmi.suspend_data"):
        assert len(text) <= 4096
        assert text.isascii()


@pytest.mark.parametrize("version", VERSIONS)
def test_a_learner_works_through_the_sales_path_and_resumes_in_another_browser(
    lms: str, browsers: Browsers, version: str
) -> None:
    first = launch(browsers.new_page(), lms, version)
    course = first.course()
    assert course.url == f"{lms}packages/{version}/index.html"
    course.locator("#mc-role").select_option("sales")
    course.locator(".mc-rolebar__apply").click()  # the role applies on Apply
    course.goto(f"{lms}packages/{version}/basics/first.html")
    course.wait_for_selector("html.mc-js")
    take(course, lms, version, "first", right=False)
    commits_after_first = len(first.page.evaluate("window.lmsCommits"))
    assert commits_after_first == 1, "a commit after the quiz was checked"
    course.get_by_role("button", name="Try again").click()
    take(course, lms, version, "first", right=True)
    assert len(first.page.evaluate("window.lmsCommits")) == 2
    first.close()

    check_session_rules(first)
    data = first.data()
    quiz = load_quiz("first")
    asked = [q for q in quiz["questions"] if "marketing" not in q.get("roles", ["sales"])]
    sent = first.sent()
    interactions = [
        {**data["interactions"][str(n)],
         **{k.split(".", 3)[3]: v for k, v in sent.items() if k.startswith(f"cmi.interactions.{n}.")}}
        for n in range(len(data["interactions"]))
    ]  # fmt: skip
    assert [i["id"] for i in interactions] == [f"first.{q['id']}" for q in asked] * 2
    for interaction, question, right in zip(
        interactions, asked * 2, [False] * 3 + [True] * 3, strict=True
    ):
        assert interaction["type"] == (
            "true-false" if question["type"] == "true_false" else "choice"
        )
        response = "student_response" if version == "scorm12" else "learner_response"
        assert interaction[response] == expected_response(version, question, right=right)
        assert interaction["correct_responses.0.pattern"] == expected_response(
            version, question, right=True
        )
        assert interaction["result"] == (
            "correct" if right else "wrong" if version == "scorm12" else "incorrect"
        )
        if version == "scorm12":
            assert re.fullmatch(r"\d\d:\d\d:\d\d", interaction["time"])
            assert re.fullmatch(r"\d\d\d?\d?:\d\d:\d\d(\.\d\d?)?", interaction["latency"])
        else:
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d\dZ", interaction["timestamp"])
            assert re.fullmatch(r"PT(\d+H)?(\d+M)?[\d.]+S", interaction["latency"])
            assert interaction["description"] == question["prompt"]
    if version == "scorm12":
        assert sent["cmi.core.lesson_status"] == data["core"]["lesson_status"] == "incomplete"
        assert sent["cmi.core.exit"] == "suspend"
        assert re.fullmatch(r"\d{2,4}:\d\d:\d\d(\.\d\d?)?", sent["cmi.core.session_time"])
        assert sent["cmi.core.score.raw"] == "33"  # one of the path's three quizzes, 100%
    else:
        assert (sent["cmi.completion_status"], sent["cmi.success_status"]) == (
            "incomplete",
            "unknown",
        )
        assert sent["cmi.exit"] == "suspend"
        assert re.fullmatch(r"PT(\d+H)?(\d+M)?[\d.]+S", sent["cmi.session_time"])
        assert (sent["cmi.score.raw"], sent["cmi.score.scaled"]) == ("33", "0.33")
        assert sent["cmi.progress_measure"] == "0.3333"

    # Another browser (nothing in its storage), with what the LMS kept.
    second = launch(browsers.new_page(), lms, version, stored=resumed(version, data))
    course = second.course()
    assert course.url == f"{lms}packages/{version}/basics/first.html", "back where the learner was"
    expect(course.locator("#mc-role")).to_have_value("sales")
    record = course.locator('section.mc-quiz[data-mc-quiz="first"] .mc-quiz__record')
    expect(record).to_contain_text("Passed")
    for lesson, quizzes in list(SALES_PATH.items())[1:]:
        course.goto(f"{lms}packages/{version}/{lesson}.html")
        course.wait_for_selector("html.mc-js")
        for quiz_id in quizzes:
            take(course, lms, version, quiz_id, right=True)
    second.close()

    check_session_rules(second)
    sent = second.sent()
    if version == "scorm12":
        assert sent["cmi.core.lesson_status"] == second.data()["core"]["lesson_status"] == "passed"
        assert sent["cmi.core.exit"] == ""
        assert sent["cmi.core.score.raw"] == "100"
    else:
        assert (sent["cmi.completion_status"], sent["cmi.success_status"]) == (
            "completed",
            "passed",
        )
        assert sent["cmi.exit"] == "normal"
        assert (sent["cmi.score.raw"], sent["cmi.score.scaled"]) == ("100", "1")
        assert sent["cmi.progress_measure"] == "1"


def test_the_course_finds_the_lms_through_the_opener_window(lms: str, browsers: Browsers) -> None:
    host = launch(browsers.new_page(), lms, "scorm2004", window=True)
    with host.page.context.expect_page() as opened:
        host.page.get_by_role("button", name="Open the course").click()
    popup = opened.value
    popup.wait_for_load_state()
    course = next(f for f in popup.frames if f.parent_frame is not None)
    course.wait_for_selector("html.mc-js")
    course.goto(f"{lms}packages/scorm2004/basics/second.html")
    course.wait_for_selector("html.mc-js")
    take(course, lms, "scorm2004", "second", right=True)
    popup.close(run_before_unload=True)
    host.page.wait_for_function("window.lmsCalls.some(c => c.name === 'Terminate')")
    check_session_rules(host)
    assert host.data()["interactions"]["0"]["id"].startswith("second.")


def test_a_role_package_starts_a_new_learner_on_that_roles_path(
    lms: str, browsers: Browsers
) -> None:
    started = launch(browsers.new_page(), lms, "scorm12", package="scorm12-sales")
    course = started.course()
    assert course.url == f"{lms}packages/scorm12-sales/paths/index.html#path-sales"
    expect(course.locator("#mc-role")).to_have_value("sales")
    started.close()
    check_session_rules(started)
    assert '"sales"' in started.data()["suspend_data"]
    # A learner who has chosen another role keeps it; state fields this course.js does
    # not know (a later version's certificates, say) survive its saves.
    data = resumed("scorm12", started.data())
    suspended = json.loads(data["suspend_data"])
    suspended[1] = "marketing"
    suspended[6:] = [{"certificates": [{"id": "policy", "version": "5498ee00"}]}]
    data["suspend_data"] = json.dumps(suspended)
    again = launch(browsers.new_page(), lms, "scorm12", package="scorm12-sales", stored=data)
    course = again.course()
    expect(course.locator("#mc-role")).to_have_value("marketing")
    course.goto(f"{lms}packages/scorm12-sales/basics/second.html")
    course.wait_for_selector("html.mc-js")
    again.close()
    check_session_rules(again)
    saved = json.loads(again.sent()["cmi.suspend_data"])
    assert saved[1] == "marketing"
    assert "basics/second" in saved[3]
    assert saved[6]["certificates"] == [{"id": "policy", "version": "5498ee00"}]


def test_without_an_lms_the_package_is_the_plain_site(
    lms: str, page: Page, stored: Callable[[Page], dict[str, Any]]
) -> None:
    page.goto(f"{lms}packages/scorm12/launch.html")
    frame = page.frame_locator("iframe.mc-lms-frame")
    frame.locator("#mc-role").select_option("sales")
    frame.locator(".mc-rolebar__apply").click()
    course = next(f for f in page.frames if f.parent_frame is not None)
    course.goto(f"{lms}packages/scorm12/basics/second.html")
    course.wait_for_selector("html.mc-js")
    take(course, lms, "scorm12", "second", right=True)
    state = stored(page)
    assert state["role"] == "sales" and state["quizzes"]["second"]["passed"] is True
    assert page.evaluate("typeof window.mcCourseHost") == "undefined"


SIGNOFF = {
    "type": "signoff", "id": "social-media-policy",
    "statement": "I have read and understood the social media policy.",
    "version": "5498ee00", "digest": "5498ee00" + "0" * 56, "changed": "2026-11-01",
    "lessons": {"basics/first": "ab" * 32}, "name": "Zoë Example", "time": 1796000000000,
}  # fmt: skip


@pytest.mark.parametrize("version", VERSIONS)
def test_a_signoff_is_an_interaction_committed_at_once(
    lms: str, browsers: Browsers, version: str
) -> None:
    """What course.js reports when a learner signs off (issue 13), through mcCourseHost."""
    started = launch(browsers.new_page(), lms, version)
    course = started.course()
    course.evaluate("event => window.parent.mcCourseHost.report(event)", SIGNOFF)
    started.page.wait_for_function("window.lmsCommits.length === 1")
    started.close()
    check_session_rules(started)
    sent = started.sent()
    assert sent["cmi.interactions.0.id"] == "signoff.social-media-policy.5498ee00"
    assert sent["cmi.interactions.0.result"] == "neutral"
    if version == "scorm12":
        assert sent["cmi.interactions.0.type"] == "fill-in"
        assert sent["cmi.interactions.0.student_response"] == "5498ee00"
    else:
        assert sent["cmi.interactions.0.type"] == "other"
        assert sent["cmi.interactions.0.learner_response"] == "5498ee00"
        assert sent["cmi.interactions.0.description"] == SIGNOFF["statement"]
        assert sent["cmi.interactions.0.timestamp"] == "2026-11-30T00:53:20.00Z"


def signatures(count: int) -> list[dict[str, Any]]:
    """A learner's sign-off history: the same policy signed in `count` versions, as course.js keeps it."""
    fields = {k: v for k, v in SIGNOFF.items() if k != "type"}
    return [
        {**fields, "version": f"{n:02x}" * 4, "digest": f"{n:02x}" * 32, "time": 1796000000000 + n}
        for n in range(1, count + 1)
    ]


def test_older_signatures_give_way_before_scorm12_suspend_data_overflows(
    lms: str, browsers: Browsers
) -> None:
    """1.2 keeps 4,096 characters; each signature is an interaction already, so the latest stays."""
    started = launch(browsers.new_page(), lms, "scorm12")
    course = started.course()
    history = signatures(40)
    whole = course.evaluate(
        "list => { const host = window.parent.mcCourseHost; const state = host.loadState() || {};"
        " const next = { ...state, signoffs: { [list[0].id]: list } }; host.saveState(next);"
        " return window.parent.mcStateCodec.encode(next, window.parent.mcCourseConfig).length; }",
        history,
    )
    assert whole > 4096  # the whole history would not fit
    assert course.evaluate("window.parent.mcCourseHost.persistent") is True
    started.close()
    check_session_rules(started)
    suspend = started.sent()["cmi.suspend_data"]
    assert history[-1]["digest"] in suspend or history[-1]["version"] in suspend
    assert history[0]["digest"] not in suspend and history[0]["version"] not in suspend
    again = launch(browsers.new_page(), lms, "scorm12", stored=resumed("scorm12", started.data()))
    kept = again.course().evaluate("window.parent.mcCourseHost.loadState().signoffs")
    assert [s["version"] for s in kept[SIGNOFF["id"]]] == [history[-1]["version"]]
    again.close()


def test_a_state_no_lms_can_keep_is_said_not_dropped(lms: str, browsers: Browsers) -> None:
    """Past 1.2's limit even without history, the course is told progress won't be kept."""
    started = launch(browsers.new_page(), lms, "scorm12")
    course = started.course()
    course.evaluate(
        "() => { const host = window.parent.mcCourseHost;"
        " host.saveState({ ...(host.loadState() || {}), notes: 'x'.repeat(5000) }); }"
    )
    assert course.evaluate("window.parent.mcCourseHost.persistent") is False
    course.goto(f"{lms}packages/scorm12/basics/second.html")
    course.wait_for_selector("html.mc-js")
    expect(course.locator(".mc-notice")).not_to_be_empty()
    started.close()
    check_session_rules(started)


@pytest.mark.parametrize(
    ("version", "stored"),
    [("scorm12", {"core": {"lesson_mode": "review"}}), ("scorm2004", {"mode": "review"})],
)
def test_a_review_launch_records_nothing_that_changes_the_result(
    lms: str, browsers: Browsers, version: str, stored: dict[str, Any]
) -> None:
    started = launch(browsers.new_page(), lms, version, stored=stored)
    course = started.course()
    course.goto(f"{lms}packages/{version}/basics/second.html")
    course.wait_for_selector("html.mc-js")
    take(course, lms, version, "second", right=True)
    expect(
        course.locator('section.mc-quiz[data-mc-quiz="second"] .mc-quiz__result')
    ).to_contain_text("Passed")
    started.close()
    check_session_rules(started)
    assert set(started.sent()) == {
        "cmi.core.session_time" if version == "scorm12" else "cmi.session_time"
    }
