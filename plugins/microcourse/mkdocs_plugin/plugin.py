"""The `course` MkDocs plugin: translates MkDocs events into calls of the course engine."""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
import logging
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext

from ..diagnostics import Diagnostic, Diagnostics
from ..load.course_loader import CourseSources, RefusedLinks
from ..load.course_scan import scan_course
from ..load.settings_loader import DEFAULT_PASS_MARK, SignoffDeclaration, load_settings
from ..load.video_syntax import placeholder
from ..model import Course, Lesson, Role, Video
from ..render.course_manifest import COURSE_MANIFEST, course_manifest
from ..render.rendering import CourseRenderer
from ..render.safe_markdown import SafeMarkdown
from ..shipped_assets import shipped
from ..strings import EXTRAS_PREFIXES, interface_strings
from .config import CourseConfig
from .nav_order import ordered_pages, unlisted_pages
from .page_titles import escape_titles

if TYPE_CHECKING:  # importing the live-reload server costs every build a web server's modules
    from mkdocs.livereload import LiveReloadServer

PACKAGE_DIR = Path(__file__).resolve().parent.parent
SCRIPT, STYLESHEET = "assets/course/course.js", "assets/course/course.css"
# Post mock-ups are in a few quizzes only: their stylesheet is linked from those lessons.
POSTS_STYLESHEET = "assets/course/course-posts.css"
ASSETS = {SCRIPT: "course.js", STYLESHEET: "course.css", POSTS_STYLESHEET: "course-posts.css"}
# Loaded by course.js only on pages that need them (a sign-off, the record, a self-check).
EXTRAS_SCRIPT, EXTRAS_STYLESHEET = (
    "assets/course/course-extras.js",
    "assets/course/course-extras.css",
)
CONFIG_SCRIPT = "assets/course/config.js"
ANSWERS_DIR = "assets/course/answers"
PATHS_DIR = "paths"
PATHS_INDEX = f"{PATHS_DIR}/index.md"
QUIZ_MARKER = "<!-- quiz -->"
QUIZ_SLOT = "<!-- course-quizzes -->"
HEADER_SLOT = "<!-- course-lesson-details -->"
PATHS_SLOT = "<!-- course-paths -->"
PATHS_MARKER = "<!-- learning-paths -->"
# Not MkDocs' prefixed plugin logger: a warning must read `path:line:col: warning: ...`.
# MkDocs counts it all the same, and `strict` turns it into a failed build.
log = logging.getLogger("mkdocs.plugins.course")
RECORD_DIR = "record"
RECORD_INDEX = f"{RECORD_DIR}/index.md"
RECORD_SLOT = "<!-- course-record -->"
SELF_CHECK_MARKER = "<!-- self-check -->"
SELF_CHECK_SLOT = "<!-- course-self-checks -->"


