"""The course described for tools that work on the built site (the LMS packager).

Written at build time beside config.js as `assets/course/course.json`: what a
package needs that the pages don't say plainly (the course's name, its roles,
its lessons in order, the pass mark), so packaging never re-reads the sources.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from ..model import Course

COURSE_MANIFEST = "assets/course/course.json"
MANIFEST_FORMAT = 1


def course_manifest(
    course: Course,
    *,
    site_name: str,
    site_description: str,
    language: str,
    lesson_urls: Mapping[str, str],
    paths_url: str,
) -> str:
    """The manifest's JSON text; `lesson_urls` maps a lesson's id to its page's URL in the
    site, `paths_url` is the learning paths page's (`paths/` or `paths/index.html`)."""
    data = {
        "format": MANIFEST_FORMAT,
        "siteName": site_name,
        "siteDescription": site_description,
        "language": language,
        "passMark": course.default_pass_mark,
        "pathsUrl": paths_url,
        "roles": [
            {"id": role.id, "title": role.title, "description": role.description}
            for role in course.roles.values()
        ],
        "lessons": [
            {
                "id": lesson.id,
                "title": lesson.title,
                "url": lesson_urls.get(lesson.id, lesson.src_path),
                "minutes": lesson.minutes,
                "roles": list(lesson.roles),
                "quizzes": [quiz.id for quiz in lesson.quizzes],
            }
            for lesson in course.lessons
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
