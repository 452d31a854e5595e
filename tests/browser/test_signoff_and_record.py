"""The policy sign-off follows the policy's text; the record prints; progress moves by file.

A copy of the fixture course gets a sign-off over its two 'Basics' lessons, shown
in the second one. The copy is built, served, edited and rebuilt in place, as an
author would between two releases of the course.
"""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import FIXTURE_COURSE, PREFIX, Learner, build
from tests.support.serve import serve_site

STATEMENT = "I have read and understood the basics."
NAME = "Ada Lovelace"
SIGNOFF_SETTINGS = f"""      signoffs:
        - id: basics
          statement: {STATEMENT}
          lessons:
            - basics/first.md
            - basics/second.md
"""


class Course:
    """An editable copy of the fixture course, served from the folder it is built into."""

    def __init__(self, root: Path, site: Path, base: str) -> None:
        self.root, self.site, self.base = root, site, base

    def lesson(self, name: str) -> Path:
        return self.root / "content" / "basics" / f"{name}.md"

    def rebuild(self) -> None:
        build(self.root / "mkdocs.yml", self.site, self.base)

    def config(self) -> dict[str, object]:
        text = (self.site / "assets" / "course" / "config.js").read_text(encoding="utf-8")
        data: dict[str, object] = json.loads(text.split("=", 1)[1].strip().rstrip(";"))
        return data


@pytest.fixture
def course(tmp_path: Path) -> Iterator[Course]:
    root = tmp_path / "course"
    shutil.copytree(FIXTURE_COURSE, root)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("      pass_mark: 80\n", "      pass_mark: 80\n" + SIGNOFF_SETTINGS),
        encoding="utf-8",
    )
    second = root / "content" / "basics" / "second.md"
    second.write_text(
        second.read_text(encoding="utf-8") + "\n<!-- quiz -->\n\n<!-- signoff: basics -->\n",
        encoding="utf-8",
    )
    site = tmp_path / "site"
    with serve_site(site, PREFIX) as base:
        built = Course(root, site, base)
        built.rebuild()
        yield built


def complete_basics(learner: Learner) -> None:
    for lesson, quiz in (("first", "first"), ("second", "second")):
        learner.open(f"basics/{lesson}/")
        expect(learner.take(quiz, right=True)).to_contain_text("Passed")


def signoff(page: Page):  # type: ignore[no-untyped-def]
    return page.locator('section.mc-signoff[data-mc-signoff="basics"]')


def sign(page: Page, name: str = NAME) -> None:
    section = signoff(page)
    section.get_by_label(STATEMENT).check()
    section.get_by_label("Your full name").fill(name)
    section.get_by_role("button", name="Sign").click()
    expect(section.locator(".mc-signoff__status")).to_contain_text(f"Signed by {name}")


def test_the_form_opens_only_after_the_covered_lessons(course: Course, page: Page) -> None:
    learner = Learner(page, course.base)
    learner.open("basics/second/")
    section = signoff(page)
    expect(section.locator(".mc-signoff__status")).to_contain_text("Complete these lessons first")
    expect(section.locator(".mc-signoff__status")).to_contain_text("First lesson")
    expect(section.locator("form")).to_be_hidden()
    complete_basics(learner)
    expect(section.locator("form")).to_be_visible()
    section.get_by_role("button", name="Sign").click()
    expect(section.locator(".mc-signoff__status")).to_contain_text("Tick the statement")


