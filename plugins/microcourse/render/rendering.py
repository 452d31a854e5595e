"""Turns the course model into HTML: what course.js reads through `markup`, and the
presentation-only fragments (videos, post mock-ups) through overridable Jinja
templates (templates/course/)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

import jinja2
from markupsafe import Markup, escape

from ..model import Course, Lesson, Post, Question, Quiz, Role, SelfCheck, Signoff, Video
from .answer_key import answer_files, answer_key_json, encode
from .extras_markup import (
    LessonLink,
    RatingView,
    SelfCheckPromptView,
    SelfCheckView,
    record_html,
    self_check_html,
    signoff_html,
)
from .markup import (
    PathChoiceView,
    PathLessonView,
    QuestionView,
    QuizView,
    RoleChoiceView,
    lesson_header_html,
    path_chooser_html,
    path_html,
    quiz_html,
    rolebar_html,
)
from .safe_markdown import SafeMarkdown

PLATFORM_NAMES = {
    "x": "X",
    "linkedin": "LinkedIn",
    "facebook": "Facebook",
    "instagram": "Instagram",
}
_POST_TOKEN = re.compile(r"(?<![\w@#])([#@][A-Za-z0-9_]+)")
_BLOCK_TAG = re.compile(r"<(p|ul|ol|pre|table|div|blockquote|h\d)\b")

EVERYONE = "everyone"  # the path of the lessons without roles, beside the roles' own

UrlFor = Callable[[str], str]
"""Maps a docs-relative path (`twitter/first-post.md`, `media/a.mp4`) to a URL from the page."""


def template_loader() -> jinja2.BaseLoader:
    """The engine's own fragments, for use without a theme (tests, other adapters)."""
    return jinja2.PackageLoader("microcourse", "templates")


