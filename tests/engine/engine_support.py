"""Shared helpers for the engine tests: the golden data folders, a renderer, the model as data."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2

from microcourse.diagnostics import Diagnostics
from microcourse.load.quiz_loader import load_quiz
from microcourse.model import Course, Lesson, Quiz, Role
from microcourse.render.rendering import CourseRenderer, template_loader
from microcourse.render.safe_markdown import SafeMarkdown
from microcourse.strings import interface_strings

TESTS = Path(__file__).resolve().parents[1]
GOLDEN = TESTS / "golden"

DECLARED_ROLES = frozenset({"customer-service", "sales", "leadership", "hr", "marketing"})
ROLES = {
    "customer-service": Role("customer-service", "Customer service", "You answer customers."),
    "sales": Role("sales", "Sales", "You build relationships with prospects."),
    "leadership": Role("leadership", "Leadership", "You lead a team."),
    "hr": Role("hr", "HR and recruiting", "You hire and onboard."),
    "marketing": Role("marketing", "Marketing and communications", "You tell our story."),
}
DEFAULT_PASS_MARK = 80

# The site's Markdown settings, as in the project's mkdocs.yml.
MARKDOWN_EXTENSIONS: list[Any] = [
    "admonition",
    "attr_list",
    "def_list",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.superfences",
]
MARKDOWN_CONFIGS = {"toc": {"permalink": True}}


def read_source(path: Path) -> str:
    """A source file's text exactly as the course loader reads it."""
    return path.read_bytes().decode("utf-8-sig")


def load_quiz_text(
    text: str, name: str = "quiz", diagnostics: Diagnostics | None = None
) -> tuple[Quiz | None, Diagnostics]:
    """Load quiz text as `quizzes/<name>.yml`, with the course's five roles declared."""
    diagnostics = Diagnostics() if diagnostics is None else diagnostics
    quiz = load_quiz(
        f"quizzes/{name}.yml",
        text,
        diagnostics,
        default_id=name,
        default_pass_mark=DEFAULT_PASS_MARK,
        declared_roles=DECLARED_ROLES,
    )
    return quiz, diagnostics


def load_good_quiz(text: str, name: str = "quiz") -> Quiz:
    quiz, diagnostics = load_quiz_text(text, name)
    assert not diagnostics, diagnostics.report()
    assert quiz is not None
    return quiz


def error_lines(diagnostics: Diagnostics) -> list[str]:
    """Every diagnostic in source order; repeats are kept, so a message reported twice shows."""
    return [str(d) for d in sorted(diagnostics.items)]


def quiz_data(quiz: Quiz) -> dict[str, object]:
    """The parsed quiz as plain data (no source locations), to compare with a golden file."""
    return {
        "id": quiz.id,
        "title": quiz.title,
        "lesson": quiz.lesson,
        "roles": list(quiz.roles),
        "pass_mark": quiz.pass_mark,
        "shuffle": quiz.shuffle,
        "questions": [
            {
                "id": q.id,
                "type": q.type,
                "prompt": q.prompt,
                "options": [
                    {"text": o.text, "correct": o.correct, "feedback": o.feedback}
                    for o in q.options
                ],
                "answer": q.answer,
                "explanation": q.explanation,
                "post": None
                if q.post is None
                else {
                    "platform": q.post.platform,
                    "author": q.post.author,
                    "handle": q.post.handle,
                    "text": q.post.text,
                },
                "roles": list(q.roles),
            }
            for q in quiz.questions
        ],
    }


def safe_markdown() -> SafeMarkdown:
    return SafeMarkdown(MARKDOWN_EXTENSIONS, MARKDOWN_CONFIGS)


def renderer(
    lessons: list[Lesson] | None = None, quizzes: list[Quiz] | None = None
) -> CourseRenderer:
    """The engine's renderer on its own templates, English strings and the five roles."""
    env = jinja2.Environment(loader=template_loader())
    course = Course(dict(ROLES), lessons or [], quizzes or [], DEFAULT_PASS_MARK)
    return CourseRenderer(env, safe_markdown(), interface_strings("en", {}), course)


def lesson(src_path: str = "twitter/first-post.md", **fields: Any) -> Lesson:
    values: dict[str, Any] = {"title": "Your first post", "summary": "Post it.", "minutes": 5}
    values.update(fields)
    return Lesson(src_path=src_path, **values)


def url_for(docs_path: str) -> str:
    """A site URL for a docs-relative path, the way MkDocs makes directory URLs."""
    if docs_path.endswith(".md"):
        page = docs_path.removesuffix(".md")
        if page == "index" or page.endswith("/index"):
            page = page.removesuffix("index").rstrip("/")
        return f"/{page}/" if page else "/"
    return "/" + docs_path


def normalise_html(html: str) -> str:
    """Whitespace runs become one space, and none is kept between tags."""
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()