def test_a_changed_lesson_asks_for_a_new_signature_and_keeps_the_old(
    course: Course, page: Page, stored
) -> None:
    learner = Learner(page, course.base)
    complete_basics(learner)
    sign(page)
    first_version = course.config()["signoffs"][0]  # type: ignore[index]
    [entry] = stored(page)["signoffs"]["basics"]
    assert entry["digest"] == first_version["digest"]
    assert entry["lessons"] == first_version["lessons"]
    assert entry["name"] == NAME and entry["statement"] == STATEMENT

    # Spacing only: CRLF line endings, trailing spaces, blank lines, a re-wrapped line.
    first = course.lesson("first")
    text = first.read_text(encoding="utf-8")
    spaced = text.replace("Some reading before the quiz.", "Some   reading\nbefore the quiz.  \n\n")
    first.write_bytes(spaced.replace("\n", "\r\n").encode("utf-8"))
    course.rebuild()
    assert course.config()["signoffs"][0]["digest"] == first_version["digest"]  # type: ignore[index]
    page.reload()
    expect(signoff(page).locator(".mc-signoff__status")).to_contain_text(f"Signed by {NAME}")
    learner.open("")
    expect(page.locator(".mc-signoff-banner")).to_have_count(0)

    # A changed word in the first lesson.
    first.write_text(text.replace("Some reading", "Some new reading"), encoding="utf-8")
    course.rebuild()
    second_version = course.config()["signoffs"][0]  # type: ignore[index]
    assert second_version["digest"] != first_version["digest"]
    learner.open("")
    banner = page.locator(".mc-signoff-banner")
    expect(banner).to_contain_text("Something you signed was updated")
    banner.get_by_role("link", name="Go to the sign-off").click()
    page.wait_for_url("**/basics/second/#signoff-basics")
    status = signoff(page).locator(".mc-signoff__status")
    expect(status).to_contain_text("updated after you signed it")
    expect(status).to_contain_text("First lesson")
    expect(status).not_to_contain_text("Second lesson")
    changed = signoff(page).locator(".mc-signoff__lesson--changed")
    expect(changed).to_have_count(1)
    expect(changed).to_have_text("First lesson")

    sign(page, "Ada King")
    history = stored(page)["signoffs"]["basics"]
    assert [h["digest"] for h in history] == [first_version["digest"], second_version["digest"]]
    assert [h["name"] for h in history] == [NAME, "Ada King"]


def test_the_record_prints_with_name_and_version(course: Course, page: Page, axe) -> None:
    learner = Learner(page, course.base)
    complete_basics(learner)
    sign(page)
    axe(page, "signed sign-off")
    version = course.config()["signoffs"][0]["version"]  # type: ignore[index]
    learner.open("record/")
    record = page.locator("[data-mc-record]")
    expect(record.locator(".mc-record__facts")).to_contain_text(NAME)
    expect(record.locator('.mc-record__lesson[data-mc-lesson="basics/first"]')).to_contain_text(
        "Completed"
    )
    expect(record.locator(".mc-record__signoffs")).to_contain_text(f"version {version}")
    axe(page, "record of completion")
    pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert 1 <= len(pdf.pages) <= 2
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in pdf.pages)
    assert NAME in text
    assert f"version {version}" in text
    assert "Fixture course" in text
    assert "LMS record is the authoritative one" in text
    assert "Download my progress" not in text  # the file controls are not printed


def export_file(page: Page, tmp_path: Path) -> Path:
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my progress").click()
    target = tmp_path / "progress.json"
    download.value.save_as(target)
    return target


def load_file(page: Page, path: Path) -> None:
    page.locator(".mc-record__import input[type=file]").set_input_files(str(path))


def test_export_then_import_in_a_fresh_browser(
    course: Course, page: Page, browser: Browser, tmp_path: Path, stored
) -> None:
    learner = Learner(page, course.base)
    complete_basics(learner)
    sign(page)
    learner.open("record/")
    exported = export_file(page, tmp_path)
    before = stored(page)

    fresh_context = browser.new_context()
    fresh = fresh_context.new_page()
    errors: list[str] = []
    fresh.on("pageerror", lambda e: errors.append(str(e)))
    try:
        other = Learner(fresh, course.base)
        other.open("record/")
        expect(fresh.locator(".mc-record__signoffs")).to_contain_text("None yet")
        load_file(fresh, exported)
        expect(fresh.locator(".mc-record__file-status")).to_have_text(
            "Your progress was loaded from the file."
        )
        expect(fresh.locator(".mc-record__facts")).to_contain_text(NAME)
        after = stored(fresh)
        assert after["quizzes"] == before["quizzes"]
        assert after["signoffs"] == before["signoffs"]
        other.open("basics/first/")
        expect(fresh.locator('[data-mc-lesson-status="basics/first"]')).to_contain_text("Completed")
        other.open("basics/second/")
        expect(signoff(fresh).locator(".mc-signoff__status")).to_contain_text(f"Signed by {NAME}")
    finally:
        fresh_context.close()
    assert not errors


