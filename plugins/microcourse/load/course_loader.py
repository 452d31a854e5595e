"""Assembles a whole course from its sources and checks what spans files."""

from __future__ import annotations

import functools
import os
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostics, Location
from ..model import Course, Lesson, Quiz, Role, SelfCheck
from .lesson_loader import check_page_front_matter, is_lesson_page, lesson_body, load_lesson
from .page_body_check import check_page_body
from .quiz_loader import load_quiz
from .yaml_source import suggest


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
        absolute = os.path.abspath(path)
        if absolute.startswith(self._root_prefix):
            return absolute[len(self._root_prefix) :].replace(os.sep, "/")
        return path.as_posix()

    @functools.cached_property
    def _root_prefix(self) -> str:
        return os.path.join(os.path.abspath(self.root), "")


def load_course(
    sources: CourseSources,
    page_paths: Sequence[str],
    roles: Mapping[str, Role],
    default_pass_mark: int,
    diagnostics: Diagnostics,
    page_texts: dict[str, str] | None = None,
    declared_ids: Collection[str] | None = (),
) -> Course:
    """Lessons (`page_paths`, docs-relative, in navigation order) and every quiz.

    The text of each page read is put in `page_texts`, if given, by its path.
    `declared_ids` are more role ids lessons and quizzes may use (roles the settings
    declare with a mistake, already reported); None when the settings' roles could not
    be read, so that no lesson or quiz is reported for using one.
    """
    declared = None if declared_ids is None else {*roles, *declared_ids}
    lessons: list[Lesson] = []
    for src_path in page_paths:
        path = sources.docs_dir / src_path
        display = sources.display(path)
        text = read_source(path, diagnostics, display)
        if text is None:
            continue
        if page_texts is not None:
            page_texts[src_path] = text
        lesson = load_page(src_path, display, text, diagnostics, declared)
        if lesson is not None:
            lessons.append(lesson)
    loaded = list(_load_quizzes(sources, default_pass_mark, declared, diagnostics))
    quizzes = [q for q in loaded if isinstance(q, Quiz)]
    self_checks = [q for q in loaded if isinstance(q, SelfCheck)]
    course = Course(dict(roles), lessons, quizzes, default_pass_mark, self_checks)
    _attach_quizzes(course, sources, page_paths, diagnostics)
    _attach_self_checks(course, sources, page_paths, diagnostics)
    return course


def load_page(
    src_path: str,
    display: str,
    text: str,
    diagnostics: Diagnostics,
    declared_roles: Collection[str] | None = None,
) -> Lesson | None:
    """Every check of one Markdown page: its body, and its front matter as a lesson's or a
    page's; the lesson, if it is one without mistakes."""
    body, first_line = lesson_body(text)
    check_page_body(body, display, first_line, diagnostics)
    if not is_lesson_page(src_path, text):
        check_page_front_matter(display, text, diagnostics)
        return None
    return load_lesson(src_path, display, text, diagnostics, declared_roles)


def quiz_files(
    quizzes_dir: Path, project: Path | None = None, refused: RefusedLinks | None = None
) -> list[Path]:
    names = source_files(quizzes_dir, (".yml", ".yaml"), project, refused)
    return [quizzes_dir / name for name in names]


@dataclass
class RefusedLinks:
    """Links under a source folder that the walk did not follow, and why, by path."""

    found: list[tuple[Path, str]] = field(default_factory=list)

    def report(self, sources: CourseSources, diagnostics: Diagnostics) -> None:
        for path, why in self.found:
            diagnostics.error(sources.location_of(path), why)


