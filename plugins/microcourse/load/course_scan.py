"""One pass over a course's sources: every lesson, quiz and video, all problems at once.

Both the MkDocs plugin and the `course-check` command run this. The quiz review's
advice (unfair items) comes back as warnings, beside the errors.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostics
from ..model import Course, Role, Video
from ..review.quiz_review import review_course
from .course_loader import CourseSources, load_course
from .lesson_loader import is_lesson_page, lesson_body

__all__ = ["CourseScan", "lesson_body", "scan_course"]
from .settings_loader import SignoffDeclaration
from .signoff_loader import load_signoffs
from .video_syntax import find_videos


@dataclass
class CourseScan:
    course: Course
    # Lesson bodies with each video line replaced by a placeholder, and the videos.
    bodies: dict[str, str] = field(default_factory=dict)
    videos: dict[str, list[Video]] = field(default_factory=dict)
    # Every page read, as read (docs-relative path -> text), so nothing reads it again.
    page_texts: dict[str, str] = field(default_factory=dict)


def scan_course(
    sources: CourseSources,
    page_paths: Sequence[str],
    roles: dict[str, Role],
    default_pass_mark: int,
    reserved_pages: Mapping[str, str],  # docs-relative path -> what the course puts there
    diagnostics: Diagnostics,
    signoffs: Sequence[SignoffDeclaration] = (),
    declared_ids: Collection[str] | None = (),
    unlisted_pages: Sequence[str] = (),
) -> CourseScan:
    """`declared_ids`: see `load_course`. `unlisted_pages` are pages the navigation leaves
    out, which learners could not reach."""
    for page in reserved_pages:
        if (sources.docs_dir / page).exists():
            diagnostics.error(
                sources.location_of(sources.docs_dir / page),
                f"'{page}' is where the course puts {reserved_pages[page]}; rename or move this page",
            )
    texts: dict[str, str] = {}
    course = load_course(
        sources, page_paths, roles, default_pass_mark, diagnostics, texts, declared_ids
    )
    for src_path in unlisted_pages:
        text = texts.get(src_path)
        kind = "lesson" if text is not None and is_lesson_page(src_path, text) else "page"
        diagnostics.error(
            sources.location_of(sources.docs_dir / src_path),
            f"this {kind} is not in the navigation ('nav:' in mkdocs.yml), so learners cannot "
            f"reach it; add '- {src_path}' under nav: where it belongs, or delete the file",
        )
    review_course(course, diagnostics)
    scan = CourseScan(course, page_texts=texts)
    course.signoffs = load_signoffs(
        signoffs,
        course,
        texts,
        lambda path: sources.display(sources.docs_dir / path),
        sources.docs_dir,
        diagnostics,
    )
    docs_files = _DocsFiles(sources.docs_dir, sources.root)
    # Every lesson page, loaded or not: a front-matter mistake must not hide a video's.
    for src_path, text in texts.items():
        if "![" not in text or not is_lesson_page(src_path, text):
            continue  # no image syntax, so no video and nothing to check
        body, first_line = lesson_body(text)
        body, videos = find_videos(
            body,
            src_path,
            sources.display(sources.docs_dir / src_path),
            first_line,
            docs_files.read,
            diagnostics,
            docs_files.exists,
        )
        if videos:
            scan.bodies[src_path] = body
            scan.videos[src_path] = videos
    return scan


class _DocsFiles:
    """Files under the docs folder, each looked at once however many lessons use it."""

    def __init__(self, docs_dir: Path, project: Path) -> None:
        self.docs_dir = docs_dir
        self._inside = os.path.join(os.path.realpath(project), "")
        self._read: dict[str, bytes | None] = {}
        self._exists: dict[str, bool] = {}

    def read(self, relative: str) -> bytes | None:
        if relative not in self._read:
            candidate = self.docs_dir / relative
            # A link that leads outside the project is reported by the walk; never read it.
            readable = candidate.is_file() and os.path.realpath(candidate).startswith(self._inside)
            self._read[relative] = candidate.read_bytes() if readable else None
        return self._read[relative]

    def exists(self, relative: str) -> bool:
        if relative not in self._exists:
            self._exists[relative] = (self.docs_dir / relative).is_file()
        return self._exists[relative]