class CoursePlugin(BasePlugin[CourseConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.sources: CourseSources | None = None
        self.roles: dict[str, Role] = {}
        self.pass_mark = DEFAULT_PASS_MARK
        self.everyone_path_note: str | None = None
        self.language = "en"
        self.markdown = SafeMarkdown()
        self.course: Course | None = None
        self.lessons_by_path: dict[str, Lesson] = {}
        self.renderer: CourseRenderer | None = None
        self.strings: dict[str, str] = {}
        self.bodies: dict[str, str] = {}
        self.page_texts: dict[str, str] = {}
        self.videos: dict[str, list[Video]] = {}
        self.answer_keys: dict[str, dict[str, str]] = {}  # answer file -> quiz id -> key
        self.signoff_declarations: list[SignoffDeclaration] = []
        self.build_id = ""
        self.site_name = ""
        # By page, from on_page_content to on_page_context: slot -> HTML to put there.
        self.late_html: dict[str, dict[str, str]] = {}
        # The quiz review's advice; logged for MkDocs unless the caller reports it itself.
        self.warnings: list[Diagnostic] = []
        self.log_warnings = True
        self.nav: Navigation | None = None
        self.settings_problems = Diagnostics()
        self.declared_ids: set[str] | None = set()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path or ".").resolve().parent
        self.sources = CourseSources(
            root=root,
            docs_dir=Path(config.docs_dir),
            quizzes_dir=root / self.config.quizzes_dir,
            config_file=Path(config.config_file_path or "mkdocs.yml"),
        )
        diagnostics = Diagnostics()
        config_path = self.sources.config_file
        settings = load_settings(
            self.sources.display(config_path),
            config_path.read_text(encoding="utf-8-sig") if config_path.is_file() else "",
            dict(self.config),
            diagnostics,
        )
        # Reported with the content's problems: a mistake in the settings must not hide them.
        self.settings_problems = diagnostics
        self.declared_ids = settings.declared_ids
        self.roles, self.pass_mark = settings.roles, settings.pass_mark
        self.signoff_declarations = settings.signoffs
        self.everyone_path_note = settings.everyone_path_note
        self.language = str(config.theme.get("language") or "en")
        self.site_name = str(config.site_name or "")
        self.strings = interface_strings(self.language, settings.strings)
        # After the site's overrides/ (so it can replace any fragment), before the theme.
        templates = str(PACKAGE_DIR / "templates")
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, templates)
        config.extra_css.append(STYLESHEET)
        config.extra_javascript.append(CONFIG_SCRIPT)
        config.extra_javascript.append(SCRIPT)
        self._add_paths_to_nav(config)
        self.markdown = SafeMarkdown(config.markdown_extensions, config.mdx_configs)
        return config

    def _add_paths_to_nav(self, config: MkDocsConfig) -> None:
        if not config.nav:
            return
        listed = json.dumps(config.nav)
        if f"{PATHS_DIR}/" not in listed:
            config.nav.insert(1, {self.strings["paths_title"]: PATHS_INDEX})
        if f"{RECORD_DIR}/" not in listed:
            config.nav.insert(2, {self.strings["record_title"]: RECORD_INDEX})

    # Before other plugins' on_pre_build, and before MkDocs empties site_dir
    # (which it does right after this event): broken content must leave the
    # previous site as it was.
    @event_priority(100)
    def on_pre_build(self, config: MkDocsConfig) -> None:
        if not self.config.enabled or self.sources is None:
            return
        diagnostics = Diagnostics(list(self.settings_problems.items))
        refused = RefusedLinks()
        pages = ordered_pages(config.nav, self.sources.docs_dir, self.sources.root, refused)
        refused.report(self.sources, diagnostics)
        scan = scan_course(
            self.sources,
            pages,
            self.roles,
            self.pass_mark,
            {PATHS_INDEX: "the learning paths", RECORD_INDEX: "the record of completion"},
            diagnostics,
            self.signoff_declarations,
            self.declared_ids,
            unlisted_pages(config, pages),
        )
        self.warnings = diagnostics.sorted_warnings()
        if self.log_warnings:
            for warning in self.warnings:
                log.warning(str(warning))
        if diagnostics:
            raise CourseContentError(diagnostics)
        scan.course.everyone_path_note = self.everyone_path_note
        self.course, self.bodies, self.videos = scan.course, scan.bodies, scan.videos
        self.page_texts = scan.page_texts
        self.lessons_by_path = {lesson.src_path: lesson for lesson in scan.course.lessons}
        self.answer_keys, self.late_html = {}, {}
        env = config.theme.get_env()
        self.renderer = CourseRenderer(env, self.markdown, self.strings, scan.course, self.language)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.course is None:
            return files
        # One page for every path: each more page would render the whole navigation again.
        files.append(
            File.generated(config, PATHS_INDEX, content=_page(self.strings["paths_title"]))
        )
        files.append(
            File.generated(config, RECORD_INDEX, content=_page(self.strings["record_title"]))
        )
        for src_uri, asset in ASSETS.items():
            files.append(File.generated(config, src_uri, content=shipped(asset)))
        files.append(File.generated(config, CONFIG_SCRIPT, content=self._config_script(files)))
        files.append(File.generated(config, COURSE_MANIFEST, content=self._manifest(config, files)))
        extras_strings = {k: v for k, v in self.strings.items() if k.startswith(EXTRAS_PREFIXES)}
        files.append(
            File.generated(
                config,
                EXTRAS_SCRIPT,
                content=f"window.mcCourseExtrasStrings = {json.dumps(extras_strings, ensure_ascii=True)};\n"
                + shipped("course-extras.js"),
            )
        )
        files.append(
            File.generated(config, EXTRAS_STYLESHEET, content=shipped("course-extras.css"))
        )
        return files

    def _manifest(self, config: MkDocsConfig, files: Files) -> str:
        assert self.course is not None
        urls = {}
        for lesson in self.course.lessons:
            file = files.get_file_from_path(lesson.src_path)
            urls[lesson.id] = file.url if file else lesson.src_path
        return course_manifest(
            self.course,
            site_name=str(config.site_name or ""),
            site_description=str(config.site_description or ""),
            language=self.language,
            lesson_urls=urls,
            paths_url=paths.url
            if (paths := files.get_file_from_path(PATHS_INDEX))
            else PATHS_INDEX,
        )

    def _config_script(self, files: Files) -> str:
        assert self.course is not None and self.renderer is not None
        renderer = self.renderer
        lessons = []
        for lesson in self.course.lessons:
            file = files.get_file_from_path(lesson.src_path)
            lessons.append(
                {
                    "id": lesson.id,
                    "url": file.url if file else lesson.src_path,
                    "roles": list(lesson.roles),
                    "quizzes": [
                        {
                            "id": q.id,
                            "roles": list(q.roles),
                            "fingerprint": renderer.fingerprint(q),
                        }
                        for q in lesson.quizzes
                    ],
                }
            )
        signoffs = []
        for signoff in self.course.signoffs:
            page = files.get_file_from_path(signoff.page)
            signoffs.append(
                {
                    "id": signoff.id,
                    "statement": signoff.statement,
                    "version": signoff.version,
                    "digest": signoff.digest,
                    "changed": signoff.changed,
                    "lessons": signoff.lessons,
                    "url": page.url if page else signoff.page,
                }
            )
        data = {
            "storageKey": self.config.storage_key,
            # Progress files name their course: a file from another course is refused.
            "courseId": f"{self.config.storage_key}:{self.site_name}",
            "roles": [vars(role) for role in self.course.roles.values()],
            "strings": {k: v for k, v in self.strings.items() if not k.startswith(EXTRAS_PREFIXES)},
            "lessons": lessons,
            "signoffs": signoffs,
        }
        # The build's id: what learners' progress is measured against, in short.
        content = json.dumps(data, sort_keys=True, ensure_ascii=True)
        self.build_id = hashlib.sha256(content.encode()).hexdigest()[:8]
        return f"window.mcCourseConfig = {json.dumps(data, ensure_ascii=True)};\n"

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        self.nav = nav
        return nav

    # Every page has been read, none rendered yet: from here on titles are text for the
    # theme (whether or not the course is enabled: the theme prints titles raw either way).
    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        if self.nav is not None:
            escape_titles(self.nav, files)
        return env

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        # Each page was read to check the course; MkDocs need not read it again. It
        # reads in text mode, which turns every line ending into '\n': so do we.
        # (MkDocs 1.6 prefers setting File.content_string, but that unsets the
        # file's source path, which other plugins and `serve` rely on.)
        text = self.page_texts.pop(page.file.src_uri, None)
        if text is None or "\r" not in text:
            return text
        return text.replace("\r\n", "\n").replace("\r", "\n")

    # First, so the body we hand over (video lines replaced by placeholders, found
    # while checking the course) is what later plugins see and may change further.
    @event_priority(100)
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        # A page the site keeps out of the navigation (`not_in_nav`, like the authors'
        # guide) is kept out of the learners' search too (Material's search reads this).
        if page.file.inclusion.is_not_in_nav():
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        return self.bodies.get(page.file.src_uri, markdown)

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if self.course is None or self.renderer is None:
            return html
        renderer, src = self.renderer, page.file.src_uri

        # Cached for the page: the learning paths link each lesson once per path.
        @functools.cache
        def url_for(docs_path: str) -> str:
            file = files.get_file_from_path(docs_path)
            return get_relative_url(file.url if file else docs_path, page.url)

        lesson = self.lessons_by_path.get(src)
        if lesson is not None:
            for index, video in enumerate(self.videos.get(src, [])):
                html = html.replace(placeholder(index), renderer.video(video, url_for), 1)
            quizzes = "\n".join(renderer.quiz(quiz, lesson, url_for) for quiz in lesson.quizzes)
            if any(q.post for quiz in lesson.quizzes for q in quiz.questions):
                link = f'<link rel="stylesheet" href="{url_for(POSTS_STYLESHEET)}">'
                quizzes = f"{link}\n{quizzes}"
            for quiz in lesson.quizzes:
                keys = self.answer_keys.setdefault(renderer.answer_file(quiz), {})
                keys[quiz.id] = renderer.answer_key(quiz, lesson, url_for)
            if QUIZ_MARKER in html:
                html = html.replace(QUIZ_MARKER, QUIZ_SLOT, 1)
            else:
                html = f"{html}\n{QUIZ_SLOT}"
            title, details = renderer.lesson_header(lesson).split("</h1>", 1)
            late = self.late_html[src] = {QUIZ_SLOT: quizzes, HEADER_SLOT: details}
            if lesson.self_checks:
                # Where the lesson marks it, or else just before the quizzes.
                if SELF_CHECK_MARKER in html:
                    html = html.replace(SELF_CHECK_MARKER, SELF_CHECK_SLOT, 1)
                else:
                    html = html.replace(QUIZ_SLOT, f"{SELF_CHECK_SLOT}\n{QUIZ_SLOT}", 1)
                late[SELF_CHECK_SLOT] = "\n".join(
                    renderer.self_check(check, lesson, url_for) for check in lesson.self_checks
                )
            html = self._place_signoffs(html, src, url_for, late)
            if html.lstrip().startswith("<h1"):  # the author's own title stays
                return html.replace("</h1>", f"</h1>{HEADER_SLOT}", 1)
            return f"{title}</h1>{HEADER_SLOT}{html}"
        if src == RECORD_INDEX:
            built = _build_date()
            self.late_html[src] = {
                RECORD_SLOT: renderer.record(self.site_name, self.build_id, built, url_for)
            }
            return f"{html}\n{RECORD_SLOT}"
        if src == PATHS_INDEX:
            self.late_html[src] = {PATHS_SLOT: renderer.paths(url_for)}
            return f"{html}{renderer.paths_overview(url_for, PATHS_INDEX)}\n{PATHS_SLOT}"
        if PATHS_MARKER in html:
            return html.replace(PATHS_MARKER, renderer.paths_overview(url_for, PATHS_INDEX), 1)
        return html

    def _place_signoffs(
        self, html: str, src: str, url_for: Callable[[str], str], late: dict[str, str]
    ) -> str:
        """Each sign-off marker of this lesson (found while checking) becomes its form."""
        assert self.course is not None and self.renderer is not None
        for signoff in self.course.signoffs:
            if signoff.page != src:
                continue
            slot = f"<!-- course-signoff-{signoff.id} -->"
            pattern = re.compile(r"<!--[ \t]*signoff:[ \t]*" + re.escape(signoff.id) + r"[ \t]*-->")
            html = pattern.sub(slot, html, count=1)  # an id has no backslash to expand
            late[slot] = self.renderer.signoff(signoff, url_for)
        return html

    # Last, so after the search plugin has indexed the page's content: the lesson's
    # details and quizzes are for taking the lesson, not for finding it (a search
    # result opens with the lesson's own words), and the paths list lessons that
    # search finds anyway. Indexing their markup was a third of the plugin's build time.
    @event_priority(-100)
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        late_html = self.late_html.pop(page.file.src_uri, None)
        if late_html and page.content is not None:
            for slot, html in late_html.items():
                page.content = page.content.replace(slot, html, 1)
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # Written here because the keys' links are resolved while pages render,
        # after MkDocs has already copied the files it knows of.
        if not self.answer_keys:
            return
        folder = os.path.join(config.site_dir, ANSWERS_DIR)
        os.makedirs(folder, exist_ok=True)
        for name, keys in self.answer_keys.items():
            with open(os.path.join(folder, name), "w", encoding="ascii") as stream:
                stream.write(json.dumps(keys, separators=(",", ":"), sort_keys=True))

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        if self.sources is not None and self.sources.quizzes_dir.is_dir():
            server.watch(str(self.sources.quizzes_dir))
        return server


def _build_date() -> str:
    """Today (UTC), or the day SOURCE_DATE_EPOCH names, for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    when = (
        datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
        if epoch.isdigit()
        else datetime.datetime.now(datetime.UTC)
    )
    return when.date().isoformat()


def _page(title: str) -> str:
    """A generated page's Markdown: front matter only; the plugin renders its body."""
    return f"---\ntitle: {json.dumps(title)}\ntype: page\n---\n"


class CourseContentError(PluginError):
    """Stops the build without a traceback; carries every located problem."""

    def __init__(self, diagnostics: Diagnostics) -> None:
        self.diagnostics = diagnostics.sorted()
        count = len(self.diagnostics)
        lines = "\n".join(str(d) for d in self.diagnostics)
        super().__init__(
            f"the course has {count} problem{'s' if count != 1 else ''}; "
            f"fix them and build again:\n{lines}"
        )
