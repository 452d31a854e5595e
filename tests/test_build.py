"""Real builds of the course with real MkDocs, including the ones that must fail."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from tests.conftest import ROOT


def run(
    *args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
        timeout=timeout,
    )


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def quiz_files() -> list[Path]:
    return sorted((ROOT / "quizzes").rglob("*.yml"))


def test_the_course_builds_strictly_with_every_quiz_on_its_lesson(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = run("-m", "mkdocs", "build", "--strict", "-d", str(site), cwd=ROOT)
    assert result.returncode == 0, result.stderr

    for quiz_file in quiz_files():
        quiz = yaml.safe_load(quiz_file.read_text())
        quiz_id = quiz.get("id", quiz_file.stem)
        lesson_dir = site / quiz["lesson"].removesuffix(".md")
        page = BeautifulSoup((lesson_dir / "index.html").read_text(), "html.parser")
        if quiz.get("type") == "self_check":
            section = page.find("section", attrs={"data-mc-self-check": quiz_id})
            assert section is not None, f"self-check {quiz_id} is missing from {lesson_dir}"
            assert len(section.find_all("fieldset")) == len(quiz["prompts"])
            continue
        section = page.find("section", attrs={"data-mc-quiz": quiz_id})
        assert section is not None, f"quiz {quiz_id} is missing from {lesson_dir}"
        assert len(section.find_all("fieldset")) == len(quiz["questions"])

    roles = yaml.safe_load((ROOT / "mkdocs.yml").read_text().replace("!ENV", ""))["plugins"][1][
        "course"
    ]["roles"]
    paths = BeautifulSoup((site / "paths" / "index.html").read_text(), "html.parser")
    for role in ["everyone", *(r["id"] for r in roles)]:
        assert paths.select_one(f"section#path-{role} ol.mc-path[data-mc-path={role}]")
    for asset in (
        "course.js",
        "course.css",
        "config.js",
        "course-extras.js",
        "course-extras.css",
        "course-posts.css",
    ):
        assert (site / "assets" / "course" / asset).is_file()


def test_a_learning_path_lists_shared_and_role_lessons_in_nav_order(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert run("-m", "mkdocs", "build", "-q", "-d", str(site), cwd=ROOT).returncode == 0
    page = BeautifulSoup((site / "paths" / "index.html").read_text(), "html.parser")
    listed = [li["data-mc-lesson"] for li in page.select("#path-sales ol.mc-path > li")]
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text().replace("!ENV", ""))["nav"]
    in_nav: list[str] = []

    def walk(item: object) -> None:
        if isinstance(item, str) and item.endswith(".md"):
            in_nav.append(item.removesuffix(".md"))
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(nav)
    expected = []
    for lesson_id in in_nav:
        text = (ROOT / "content" / f"{lesson_id}.md").read_text()
        if not text.startswith("---"):
            continue
        meta = yaml.safe_load(text.split("---", 2)[1])
        if meta.get("type") == "page":
            continue
        if not meta.get("roles") or "sales" in meta["roles"]:
            expected.append(lesson_id)
    assert listed == expected
    assert "tracks/sales" in listed and "tracks/leadership" not in listed


def break_a_quiz(course: Path) -> Path:
    quiz = course / "quizzes" / "twitter" / "first-post.yml"
    text = quiz.read_text()
    quiz.write_text(text.replace("correct: true", "corect: true", 1))
    return quiz


def test_search_finds_lessons_by_their_words_not_by_their_quizzes(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert run("-m", "mkdocs", "build", "-q", "-d", str(site), cwd=ROOT).returncode == 0
    index = json.loads((site / "search" / "search_index.json").read_text())
    indexed = " ".join(
        f"{doc['title']} {doc['text']}"
        for doc in index["docs"]
        if doc["location"].startswith("twitter/first-post/")
    )
    quiz = yaml.safe_load((ROOT / "quizzes" / "twitter" / "first-post.yml").read_text())
    lesson = (ROOT / "content" / "twitter" / "first-post.md").read_text()
    objectives = yaml.safe_load(lesson.split("---")[1])["objectives"]
    body_sentence = "A post on X is short by design."
    assert body_sentence in lesson
    assert body_sentence in indexed
    for question in quiz["questions"]:
        assert question["prompt"].strip() not in indexed
    assert objectives and all(objective not in indexed for objective in objectives)
    # The paths page is found by its chooser, not once per path for every lesson it lists.
    paths_entries = [doc for doc in index["docs"] if doc["location"].startswith("paths/")]
    assert [doc["location"] for doc in paths_entries] == ["paths/"]
    summary = yaml.safe_load(lesson.split("---")[1])["summary"]
    assert summary not in paths_entries[0]["text"]


def test_a_lesson_saved_with_windows_line_endings_builds_the_same(course_copy: Path) -> None:
    # The course hands MkDocs the lesson text it read; it must be what MkDocs would read.
    lesson = course_copy / "content" / "twitter" / "first-post.md"
    built = []
    for name in ("unix", "windows"):
        if name == "windows":
            lesson.write_bytes(lesson.read_bytes().replace(b"\n", b"\r\n"))
        site = course_copy / f"site-{name}"
        result = run("-m", "mkdocs", "build", "-q", "-d", str(site), cwd=course_copy)
        assert result.returncode == 0, result.stderr
        built.append((site / "twitter" / "first-post" / "index.html").read_text())
    assert b"\r\n" in lesson.read_bytes()
    assert built[0] == built[1]


def test_a_broken_quiz_stops_the_build_with_located_errors_and_no_traceback(
    course_copy: Path,
) -> None:
    quiz = break_a_quiz(course_copy)
    line = next(n for n, text in enumerate(quiz.read_text().splitlines(), 1) if "corect:" in text)
    result = run("-m", "mkdocs", "build", "-d", str(course_copy / "site"), cwd=course_copy)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert f"quizzes/twitter/first-post.yml:{line}:" in result.stderr
    assert "unknown key 'corect'" in result.stderr and "did you mean 'correct'?" in result.stderr


def test_a_failed_build_leaves_the_earlier_site_untouched(course_copy: Path) -> None:
    site = course_copy / "site"
    first = run("-m", "microcourse.cli.safe_build", str(site), cwd=course_copy)
    assert first.returncode == 0, first.stderr
    before = snapshot(site)
    assert "index.html" in before

    break_a_quiz(course_copy)
    # The plugin stops before MkDocs empties the folder, even for a plain build...
    plain = run("-m", "mkdocs", "build", "-d", str(site), cwd=course_copy)
    assert plain.returncode != 0
    assert snapshot(site) == before
    # ...and the safe build keeps it whatever fails, here a strict-mode warning.
    (course_copy / "quizzes" / "twitter" / "first-post.yml").write_text(
        (ROOT / "quizzes" / "twitter" / "first-post.yml").read_text()
    )
    lesson = course_copy / "content" / "start" / "why-it-matters.md"
    lesson.write_text(lesson.read_text() + "\nSee [a missing page](nowhere.md).\n")
    strict = run("-m", "microcourse.cli.safe_build", str(site), cwd=course_copy)
    assert strict.returncode != 0
    assert snapshot(site) == before
    assert not (course_copy / ".site-building").exists()


def test_course_check_validates_without_building(course_copy: Path) -> None:
    ok = run("-m", "microcourse.cli.check_command", cwd=course_copy)
    assert ok.returncode == 0, ok.stderr
    assert not (course_copy / "site").exists()

    quiz = break_a_quiz(course_copy)
    broken = run(
        "-m", "microcourse.cli.check_command", cwd=course_copy, env={"GITHUB_ACTIONS": "true"}
    )
    assert broken.returncode == 1
    assert "Traceback" not in broken.stderr
    errors = [line for line in broken.stderr.splitlines() if ": error: " in line]
    assert errors and all(line.startswith("quizzes/twitter/first-post.yml:") for line in errors)
    annotations = [line for line in broken.stdout.splitlines() if line.startswith("::error ")]
    assert len(annotations) == len(errors)
    assert all("file=quizzes/twitter/first-post.yml,line=" in a for a in annotations)
    assert quiz.exists()


def test_course_markup_has_no_inline_scripts_or_event_handlers(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert run("-m", "mkdocs", "build", "-q", "-d", str(site), cwd=ROOT).returncode == 0
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 30
    for page_file in pages:
        page = BeautifulSoup(page_file.read_text(), "html.parser")
        for tag in page.find_all(True):
            handlers = [name for name in tag.attrs if name.lower().startswith("on")]
            assert not handlers, f"{page_file}: <{tag.name} {handlers}>"
        article = page.select_one("article.md-content__inner")
        if article is not None:
            assert not article.find_all("script"), f"{page_file}: a script in the content"
        for script in page.find_all("script", src=True):
            assert "://" not in script["src"], f"{page_file}: {script['src']} is not local"


def test_properdocs_builds_the_same_course(tmp_path: Path) -> None:
    """Our guard for Material's end of life: the maintained MkDocs fork builds it too."""
    with_mkdocs, with_properdocs = tmp_path / "mkdocs", tmp_path / "properdocs"
    assert run("-m", "mkdocs", "build", "-q", "-d", str(with_mkdocs), cwd=ROOT).returncode == 0
    result = run(
        "-m",
        "properdocs",
        "build",
        "--strict",
        "-f",
        "mkdocs.yml",
        "-d",
        str(with_properdocs),
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(
        p.relative_to(with_properdocs) for p in with_properdocs.rglob("*.html")
    ) == sorted(p.relative_to(with_mkdocs) for p in with_mkdocs.rglob("*.html"))
    lesson = BeautifulSoup(
        (with_properdocs / "twitter" / "first-post" / "index.html").read_text(), "html.parser"
    )
    quiz = lesson.select_one("section.mc-quiz[data-mc-answers]")
    assert quiz is not None and quiz.select("fieldset.mc-question")
    assert (
        with_properdocs / "assets" / "course" / "answers" / str(quiz["data-mc-answers"])
    ).is_file()


def test_a_quiz_review_warning_fails_the_strict_check_and_build(course_copy: Path) -> None:
    quiz = course_copy / "quizzes" / "start" / "your-own-voice.yml"
    text = quiz.read_text()
    assert "fine **not** to post" in text
    quiz.write_text(text.replace("fine **not** to post", "fine not to post"))
    line = next(n for n, row in enumerate(quiz.read_text().splitlines(), 1) if "fine not" in row)

    strict = run("-m", "microcourse.cli.check_command", cwd=course_copy)
    assert strict.returncode == 1
    warnings = [row for row in strict.stderr.splitlines() if ": warning: " in row]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"quizzes/start/your-own-voice.yml:{line}:")
    assert warnings[0].endswith("[negative-prompt]")

    lenient = run("-m", "microcourse.cli.check_command", "--no-strict", cwd=course_copy)
    assert lenient.returncode == 0
    assert lenient.stderr.splitlines() == warnings

    build = run("-m", "mkdocs", "build", "--strict", "--site-dir", "site", cwd=course_copy)
    assert build.returncode != 0
    assert f"quizzes/start/your-own-voice.yml:{line}:" in build.stderr
    assert "Traceback" not in build.stderr


