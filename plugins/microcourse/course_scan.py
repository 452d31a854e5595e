"""One pass over a course's sources: every lesson, quiz and video, all problems at once.

Both the MkDocs plugin and the `course-check` command run this.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .course_loader import CourseSources, load_course
from .diagnostics import Diagnostics
from .lesson_loader import split_front_matter
from .model import Course, Role, Video
from .video_syntax import find_videos


@dataclass
class CourseScan:
    course: Course
    # Lesson bodies with each video line replaced by a placeholder, and the videos.
    bodies: dict[str, str] = field(default_factory=dict)
    videos: dict[str, list[Video]] = field(default_factory=dict)


def scan_course(
    sources: CourseSources,
    page_paths: Sequence[str],
    roles: dict[str, Role],
    default_pass_mark: int,
    reserved_pages: Sequence[str],
    diagnostics: Diagnostics,
) -> CourseScan:
    for page in reserved_pages:
        if (sources.docs_dir / page).exists():
            diagnostics.error(
                sources.location_of(sources.docs_dir / page),
                f"'{page}' is where the course puts a learning path; rename or move this page",
            )
    texts: dict[str, str] = {}
    course = load_course(sources, page_paths, roles, default_pass_mark, diagnostics, texts)
    scan = CourseScan(course)
    for lesson in course.lessons:
        path = sources.docs_dir / lesson.src_path
        body, first_line = lesson_body(texts[lesson.src_path])

        def read_file(relative: str) -> bytes | None:
            candidate = sources.docs_dir / relative
            return candidate.read_bytes() if candidate.is_file() else None

        body, videos = find_videos(
            body, lesson.src_path, sources.display(path), first_line, read_file, diagnostics
        )
        if videos:
            scan.bodies[lesson.src_path] = body
            scan.videos[lesson.src_path] = videos
    return scan


def lesson_body(text: str) -> tuple[str, int]:
    """The Markdown after the front matter, and the file line it starts on."""
    found = split_front_matter(text)
    if found is None:
        return text, 1
    front_matter_lines = found[0].count("\n") + 2
    return "\n".join(text.split("\n")[front_matter_lines:]), front_matter_lines + 1
