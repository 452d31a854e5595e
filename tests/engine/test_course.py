"""A whole course read from disk: what spans files (quiz ids, lessons, roles, paths).

Each test writes a small course into a temporary folder: mkdocs.yml (for the roles'
locations), content/ and quizzes/. Page order is given as MkDocs' navigation would.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from engine_support import renderer, url_for

from microcourse.diagnostics import Diagnostics
from microcourse.load.course_loader import CourseSources, load_course
from microcourse.load.course_scan import scan_course
from microcourse.load.settings_loader import load_settings
from microcourse.model import Course, Role

MKDOCS_YML = """\
site_name: Test course
docs_dir: content
plugins:
  - course:
      pass_mark: 70
      roles:
        - id: sales
          title: Sales
          description: You sell.
        - id: marketing
          title: Marketing
          description: You market.
        - id: hr
          title: HR
          description: You hire.
"""

QUESTIONS = """\
questions:
  - id: q
    type: true_false
    answer: true
    prompt: Ready?
"""

BASE_FILES = {
    "mkdocs.yml": MKDOCS_YML,
    "content/index.md": "# Welcome\n",
    "content/start/why.md": "---\ntitle: Why\nsummary: Why it matters.\nminutes: 3\n---\n\nText.\n",
    "content/start/voice.md": "---\ntitle: Voice\nsummary: Your voice.\nminutes: 4\n---\n",
    "content/start/about.md": "---\ntitle: About this course\ntype: page\n---\n",
    "content/sales/pitch.md": (
        "---\ntitle: Pitch\nsummary: Pitch.\nminutes: 5\nroles: [sales]\n---\n"
    ),
    "content/shared/campaigns.md": (
        "---\ntitle: Campaigns\nsummary: Campaigns.\nminutes: 6\nroles: [sales, marketing]\n---\n"
    ),
    "content/hr/hiring.md": (
        "---\ntitle: Hiring\nsummary: Hiring.\nminutes: 7\nroles: [hr]\n---\n"
    ),
}
# Navigation order, as mkdocs.yml's nav would give it (not alphabetical).
NAV = [
    "index.md",
    "start/why.md",
    "start/about.md",
    "sales/pitch.md",
    "start/voice.md",
    "shared/campaigns.md",
    "hr/hiring.md",
]


def _write(root: Path, files: dict[str, str | bytes]) -> None:
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def _sources(root: Path) -> CourseSources:
    return CourseSources(root, root / "content", root / "quizzes", root / "mkdocs.yml")


def _roles(root: Path, diagnostics: Diagnostics) -> dict[str, Role]:
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)["plugins"][0]["course"]
    return load_settings("mkdocs.yml", text, raw, diagnostics).roles


def _load(
    root: Path, extra: dict[str, str | bytes], nav: list[str] | None = None
) -> tuple[Course, list[str]]:
    _write(root, {**BASE_FILES, **extra})
    diagnostics = Diagnostics()
    roles = _roles(root, diagnostics)
    course = load_course(_sources(root), nav or NAV, roles, 70, diagnostics)
    return course, [str(d) for d in sorted(diagnostics.items)]


def test_a_course_in_navigation_order(tmp_path: Path) -> None:
    course, errors = _load(
        tmp_path,
        {
            "quizzes/start/why.yml": "lesson: start/why.md\n" + QUESTIONS,
            "quizzes/sales/pitch.yml": "lesson: content/sales/pitch.md\nroles: [sales]\n"
            + QUESTIONS,
            "quizzes/sales/pitch-marketing.yaml": (
                "id: pitch-for-marketing\nlesson: /sales/pitch.md\npass_mark: 90\n" + QUESTIONS
            ),
        },
    )
    assert errors == []
    assert [lesson.src_path for lesson in course.lessons] == [
        "start/why.md",
        "sales/pitch.md",
        "start/voice.md",
        "shared/campaigns.md",
        "hr/hiring.md",
    ]
    assert sorted(course.roles) == ["hr", "marketing", "sales"]
    why = course.lesson("start/why.md")
    pitch = course.lesson("sales/pitch.md")
    assert why is not None and pitch is not None
    assert [q.id for q in why.quizzes] == ["why"]
    assert [q.id for q in pitch.quizzes] == ["pitch-for-marketing", "pitch"]
    assert {q.id: q.pass_mark for q in course.quizzes} == {
        "pitch-for-marketing": 90,
        "pitch": 70,
        "why": 70,
    }
    assert [q.source for q in course.quizzes] == [
        "quizzes/sales/pitch-marketing.yaml",
        "quizzes/sales/pitch.yml",
        "quizzes/start/why.yml",
    ]


@pytest.mark.parametrize(
    ("role", "paths", "minutes"),
    [
        ("sales", ["start/why.md", "sales/pitch.md", "start/voice.md", "shared/campaigns.md"], 18),
        ("marketing", ["start/why.md", "start/voice.md", "shared/campaigns.md"], 13),
        ("hr", ["start/why.md", "start/voice.md", "hr/hiring.md"], 14),
        ("leadership", ["start/why.md", "start/voice.md"], 7),
    ],
)
def test_learning_paths(tmp_path: Path, role: str, paths: list[str], minutes: int) -> None:
    course, errors = _load(tmp_path, {})
    assert errors == []
    path = course.path_for(role)
    assert [lesson.src_path for lesson in path] == paths
    assert sum(lesson.minutes for lesson in path) == minutes


def test_a_path_page_shows_the_role_lessons_and_total(tmp_path: Path) -> None:
    course, _ = _load(tmp_path, {})
    render = renderer(course.lessons)
    render.course = course
    html = render.path(course.roles["sales"], url_for)
    assert "4 lessons, 18 minutes in all" in html
    assert html.index("Why") < html.index("Pitch") < html.index("Voice") < html.index("Campaigns")
    assert "Hiring" not in html


def test_duplicate_quiz_ids_across_files(tmp_path: Path) -> None:
    _, errors = _load(
        tmp_path,
        {
            "quizzes/a/one.yml": "id: shared\nlesson: start/why.md\n" + QUESTIONS,
            "quizzes/b/two.yml": "title: Two\nid: shared\nlesson: start/voice.md\n" + QUESTIONS,
        },
    )
    assert errors == [
        "quizzes/b/two.yml:2:5: error: quiz id 'shared' is also used by quizzes/a/one.yml; "
        "quiz ids must be unique in the course (set 'id:' or rename the file)"
    ]


def test_same_file_name_in_two_folders(tmp_path: Path) -> None:
    _, errors = _load(
        tmp_path,
        {
            "quizzes/start/intro.yml": "lesson: start/why.md\n" + QUESTIONS,
            "quizzes/sales/intro.yml": "lesson: sales/pitch.md\n" + QUESTIONS,
        },
    )
    assert errors == [
        "quizzes/start/intro.yml:1:1: error: quiz id 'intro' is also used by "
        "quizzes/sales/intro.yml; quiz ids must be unique in the course (set 'id:' or rename "
        "the file)"
    ]


def test_a_missing_lesson_with_a_suggestion(tmp_path: Path) -> None:
    _, errors = _load(tmp_path, {"quizzes/why.yml": "lesson: start/wyh.md\n" + QUESTIONS})
    assert errors == [
        "quizzes/why.yml:1:9: error: lesson 'start/wyh.md' does not exist; did you mean "
        "'start/why.md'? 'lesson:' is a path under content/, like 'hr/hiring.md'"
    ]


def test_a_missing_lesson_without_a_close_match(tmp_path: Path) -> None:
    _, errors = _load(
        tmp_path, {"quizzes/x.yml": "title: X\nlesson: linkedin/networking.md\n" + QUESTIONS}
    )
    assert errors == [
        "quizzes/x.yml:2:9: error: lesson 'linkedin/networking.md' does not exist; 'lesson:' "
        "is a path under content/, like 'hr/hiring.md'"
    ]


@pytest.mark.parametrize("target", ["start/about.md", "index.md"])
def test_a_quiz_on_a_page_that_is_not_a_lesson(tmp_path: Path, target: str) -> None:
    _, errors = _load(tmp_path, {"quizzes/about.yml": f"lesson: {target}\n" + QUESTIONS})
    assert errors == [
        f"quizzes/about.yml:1:9: error: '{target}' is a page, not a lesson; point 'lesson:' "
        "at a lesson"
    ]


def test_a_quiz_on_a_broken_lesson_reports_only_the_lesson(tmp_path: Path) -> None:
    _, errors = _load(
        tmp_path,
        {
            "content/start/voice.md": "---\ntitle: Voice\nsummary: Your voice.\nminutes: 40\n---\n",
            "quizzes/voice.yml": "lesson: start/voice.md\n" + QUESTIONS,
        },
    )
    assert errors == [
        "content/start/voice.md:4:10: error: 'minutes' is 40; a microlearning lesson takes 1 "
        "to 15 minutes, so split a longer one into several lessons"
    ]


def test_every_problem_in_every_file_in_one_run(tmp_path: Path) -> None:
    _, errors = _load(
        tmp_path,
        {
            "content/start/voice.md": "---\ntitle: Voice\nminutes: 4\nroles: [finance]\n---\n",
            "quizzes/a.yml": "lesson: start/why.md\npass_mark: 200\n" + QUESTIONS,
            "quizzes/b.yml": "lesson: start/nowhere.md\n" + QUESTIONS,
            "quizzes/c.yml": "id: a\nlesson: start/why.md\n" + QUESTIONS,
            "quizzes/d.yml": "lesson: [start/why.md]\n" + QUESTIONS,
        },
    )
    assert [error.split(": error: ")[0] for error in errors] == [
        "content/start/voice.md:2:1",
        "content/start/voice.md:4:9",
        "quizzes/a.yml:2:12",
        "quizzes/b.yml:1:9",
        "quizzes/d.yml:1:9",
    ]


def test_files_that_are_not_utf8(tmp_path: Path) -> None:
    # One error per file, on the line and column of the first byte that is not UTF-8;
    # an unreadable file is not also "empty" or "without front matter".
    _, errors = _load(
        tmp_path,
        {
            "quizzes/latin1.yml": "lesson: start/why.md\ntitle: Caf\xe9\n".encode("latin-1"),
            "content/start/voice.md": "---\ntitle: Voice \xe9\nsummary: S.\nminutes: 3\n---\n".encode(
                "latin-1"
            ),
        },
    )
    assert errors == [
        "content/start/voice.md:2:14: error: this file is not UTF-8 text (byte 17); save it as UTF-8",
        "quizzes/latin1.yml:2:11: error: this file is not UTF-8 text (byte 31); save it as UTF-8",
    ]


def test_a_byte_order_mark_is_not_part_of_the_text(tmp_path: Path) -> None:
    course, errors = _load(
        tmp_path, {"quizzes/bom.yml": "\ufeffid: bom\nlesson: start/why.md\n" + QUESTIONS}
    )
    assert errors == []
    assert [q.id for q in course.quizzes] == ["bom"]


# ------------------------------------------------------------------ the whole scan


VTT = "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nHello.\n"


def _scan(
    root: Path, extra: dict[str, str | bytes], reserved: dict[str, str]
) -> tuple[Course, list[str]]:
    _write(root, {**BASE_FILES, **extra})
    diagnostics = Diagnostics()
    roles = _roles(root, diagnostics)
    scan = scan_course(_sources(root), NAV, roles, 70, reserved, diagnostics)
    return scan.course, [str(d) for d in sorted(diagnostics.items)]


def test_scan_reports_videos_on_their_lesson_lines(tmp_path: Path) -> None:
    lesson = (
        "---\ntitle: Why\nsummary: Why it matters.\nminutes: 3\nobjectives:\n  - Know why\n---\n"
        "\nText.\n\n![Why it matters](../media/why.mp4)\n"
    )
    _, errors = _scan(
        tmp_path,
        {
            "content/start/why.md": lesson,
            "content/media/why.mp4": b"v",
            "content/media/why.vtt": VTT,
        },
        {"paths/everyone.md": "the learning paths"},
    )
    assert errors == [
        "content/start/why.md:11:1: error: video '../media/why.mp4' has no poster image "
        "'../media/why.jpg'; add one (a still from the video) so learners see what it is "
        "before it loads"
    ]


def test_scan_keeps_the_videos_and_the_lesson_bodies(tmp_path: Path) -> None:
    lesson = "---\ntitle: Why\nsummary: Why.\nminutes: 3\n---\n![Why](../media/why.mp4)\n"
    _write(
        tmp_path,
        {
            "content/media/why.jpg": b"\xff\xd8",
            "content/media/why.mp4": b"v",
            "content/media/why.vtt": VTT,
        },
    )
    course, errors = _scan(tmp_path, {"content/start/why.md": lesson}, {})
    assert errors == []
    assert course.lesson("start/why.md") is not None


def test_scan_reserves_the_learning_path_pages(tmp_path: Path) -> None:
    _, errors = _scan(
        tmp_path, {"content/paths/sales.md": "# Mine\n"}, {"paths/sales.md": "the learning paths"}
    )
    assert errors == [
        "content/paths/sales.md:1:1: error: 'paths/sales.md' is where the course puts the "
        "learning paths; rename or move this page"
    ]


# ------------------------------------------------------------------ roles in mkdocs.yml


def _role_errors(root: Path, config: str) -> list[str]:
    _write(root, {"mkdocs.yml": config})
    diagnostics = Diagnostics()
    _roles(root, diagnostics)
    return [str(d) for d in sorted(diagnostics.items)]


def test_a_role_error_is_on_that_role_line(tmp_path: Path) -> None:
    config = (
        "plugins:\n  - course:\n      roles:\n"
        "        - id: sales-emea\n          title: Sales EMEA\n          description: EMEA.\n"
        "        - id: sales\n          title: Sales\n"
    )
    assert _role_errors(tmp_path, config) == [
        "mkdocs.yml:7:11: error: role 'sales' needs a 'description' (one line of text)"
    ]


def test_a_role_declared_twice_is_reported_on_the_second(tmp_path: Path) -> None:
    config = (
        "plugins:\n  - course:\n      roles:\n"
        "        - id: sales\n          title: Sales\n          description: You sell.\n"
        "        - id: sales\n          title: Sales again\n          description: Twice.\n"
    )
    assert _role_errors(tmp_path, config) == [
        "mkdocs.yml:7:11: error: role 'sales' is declared twice; keep one"
    ]


def test_everyone_is_built_in(tmp_path: Path) -> None:
    config = (
        "plugins:\n  - course:\n      roles:\n"
        "        - id: everyone\n          title: All\n          description: All.\n"
        "        - id: Sales Team\n          title: Sales\n          description: S.\n"
    )
    assert _role_errors(tmp_path, config) == [
        "mkdocs.yml:4:11: error: 'everyone' is built in (content without roles is for "
        "everyone); remove this role",
        "mkdocs.yml:7:11: error: role 2 needs an 'id' of lowercase letters, digits and hyphens "
        "(like 'customer-service'), not 'Sales Team'",
    ]


def test_a_front_matter_mistake_does_not_hide_the_lessons_video_mistake(tmp_path: Path) -> None:
    lesson = "---\ntitle: Why\nsummary: Why.\nminutes: 30\n---\n\n![Why](../media/why.mp4)\n"
    _, errors = _scan(tmp_path, {"content/start/why.md": lesson}, [])
    assert errors == [
        "content/start/why.md:4:10: error: 'minutes' is 30; a microlearning lesson takes 1 to "
        "15 minutes, so split a longer one into several lessons",
        "content/start/why.md:7:1: error: video file '../media/why.mp4' does not exist "
        "(looked for content/media/why.mp4)",
    ]


def test_pages_left_out_of_the_navigation_are_reported(tmp_path: Path) -> None:
    _write(tmp_path, BASE_FILES)
    diagnostics = Diagnostics()
    roles = _roles(tmp_path, diagnostics)
    scan_course(
        _sources(tmp_path),
        NAV,
        roles,
        70,
        {},
        diagnostics,
        unlisted_pages=["hr/hiring.md", "start/about.md"],
    )
    assert [str(d) for d in sorted(diagnostics.items)] == [
        "content/hr/hiring.md:1:1: error: this lesson is not in the navigation ('nav:' in "
        "mkdocs.yml), so learners cannot reach it; add '- hr/hiring.md' under nav: where it "
        "belongs, or delete the file",
        "content/start/about.md:1:1: error: this page is not in the navigation ('nav:' in "
        "mkdocs.yml), so learners cannot reach it; add '- start/about.md' under nav: where it "
        "belongs, or delete the file",
    ]


def test_roles_declared_with_a_mistake_are_not_reported_again_where_used(tmp_path: Path) -> None:
    broken = MKDOCS_YML.replace("          title: Sales\n", "")
    _write(tmp_path, {**BASE_FILES, "mkdocs.yml": broken})
    diagnostics = Diagnostics()
    text = broken
    settings = load_settings("mkdocs.yml", text, {}, diagnostics)
    scan_course(
        _sources(tmp_path),
        NAV,
        settings.roles,
        70,
        {},
        diagnostics,
        declared_ids=settings.declared_ids,
    )
    assert [str(d) for d in sorted(diagnostics.items)] == [
        "mkdocs.yml:7:11: error: role 'sales' needs a 'title' (one line of text)"
    ]


# ------------------------------------------------------------------ path notes


def test_path_notes_say_why_each_path_is_as_it_is(tmp_path: Path) -> None:
    config = (
        "plugins:\n  - course:\n"
        "      everyone_path_note: The shared lessons, <b>for all</b>.\n"
        "      roles:\n"
        "        - id: sales\n          title: Sales\n          description: You sell.\n"
        "          path_note: LinkedIn first, because prospects are there.\n"
        "        - id: hr\n          title: HR\n          description: You hire.\n"
    )
    _write(tmp_path, {**BASE_FILES, "mkdocs.yml": config})
    text = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    diagnostics = Diagnostics()
    settings = load_settings("mkdocs.yml", text, {}, diagnostics)
    assert not diagnostics
    assert settings.everyone_path_note == "The shared lessons, <b>for all</b>."
    assert settings.roles["sales"].path_note == "LinkedIn first, because prospects are there."
    assert settings.roles["hr"].path_note is None

    course = load_course(_sources(tmp_path), NAV, settings.roles, 70, diagnostics)
    course.everyone_path_note = settings.everyone_path_note
    render = renderer(course.lessons)
    render.course = course
    sales = render.path(course.roles["sales"], url_for)
    assert '<p class="mc-path-section__note">LinkedIn first, because prospects are there.</p>' in (
        sales
    )
    everyone = render.path(None, url_for)
    assert "The shared lessons, &lt;b&gt;for all&lt;/b&gt;." in everyone
    assert "mc-path-section__note" not in render.path(course.roles["hr"], url_for)


def test_an_empty_or_listed_path_note_is_reported_on_its_line(tmp_path: Path) -> None:
    config = (
        "plugins:\n  - course:\n"
        "      everyone_path_note: ''\n"
        "      roles:\n"
        "        - id: sales\n          title: Sales\n          description: You sell.\n"
        "          path_note: [one, two]\n"
    )
    assert _role_errors(tmp_path, config) == [
        "mkdocs.yml:3:7: error: 'everyone_path_note' in the course plugin's settings is empty; "
        "say why the path is as it is, or remove 'everyone_path_note'",
        "mkdocs.yml:8:22: error: 'path_note' in role 1 must be text, not a list",
    ]


def test_the_guides_course_examples(tmp_path: Path) -> None:
    quiz = "lesson: sales/pitch.md\nroles: [marketing]\n" + QUESTIONS
    os_link = tmp_path / "content" / "start" / "broken-link.md"
    os_link.parent.mkdir(parents=True)
    os_link.symlink_to(tmp_path / "moved-away.md")
    _, errors = _load(
        tmp_path,
        {
            "quizzes/twitter/first-post.yml": "lesson: start/why.md\n" + QUESTIONS,
            "quizzes/linkedin/first-post.yml": "lesson: start/voice.md\n" + QUESTIONS,
            "quizzes/sales.yml": quiz,
        },
        [*NAV, "start/broken-link.md"],
    )
    assert errors == [
        "content/start/broken-link.md:1:1: error: this file cannot be read (No such file or "
        "directory)",
        "quizzes/sales.yml:1:9: error: quiz 'sales' is for marketing, but lesson "
        "'sales/pitch.md' is only for sales; give the quiz roles from the lesson's list",
        "quizzes/twitter/first-post.yml:1:1: error: quiz id 'first-post' is also used by "
        "quizzes/linkedin/first-post.yml; quiz ids must be unique in the course (set 'id:' or "
        "rename the file)",
    ]
