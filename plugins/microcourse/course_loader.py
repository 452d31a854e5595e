"""Assembles a whole course from its sources and checks what spans files."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from .diagnostics import Diagnostics, Location
from .lesson_loader import is_lesson_page, load_lesson
from .model import Course, Lesson, Quiz, Role
from .quiz_loader import load_quiz
from .yaml_source import node_location, suggest

RESERVED_ROLE_IDS = {"everyone"}
ROLE_KEYS = ["id", "title", "description"]
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
    role_nodes = _role_nodes(_read_text(sources.config_file))

    def where(number: int) -> Location:
        if role_nodes is not None and number <= len(role_nodes):
            return node_location(config_path, role_nodes[number - 1])
        return Location(config_path)

    if not isinstance(raw_roles, list):
        diagnostics.error(
            where(0),
            "the course plugin's 'roles' must be a list of roles, each with id, title "
            "and description",
        )
        return {}
    roles: dict[str, Role] = {}
    for number, raw in enumerate(raw_roles, start=1):
        if not isinstance(raw, dict):
            diagnostics.error(
                where(number), f"role {number} must have 'id', 'title' and 'description'"
            )
            continue
        for key in sorted(set(raw) - set(ROLE_KEYS)):
            diagnostics.error(
                where(number),
                f"unknown key '{key}' in role {number}; "
                f"{suggest(key, ROLE_KEYS)}a role has id, title and description",
            )
        role_id, title, description = raw.get("id"), raw.get("title"), raw.get("description")
        if not isinstance(role_id, str) or not _ROLE_ID.fullmatch(role_id):
            diagnostics.error(
                where(number),
                f"role {number} needs an 'id' of lowercase letters, digits and hyphens "
                f"(like 'customer-service'), not {role_id!r}",
            )
            continue
        if role_id in RESERVED_ROLE_IDS:
            diagnostics.error(
                where(number),
                f"'{role_id}' is built in (content without roles is for everyone); "
                "remove this role",
            )
            continue
        if role_id in roles:
            diagnostics.error(where(number), f"role '{role_id}' is declared twice; keep one")
            continue
        for key, value in (("title", title), ("description", description)):
            if not isinstance(value, str) or not value.strip():
                diagnostics.error(
                    where(number), f"role '{role_id}' needs a '{key}' (one line of text)"
                )
        if isinstance(title, str) and isinstance(description, str):
            roles[role_id] = Role(role_id, title.strip(), description.strip())
    return roles


def _role_nodes(config_text: str) -> list[yaml.Node] | None:
    """The YAML nodes of `plugins: - course: roles:` in mkdocs.yml, to place messages."""
    try:
        root = yaml.compose(config_text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return None

    def value(node: yaml.Node | None, key: str) -> yaml.Node | None:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                    found: yaml.Node = value_node
                    return found
        return None

    plugins = value(root, "plugins")
    items = plugins.value if isinstance(plugins, yaml.SequenceNode) else []
    for item in items:
        roles = value(value(item, "course"), "roles")
        if isinstance(roles, yaml.SequenceNode):
            return list(roles.value)
    return None


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
        text = read_source(path, diagnostics, sources.display(path))
        if text is None or not is_lesson_page(src_path, text):
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
        lesson_paths = sorted(by_path)
        hint = suggest(target, lesson_paths)
        diagnostics.error(
            where,
            f"lesson '{quiz.lesson}' does not exist; {hint}'lesson:' is a path under "
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