@dataclass
class CourseRenderer:
    env: jinja2.Environment
    markdown: SafeMarkdown
    strings: Mapping[str, str]
    course: Course
    language: str = "en"
    _templates: dict[str, jinja2.Template] = field(default_factory=dict, init=False, repr=False)
    _rolebar: str | None = field(default=None, init=False, repr=False)
    # By quiz id, worked out once: the quiz, its answer file and config.js all need them.
    fingerprints: dict[str, str] = field(init=False, repr=False)
    answer_files: dict[str, str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.fingerprints = {q.id: q.answer_key_fingerprint() for q in self.course.quizzes}
        self.answer_files = answer_files(self.course, self.fingerprints)

    def fingerprint(self, quiz: Quiz) -> str:
        return self.fingerprints.get(quiz.id) or quiz.answer_key_fingerprint()

    def _render(self, template: str, **context: object) -> str:
        # Looked up once: a theme's environment checks the file on disk at every lookup.
        if template not in self._templates:
            self._templates[template] = self.env.get_template(template)
        return self._templates[template].render(strings=self.strings, **context)

    def role_titles(self, role_ids: tuple[str, ...]) -> list[str]:
        return [self.course.roles[r].title if r in self.course.roles else r for r in role_ids]

    def quiz(self, quiz: Quiz, lesson: Lesson, url_for: UrlFor) -> str:
        """The quiz's markup; links in its Markdown are relative to its lesson."""
        with self.markdown.resolving_links(page_link_resolver(lesson.src_path, url_for)):
            anchor = f"quiz-{quiz.id}"
            view = QuizView(
                id=quiz.id,
                anchor=anchor,
                lesson_id=lesson.id,
                title=quiz.title or self.strings["quiz_title"],
                roles=quiz.roles,
                role_titles=self.role_titles(quiz.roles),
                pass_mark=quiz.pass_mark,
                fingerprint=self.fingerprint(quiz),
                answer_file=self.answer_file(quiz),
                shuffle=quiz.shuffle,
                questions=[self._question(q, anchor) for q in quiz.questions],
            )
        return quiz_html(view, self.strings)

    def answer_file(self, quiz: Quiz) -> str:
        """Where the quiz's key goes, under assets/course/answers/ (one of its own if the
        quiz is on no lesson of the course, as in a test)."""
        return self.answer_files.get(quiz.id) or f"{quiz.id}.json"

    def answer_key(self, quiz: Quiz, lesson: Lesson, url_for: UrlFor) -> str:
        """The encoded answer key that course.js fetches; links resolve from the lesson page."""
        with self.markdown.resolving_links(page_link_resolver(lesson.src_path, url_for)):
            return encode(answer_key_json(quiz, self.markdown), quiz.id)

    def _question(self, question: Question, quiz_anchor: str) -> QuestionView:
        prompt = self.markdown.inline(question.prompt)
        if question.type == "true_false":
            options = [escape(self.strings["true"]), escape(self.strings["false"])]
        else:
            options = [self.markdown.inline(option.text) for option in question.options]
        return QuestionView(
            id=question.id,
            anchor=f"{quiz_anchor}--{question.id}",
            type=question.type,
            roles=question.roles,
            prompt=prompt,
            prompt_is_block=bool(_BLOCK_TAG.search(prompt)),
            input_type="checkbox" if question.type == "multiple" else "radio",
            options=options,
            post_html=self._post(question.post) if question.post else None,
        )

    def _post(self, post: Post) -> str:
        return self._render(
            "course/post.html",
            post={
                "platform": post.platform,
                "platform_name": PLATFORM_NAMES[post.platform],
                "author": post.author,
                "handle": post.handle,
                "initials": "".join(word[0] for word in post.author.split()[:2]).upper(),
                "text_html": mark_hashtags_and_mentions(post.text),
            },
        )

    def self_check(self, check: SelfCheck, lesson: Lesson, url_for: UrlFor) -> str:
        """The self-check's markup; links in its Markdown are relative to its lesson."""
        md = self.markdown
        with md.resolving_links(page_link_resolver(lesson.src_path, url_for)):
            view = SelfCheckView(
                id=check.id,
                title=check.title or self.strings["self_check_title"],
                intro=md.block(check.intro) if check.intro else None,
                scale=[RatingView(r.id, r.label, md.block(r.next_steps)) for r in check.scale],
                prompts=[
                    SelfCheckPromptView(
                        p.id, md.inline(p.text), {r: md.block(t) for r, t in p.next_steps.items()}
                    )
                    for p in check.prompts
                ],
            )
        return self_check_html(view, self.strings)

    def signoff(self, signoff: Signoff, url_for: UrlFor) -> str:
        return signoff_html(
            signoff.id,
            signoff.statement,
            signoff.version,
            signoff.changed,
            self._lesson_links(list(signoff.lessons), url_for),
            self.strings,
        )

    def record(self, course_name: str, build: str, built: str, url_for: UrlFor) -> str:
        """The record of completion page's body: every lesson, shown by course-extras.js."""
        links = self._lesson_links([lesson.id for lesson in self.course.lessons], url_for)
        return record_html(course_name, build, built, links, self.strings)

    def _lesson_links(self, lesson_ids: list[str], url_for: UrlFor) -> list[LessonLink]:
        by_id = {lesson.id: lesson for lesson in self.course.lessons}
        return [
            LessonLink(i, by_id[i].title, url_for(by_id[i].src_path))
            for i in lesson_ids
            if i in by_id
        ]

    def lesson_header(self, lesson: Lesson) -> str:
        return lesson_header_html(
            lesson.id,
            lesson.title,
            lesson.minutes,
            self.role_titles(lesson.roles),
            [self.markdown.inline(o) for o in lesson.objectives],
            self.strings,
            self.rolebar(),
        )

    def rolebar(self) -> str:
        if self._rolebar is None:
            roles = [RoleChoiceView(r.id, r.title) for r in self.course.roles.values()]
            self._rolebar = rolebar_html(roles, self.strings)
        return self._rolebar

    def video(self, video: Video, url_for: UrlFor) -> str:
        template = "course/video-external.html" if video.embed_url else "course/video.html"
        return self._render(
            template,
            video=video,
            src=url_for(video.src) if video.src else None,
            captions=url_for(video.captions) if video.captions else None,
            poster=url_for(video.poster) if video.poster else None,
            video_type="video/webm" if (video.src or "").endswith(".webm") else "video/mp4",
            embed_host=_host(video.embed_url or ""),
            language=self.language,
        )

    def path(self, role: Role | None, url_for: UrlFor) -> str:
        """One learning path: its heading, size, progress and lessons, as a section."""
        path = self._learning_path(role)
        lessons = [
            PathLessonView(
                lesson.id, lesson.title, lesson.summary, lesson.minutes, url_for(lesson.src_path)
            )
            for lesson in path.lessons
        ]
        return path_html(
            path.id,
            path_anchor(path.id),
            path.title,
            path.description,
            lessons,
            self.strings,
            note=path.note,
        )

    def paths_overview(self, url_for: UrlFor, paths_page: str) -> str:
        """Every learning path with its size, each linking to its section of `paths_page`."""
        page_url = url_for(paths_page)
        choices = [
            PathChoiceView(
                id=path.id,
                title=path.title,
                description=path.description,
                url=f"{page_url}?role={path.id}#{path_anchor(path.id)}",
                lessons=len(path.lessons),
                minutes=sum(lesson.minutes for lesson in path.lessons),
                first_url=url_for(path.lessons[0].src_path) if path.lessons else "",
            )
            for path in map(self._learning_path, self._path_roles())
        ]
        return self.rolebar() + path_chooser_html(choices, self.strings)

    def paths(self, url_for: UrlFor) -> str:
        """Every learning path in full: everyone's, then each role's."""
        return "\n".join(self.path(role, url_for) for role in self._path_roles())

    def _path_roles(self) -> list[Role | None]:
        """Whose paths there are: everyone's (None), then each role's."""
        return [None, *self.course.roles.values()]

    def _learning_path(self, role: Role | None) -> _LearningPath:
        if role is None:
            lessons = [lesson for lesson in self.course.lessons if not lesson.roles]
            title = self.strings["role_everyone"]
            return _LearningPath(EVERYONE, title, None, lessons, self.course.everyone_path_note)
        lessons = self.course.path_for(role.id)
        return _LearningPath(role.id, role.title, role.description, lessons, role.path_note)


class _LearningPath(NamedTuple):
    id: str  # a role id, or EVERYONE
    title: str
    description: str | None
    lessons: list[Lesson]
    note: str | None = None  # why the path is as it is


def path_anchor(role_id: str) -> str:
    return f"path-{role_id}"


def page_link_resolver(lesson_src: str, url_for: UrlFor) -> Callable[[str], str]:
    lesson_dir = posixpath.dirname(lesson_src)

    def resolve(href: str) -> str:
        target, _, anchor = href.partition("#")
        if "://" in target or not target.endswith(".md"):
            return href
        page = posixpath.normpath(posixpath.join(lesson_dir, target))
        return url_for(page) + (f"#{anchor}" if anchor else "")

    return resolve


def mark_hashtags_and_mentions(text: str) -> Markup:
    """Escaped post text with #hashtags and @mentions wrapped for styling."""
    parts = []
    for index, piece in enumerate(_POST_TOKEN.split(text)):
        if index % 2:
            kind = "hashtag" if piece.startswith("#") else "mention"
            parts.append(Markup('<span class="mc-post__{}">{}</span>').format(kind, piece))
        else:
            parts.append(escape(piece))
    return Markup("").join(parts)


def _host(url: str) -> str:
    match = re.match(r"https?://([^/]+)", url)
    return match.group(1) if match else ""
