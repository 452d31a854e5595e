"""The built site folder a package is made from, and the course it holds.

A built course has `assets/course/config.js` (what course.js reads) and
`assets/course/course.json` (the course's name, roles and lessons, written by the
build for tools like this one); anything else is not ours to package.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..render.course_manifest import COURSE_MANIFEST, MANIFEST_FORMAT
from .problems import PackageError

CONFIG_SCRIPT = "assets/course/config.js"
HOME_PAGE = "index.html"


@dataclass(frozen=True)
class CourseRole:
    id: str
    title: str


@dataclass(frozen=True)
class CourseLesson:
    id: str
    title: str
    url: str
    roles: tuple[str, ...]


@dataclass(frozen=True)
class BuiltSite:
    root: Path
    site_name: str
    description: str
    language: str
    pass_mark: int
    paths_url: str  # the learning paths page, relative to the site's root
    roles: tuple[CourseRole, ...]
    lessons: tuple[CourseLesson, ...]
    files: tuple[str, ...]  # every file in the folder, relative, with forward slashes, sorted

    def role(self, role_id: str) -> CourseRole | None:
        return next((role for role in self.roles if role.id == role_id), None)

    @property
    def directory_urls(self) -> bool:
        """Whether pages link to folders (`lesson/`) rather than files (`lesson.html`)."""
        return any(lesson.url.endswith("/") for lesson in self.lessons)


def read_site_folder(root: Path) -> BuiltSite:
    """The built course in `root`, or a PackageError saying why it is not one."""
    where = f"{root}/"
    if not root.exists():
        raise PackageError(where, "no such folder; build the course first (.ci/nox -s build)")
    if not root.is_dir():
        raise PackageError(str(root), "not a folder; give the folder the build wrote (site/)")
    for required in (CONFIG_SCRIPT, COURSE_MANIFEST, HOME_PAGE):
        if not (root / required).is_file():
            raise PackageError(
                where,
                f"not a built course: {required} is missing "
                "(build it with the course plugin, then package the folder the build wrote)",
            )
    manifest_path = root / COURSE_MANIFEST
    try:
        data = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise PackageError(
            str(manifest_path), f"not a course description the build wrote ({error}); build again"
        ) from None
    site = _site_from(root, data, str(manifest_path))
    return site


def _site_from(root: Path, data: Any, where: str) -> BuiltSite:
    def fail(what: str) -> PackageError:
        return PackageError(where, f"{what}; build the course again with this version")

    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
        raise fail(f"not a course description of format {MANIFEST_FORMAT}")
    texts = {k: data.get(k) for k in ("siteName", "siteDescription", "language", "pathsUrl")}
    if not all(isinstance(value, str) for value in texts.values()):
        raise fail("siteName, siteDescription, language and pathsUrl must be text")
    pass_mark = data.get("passMark")
    if not isinstance(pass_mark, int) or isinstance(pass_mark, bool):
        raise fail("passMark must be a whole number")
    roles, lessons = data.get("roles"), data.get("lessons")
    if not isinstance(roles, list) or not all(
        isinstance(r, dict) and isinstance(r.get("id"), str) and isinstance(r.get("title"), str)
        for r in roles
    ):
        raise fail("roles must be a list of {id, title}")
    if not isinstance(lessons, list) or not all(
        isinstance(item, dict)
        and all(isinstance(item.get(k), str) for k in ("id", "title", "url"))
        and isinstance(item.get("roles"), list)
        for item in lessons
    ):
        raise fail("lessons must be a list of {id, title, url, roles}")
    files = sorted(
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.is_file() and not path.is_symlink()
    )
    return BuiltSite(
        root=root,
        site_name=str(texts["siteName"]),
        description=str(texts["siteDescription"]),
        language=str(texts["language"]),
        pass_mark=pass_mark,
        paths_url=str(texts["pathsUrl"]),
        roles=tuple(CourseRole(r["id"], r["title"]) for r in roles),
        lessons=tuple(
            CourseLesson(item["id"], item["title"], item["url"], tuple(map(str, item["roles"])))
            for item in lessons
        ),
        files=tuple(files),
    )
