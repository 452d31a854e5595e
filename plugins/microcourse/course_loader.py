"""Assembles a whole course from its sources and checks what spans files."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostics, Location
from .lesson_loader import is_lesson_page, load_lesson
from .model import Course, Lesson, Quiz, Role
from .quiz_loader import load_quiz
from .yaml_source import suggest

RESERVED_ROLE_IDS = {"everyone"}
_ROLE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class CourseSources:
    """Where a course lives; every path shown to authors is relative to `root`."""

    root: Path
    docs_dir: Path
    quizzes_dir: Path
    config_file: Path

    def location_of(self, path: Path) -> Location:
        return Location(self.display(path))

    def display(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


def load_roles(
    raw_roles: object, sources: CourseSources, diagnostics: Diagnostics
) -> dict[str, Role]:
    """The roles declared in mkdocs.yml; the everyone role is implicit."""
    config_path = sources.display(sources.config_file)
    config_text = _read_text(sources.config_file)
    if not isinstance(raw_roles, list):
        diagnostics.error(
            _locate(config_text, config_path, "roles:"),
            "the course plugin's 'roles' must be a list of roles, each with id, title "
            "and description",
        )
        return {}
    roles: dict[str, Role] = {}
    for number, raw in enumerate(raw_roles, start=1):
        where = _locate(
            config_text, config_path, f"id: {raw.get('id')}" if isinstance(raw, dict) else "roles:"
        )
        if not isinstance(raw, dict):
            diagnostics.error(where, f"role {number} must have 'id', 'title' and 'description'")
            continue
        unknown = sorted(set(raw) - {"id", "title", "description"})
        for key in unknown:
            diagnostics.error(
                where,
                f"unknown key '{key}' in role {number}; "
                f"{suggest(key, ['id', 'title', 'description'])}a role has id, title and description",
            )
        role_id, title, description = raw.get("id"), raw.get("title"), raw.get("description")
        if not isinstance(role_id, str) or not _ROLE_ID.fullmatch(role_id):
            diagnostics.error(
                where,
                f"role {number} needs an 'id' of lowercase letters, digits and hyphens "
                f"(like 'customer-service'), not {role_id!r}",
            )
            continue
        if role_id in RESERVED_ROLE_IDS:
            diagnostics.error(
                where,
                f"'{role_id}' is built in (content without roles is for everyone); "
                "remove this role",
            )
            continue
        if role_id in roles:
            diagnostics.error(where, f"role '{role_id}' is declared twice; keep one")
            continue
        for key, value in (("title", title), ("description", description)):
            if not isinstance(value, str) or not value.strip():
                diagnostics.error(where, f"role '{role_id}' needs a '{key}' (one line of text)")
        if isinstance(title, str) and isinstance(description, str):
            roles[role_id] = Role(role_id, title.strip(), description.strip())
    return roles


def load_course(
    sources: CourseSources,
    page_paths: Sequence[str],
    roles: Mapping[str, Role],
    default_pass_mark: int,
    diagnostics: Diagnostics,
) -> Course:
    """Lessons (`page_paths`, docs-relative, in navigation order) and every quiz."""
    declared = set(roles)
    lessons: list[Lesson] = []
    for src_path in page_paths:
        path = sources.docs_dir / src_path
        text = _read_text(path, diagnostics, sources.display(path))
        if not is_lesson_page(src_path, text):
            continue
        lesson = load_lesson(src_path, sources.display(path), text, diagnostics, declared)
        if lesson is not None:
            lessons.append(lesson)
    quizzes = list(_load_quizzes(sources, default_pass_mark, declared, diagnostics))
    course = Course(dict(roles), lessons, quizzes, default_pass_mark)
    _attach_quizzes(course, sources, page_paths, diagnostics)
    return course


def quiz_files(quizzes_dir: Path) -> list[Path]:
    if not quizzes_dir.is_dir():
        return []
    found = [
        p
        for p in quizzes_dir.rglob("*")
        if p.suffix in (".yml", ".yaml")
        and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(quizzes_dir).parts)
    ]
    return sorted(found)


def _load_quizzes(
    sources: CourseSources,
    default_pass_mark: int,
    declared: set[str],
    diagnostics: Diagnostics,
) -> Iterable[Quiz]:
    seen: dict[str, Quiz] = {}
    for path in quiz_files(sources.quizzes_dir):
        display = sources.display(path)
        quiz = load_quiz(
            display,
            _read_text(path, diagnostics, display),
            diagnostics,
            default_id=path.stem,
            default_pass_mark=default_pass_mark,
            declared_roles=declared,
        )
        if quiz is None:
            continue
        if quiz.id in seen:
            first = seen[quiz.id]
            diagnostics.error(
                quiz.id_location or Location(display),
                f"quiz id '{quiz.id}' is also used by {first.source}; quiz ids must be "
                "unique in the course (set 'id:' or rename the file)",
            )
            continue
        seen[quiz.id] = quiz
        yield quiz


def _attach_quizzes(
    course: Course, sources: CourseSources, page_paths: Sequence[str], diagnostics: Diagnostics
) -> None:
    by_path = {lesson.src_path: lesson for lesson in course.lessons}
    for quiz in course.quizzes:
        target = quiz.lesson.strip().lstrip("/").replace("\\", "/")
        if target.startswith("content/"):
            target = target.removeprefix("content/")
        lesson = by_path.get(target)
        if lesson is not None:
            # A quiz without roles takes its lesson's; one with roles must fit them.
            outside = [r for r in quiz.roles if lesson.roles and r not in lesson.roles]
            if outside:
                diagnostics.error(
                    quiz.lesson_location or Location(quiz.source),
                    f"quiz '{quiz.id}' is for {', '.join(outside)}, but lesson '{quiz.lesson}' is only "
                    f"for {', '.join(lesson.roles)}; give the quiz roles from the lesson's list",
                )
                continue
            lesson.quizzes.append(quiz)
            continue
        where = quiz.lesson_location or Location(quiz.source)
        if target in page_paths:
            if (sources.docs_dir / target).is_file() and not is_lesson_page(
                target, _read_text(sources.docs_dir / target)
            ):
                diagnostics.error(
                    where,
                    f"'{quiz.lesson}' is a page, not a lesson; point 'lesson:' at a lesson",
                )
            continue  # the lesson itself has errors, already reported
        lesson_paths = sorted(by_path)
        hint = suggest(target, lesson_paths)
        diagnostics.error(
            where,
            f"lesson '{quiz.lesson}' does not exist; {hint}'lesson:' is a path under "
            f"{sources.display(sources.docs_dir)}/, like "
            f"'{lesson_paths[0] if lesson_paths else 'module/lesson.md'}'",
        )


def _locate(text: str, path: str, needle: str) -> Location:
    for number, line in enumerate(text.splitlines(), start=1):
        column = line.find(needle)
        if column >= 0:
            return Location(path, number, column + 1)
    return Location(path)


def _read_text(path: Path, diagnostics: Diagnostics | None = None, display: str = "") -> str:
    """A source file's text; an unreadable one is reported and read as empty."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        problem = f"this file is not UTF-8 text (byte {exc.start}); save it as UTF-8"
    except OSError as exc:
        problem = f"this file cannot be read ({exc.strerror})"
    if diagnostics is not None:
        diagnostics.error(Location(display or path.as_posix()), problem)
    return ""


def relative_posix(path: Path, start: Path) -> str:
    return Path(os.path.relpath(path, start)).as_posix()