def test_bad_files_are_refused_and_change_nothing(
    course: Course, page: Page, tmp_path: Path, stored
) -> None:
    learner = Learner(page, course.base)
    learner.open("basics/first/")
    expect(learner.take("first", right=True)).to_contain_text("Passed")
    learner.open("record/")
    exported = export_file(page, tmp_path)
    good = exported.read_text(encoding="utf-8")
    data = json.loads(good)
    before = stored(page)

    def refused(name: str, content: str, message: str) -> None:
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        load_file(page, path)
        expect(page.locator(".mc-record__file-status")).to_have_text(message)
        assert stored(page) == before, f"{name} changed the stored progress"

    tampered = json.loads(good)
    tampered["state"]["quizzes"]["first"]["best"] = 50
    tampered["state"]["visited"]["basics/second"] = 1
    refused("tampered.json", json.dumps(tampered), _CHANGED)
    refused("truncated.json", good[: len(good) // 2], _DAMAGED)
    refused("empty.json", "", _DAMAGED)
    refused("other-format.json", json.dumps({"v": 1, "quizzes": {}}), _DAMAGED)
    foreign = {**data, "course": "microcourse:Another course"}
    refused("foreign.json", json.dumps(foreign), _FOREIGN)


_DAMAGED = "This file is damaged or incomplete, or is not a progress file. Nothing was changed."
_FOREIGN = "This progress file is from another course. Nothing was changed."
_CHANGED = (
    "This file was changed after it was downloaded, so it cannot be trusted. Nothing was changed."
)


# A launch page as an LMS package has one: it offers the course a reporter (mcCourseHost)
# and loads the course in a frame. Here it only records what the course tells it.
HOST_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Host</title></head><body>
<script>
window.events = [];
window.state = %s;
window.mcCourseHost = {
  persistent: true,
  loadState: () => window.state,
  saveState: (s) => { window.state = JSON.parse(JSON.stringify(s)); },
  report: (e) => { window.events.push(JSON.parse(JSON.stringify(e))); },
};
</script>
<iframe id="course" title="Course" src="%s" style="width: 1200px; height: 1600px"></iframe>
</body></html>
"""


def test_a_signature_is_reported_through_the_host(course: Course, page: Page) -> None:
    config = course.config()
    lessons = {lesson["id"]: lesson for lesson in config["lessons"]}  # type: ignore[union-attr]
    passed = {
        quiz["id"]: {"best": 100, "passed": True, "fingerprint": quiz["fingerprint"], "updated": 1}
        for lesson_id in ("basics/first", "basics/second")
        for quiz in lessons[lesson_id]["quizzes"]
        if not quiz["roles"]
    }
    state = {"v": 1, "role": None, "quizzes": passed, "visited": {}}
    (course.site / "host.html").write_text(
        HOST_PAGE % (json.dumps(state), "basics/second/"), encoding="utf-8"
    )
    page.goto(course.base + "host.html")
    frame = page.frame_locator("#course")
    section = frame.locator('section.mc-signoff[data-mc-signoff="basics"]')
    section.get_by_label(STATEMENT).check()
    section.get_by_label("Your full name").fill(NAME)
    section.get_by_role("button", name="Sign").click()
    expect(section.locator(".mc-signoff__status")).to_contain_text(f"Signed by {NAME}")
    [event] = [e for e in page.evaluate("window.events") if e["type"] == "signoff"]
    version = config["signoffs"][0]  # type: ignore[index]
    assert set(event) == {
        "type",
        "id",
        "statement",
        "version",
        "digest",
        "changed",
        "lessons",
        "name",
        "time",
    }
    assert event["id"] == "basics" and event["statement"] == STATEMENT and event["name"] == NAME
    assert event["digest"] == version["digest"] and event["version"] == version["digest"][:8]
    assert event["lessons"] == version["lessons"] and event["changed"] == version["changed"]
    saved = page.evaluate("window.state")
    assert [s["digest"] for s in saved["signoffs"]["basics"]] == [version["digest"]]