def source_files(
    folder: Path,
    suffixes: tuple[str, ...],
    project: Path | None = None,
    refused: RefusedLinks | None = None,
) -> list[str]:
    """Files ending in `suffixes` under `folder`, as sorted relative paths with '/'.

    Hidden files and folders (a leading '.') are left out, as MkDocs does. Links are
    followed, but each folder is walked once (two links to each other would go on for
    ever), and, if `project` is given, no link leads outside it: a link to a system file
    would otherwise be published, or quoted in a message. What is left out is put in
    `refused`.
    """
    found: list[str] = []
    inside = os.path.join(os.path.realpath(project), "") if project is not None else None
    seen: set[str] = set()

    def refuse(path: str, why: str) -> None:
        if refused is not None:
            refused.found.append((Path(path), why))

    def outside(path: str) -> bool:
        return inside is not None and not os.path.realpath(path).startswith(inside)

    for directory, folders, files in os.walk(folder, followlinks=True):
        real = os.path.realpath(directory)
        if real in seen:
            folders[:] = []
            continue
        seen.add(real)
        kept = []
        for name in sorted(folders):
            path = os.path.join(directory, name)
            if name.startswith("."):
                continue
            if os.path.islink(path):
                target = os.path.realpath(path)
                if outside(path):
                    refuse(path, _OUTSIDE.format(kind="folder"))
                    continue
                if target in seen or os.path.join(real, "").startswith(os.path.join(target, "")):
                    refuse(
                        path,
                        "this is a link to a folder the course already reads (it leads back "
                        "to itself or to another folder of the course); remove the link",
                    )
                    continue
            kept.append(name)
        folders[:] = kept
        relative = os.path.relpath(directory, folder).replace(os.sep, "/")
        prefix = "" if relative == "." else f"{relative}/"
        for name in files:
            if not name.endswith(suffixes) or name.startswith("."):
                continue
            path = os.path.join(directory, name)
            if os.path.islink(path) and outside(path):
                refuse(path, _OUTSIDE.format(kind="file"))
                continue
            found.append(prefix + name)
    return sorted(found)


_OUTSIDE = (
    "this is a link to a {kind} outside the project, and the course publishes and reads "
    "only the project's own files; copy what you need into the project instead of linking"
)


def _load_quizzes(
    sources: CourseSources,
    default_pass_mark: int,
    declared: set[str] | None,
    diagnostics: Diagnostics,
) -> Iterable[Quiz | SelfCheck]:
    seen: dict[str, Quiz | SelfCheck] = {}
    refused = RefusedLinks()
    paths = quiz_files(sources.quizzes_dir, sources.root, refused)
    refused.report(sources, diagnostics)
    for path in paths:
        display = sources.display(path)
        text = read_source(path, diagnostics, display)
        if text is None:
            continue
        quiz = load_quiz(
            display,
            text,
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
        _no_such_lesson(quiz.lesson, target, where, sorted(by_path), sources, diagnostics)


def _attach_self_checks(
    course: Course, sources: CourseSources, page_paths: Sequence[str], diagnostics: Diagnostics
) -> None:
    by_path = {lesson.src_path: lesson for lesson in course.lessons}
    for check in course.self_checks:
        target = check.lesson.strip().lstrip("/").replace("\\", "/").removeprefix("content/")
        lesson = by_path.get(target)
        if lesson is not None:
            lesson.self_checks.append(check)
            continue
        where = check.lesson_location or Location(check.source)
        if target in page_paths:
            if (sources.docs_dir / target).is_file() and not is_lesson_page(
                target, _read_text(sources.docs_dir / target)
            ):
                diagnostics.error(
                    where, f"'{check.lesson}' is a page, not a lesson; point 'lesson:' at a lesson"
                )
            continue
        _no_such_lesson(check.lesson, target, where, sorted(by_path), sources, diagnostics)


def _no_such_lesson(
    written: str,
    target: str,
    where: Location,
    lesson_paths: list[str],
    sources: CourseSources,
    diagnostics: Diagnostics,
) -> None:
    hint = suggest(target, lesson_paths)
    diagnostics.error(
        where,
        f"lesson '{written}' does not exist; {hint}'lesson:' is a path under "
        f"{sources.display(sources.docs_dir)}/, like "
        f"'{lesson_paths[0] if lesson_paths else 'module/lesson.md'}'",
    )


def read_source(path: Path, diagnostics: Diagnostics, display: str) -> str | None:
    """A source file's text, or None (reported) if it is not readable UTF-8 text."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        diagnostics.error(Location(display), f"this file cannot be read ({exc.strerror})")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8-sig", errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        diagnostics.error(
            Location(display, line, column),
            f"this file is not UTF-8 text (byte {exc.start}); save it as UTF-8",
        )
        return None


def _read_text(path: Path) -> str:
    """Text for a second look at a file already read (or reported) once."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return ""