def test_the_safe_build_takes_only_options_that_keep_it_strict_and_complete(
    course_copy: Path,
) -> None:
    site = course_copy / "site"
    first = run("-m", "microcourse.cli.safe_build", str(site), cwd=course_copy)
    assert first.returncode == 0, first.stderr
    before = snapshot(site)
    lesson = course_copy / "content" / "start" / "why-it-matters.md"
    lesson.write_text(lesson.read_text() + "\nSee [a missing page](nowhere.md).\n")

    # -q would stop MkDocs counting warnings, and so publish this broken site.
    quiet = run("-m", "microcourse.cli.safe_build", str(site), "-q", cwd=course_copy)
    assert quiet.returncode != 0
    assert "nowhere.md" in quiet.stderr and "INFO" not in quiet.stderr
    assert snapshot(site) == before

    # Another site folder is where the site goes, and a failed build leaves both alone.
    elsewhere = course_copy / "elsewhere"
    moved = run(
        "-m", "microcourse.cli.safe_build", str(site), "--site-dir", str(elsewhere), cwd=course_copy
    )
    assert moved.returncode != 0 and "Traceback" not in moved.stderr
    assert snapshot(site) == before and not elsewhere.exists()

    for refused in (["--dirty"], ["--no-strict"], ["--theme", "mkdocs"], ["-s"]):
        result = run("-m", "microcourse.cli.safe_build", str(site), *refused, cwd=course_copy)
        assert result.returncode == 2, refused
        assert result.stderr.count("\n") == 1 and "accepts -f/--config-file" in result.stderr
        assert snapshot(site) == before

    project = run("-m", "microcourse.cli.safe_build", str(course_copy), cwd=course_copy)
    assert project.returncode == 2 and "holds the project itself" in project.stderr
    assert (course_copy / "mkdocs.yml").is_file()

    lesson.write_text(lesson.read_text().replace("\nSee [a missing page](nowhere.md).\n", ""))
    built = run(
        "-m", "microcourse.cli.safe_build", str(site), "-d", str(elsewhere), "-q", cwd=course_copy
    )
    assert built.returncode == 0, built.stderr
    assert (elsewhere / "index.html").is_file() and snapshot(site) == before


