"""Sources an author (or a hostile contributor) can put in the folders: links that lead out
of the project or round in circles. Each is refused with a located message, promptly,
and nothing behind them is read, quoted or published."""

from __future__ import annotations

import os
from pathlib import Path

from tests.test_build import run, snapshot

SECRET = "TOPSECRET-do-not-print"
OUTSIDE = (
    "this is a link to a {} outside the project, and the course publishes and reads only the "
    "project's own files; copy what you need into the project instead of linking"
)
LOOP = (
    "this is a link to a folder the course already reads (it leads back to itself or to "
    "another folder of the course); remove the link"
)


def _outside(course: Path) -> Path:
    outside = course.parent / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text(f"---\ntitle: [{SECRET}\n---\n{SECRET}\n")
    (outside / "secret.yml").write_text(f"{SECRET}: [\n")
    (outside / "secret.vtt").write_text(f"WEBVTT\n\n{SECRET}\n")
    (outside / "folder").mkdir()
    (outside / "folder" / "more.yml").write_text(f"{SECRET}: [\n")
    return outside


def test_links_out_of_the_project_are_refused_and_never_read(course_copy: Path) -> None:
    outside = _outside(course_copy)
    links = {
        "content/leak.md": outside / "secret.md",
        "content/media/leak.vtt": outside / "secret.vtt",
        "quizzes/leak.yml": outside / "secret.yml",
        "quizzes/folder": outside / "folder",
    }
    for link, target in links.items():
        os.symlink(target, course_copy / link)
    # A link inside the project is fine: the course may share a file between folders.
    os.symlink("../twitter/first-post.yml", course_copy / "quizzes" / "start" / "not-a-quiz.txt")

    check = run(
        "-m", "microcourse.cli.check_command", cwd=course_copy, env={"GITHUB_ACTIONS": "true"}
    )
    assert check.returncode == 1
    assert "Traceback" not in check.stderr
    assert SECRET not in check.stdout + check.stderr
    errors = [line for line in check.stderr.splitlines() if ": error: " in line]
    assert sorted(line.split(":", 1)[0] for line in errors) == sorted(links)
    kinds = {"quizzes/folder": "folder"}
    for line in errors:
        path = line.split(":", 1)[0]
        assert line == f"{path}:1:1: error: {OUTSIDE.format(kinds.get(path, 'file'))}"

    site = course_copy / "site"
    build = run("-m", "microcourse.cli.safe_build", str(site), cwd=course_copy)
    assert build.returncode != 0
    assert SECRET not in build.stdout + build.stderr
    assert not site.exists()


def test_folder_links_that_go_round_in_circles_are_walked_once(course_copy: Path) -> None:
    os.symlink(".", course_copy / "quizzes" / "again")
    os.symlink("..", course_copy / "quizzes" / "twitter" / "up")
    os.symlink("..", course_copy / "content" / "start" / "up")
    check = run("-m", "microcourse.cli.check_command", cwd=course_copy, timeout=120)
    assert check.returncode == 1
    errors = [line for line in check.stderr.splitlines() if ": error: " in line]
    assert sorted(line.split(":", 1)[0] for line in errors) == [
        "content/start/up",
        "quizzes/again",
        "quizzes/twitter/up",
    ]
    assert all(line.endswith(f":1:1: error: {LOOP}") for line in errors)

    site = course_copy / "site"
    site.mkdir()
    (site / "index.html").write_text("the earlier site")
    before = snapshot(site)
    build = run("-m", "microcourse.cli.safe_build", str(site), cwd=course_copy, timeout=120)
    assert build.returncode != 0
    assert "content/start/up:1:1: error:" in build.stderr
    assert snapshot(site) == before