def test_a_site_built_without_its_address_names_no_address_at_all(tmp_path: Path) -> None:
    """Deployed as it is, such a site must not send crawlers or links to loopback."""
    env = {key: value for key, value in os.environ.items() if key != "COURSE_SITE_URL"}
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    loopbacks = ("127.0.0.1", "localhost", "[::1]")
    for page_file in site.rglob("*.html"):
        page = BeautifulSoup(page_file.read_text(), "html.parser")
        for tag in page.find_all(True):
            for name, value in tag.attrs.items():
                shown = " ".join(value) if isinstance(value, list) else str(value)
                assert not any(host in shown for host in loopbacks), (
                    f"{page_file}: {tag.name} {name}"
                )
        for script in page.find_all("script"):
            assert not any(host in script.get_text() for host in loopbacks), page_file
    for xml in site.rglob("*.xml"):
        assert not any(host in xml.read_text() for host in loopbacks), xml
    lesson = BeautifulSoup(
        (site / "start" / "why-it-matters" / "index.html").read_text(), "html.parser"
    )
    assert lesson.find("link", rel="canonical") is None
    assert "<loc>" not in (site / "sitemap.xml").read_text()

    built_for = "https://intranet.example.com/learning/social/"
    addressed = tmp_path / "addressed"
    assert (
        run(
            "-m",
            "mkdocs",
            "build",
            "-q",
            "-d",
            str(addressed),
            cwd=ROOT,
            env={"COURSE_SITE_URL": built_for},
        ).returncode
        == 0
    )
    lesson = BeautifulSoup(
        (addressed / "start" / "why-it-matters" / "index.html").read_text(), "html.parser"
    )
    canonical = lesson.find("link", rel="canonical")
    assert canonical is not None and canonical["href"] == f"{built_for}start/why-it-matters/"
    assert f"<loc>{built_for}</loc>" in (addressed / "sitemap.xml").read_text()
