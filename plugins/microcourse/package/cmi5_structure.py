"""cmi5.xml: the course as one cmi5 Assignable Unit (cmi5 spec, Quartz, §13 and §14).

The whole course is one AU: the launch page holds the session while the learner
moves through every lesson in its frame. The course's pass rule is that every
lesson on the learner's path is complete, which needs each of its quizzes passed
at the pass mark: so the LMS moves on when the AU is both completed and passed
(`moveOn="CompletedAndPassed"`), and the mastery score is the pass mark scaled to
0-1 (the path's score, the mean of its quizzes' best scores, reaches it whenever
each quiz does).
"""

from __future__ import annotations

import uuid
from xml.etree import ElementTree as ET

NAMESPACE = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
MOVE_ON = "CompletedAndPassed"
# Course and AU ids must be IRIs unique to the course (§13.1.1, §13.1.4) and stay the
# same from build to build, so an LMS sees a rebuilt package as the same course.
_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://microcourse/cmi5")


def publisher_id(slug: str, role: str | None, part: str) -> str:
    """The course's (`part` "course") or its AU's ("au") id, for a package of one role or all."""
    name = "/".join(p for p in (slug, role, part) if p)
    return f"urn:uuid:{uuid.uuid5(_ID_NAMESPACE, name)}"


def mastery_score(pass_mark: int) -> str:
    """A pass mark 0-100 as cmi5's decimal 0-1 with at most 4 places (§13.1.4)."""
    return f"{max(0, min(100, pass_mark)) / 100:.4f}".rstrip("0").rstrip(".")


def course_structure(
    *,
    slug: str,
    title: str,
    description: str,
    language: str,
    launch: str,
    pass_mark: int,
    role: str | None = None,
) -> bytes:
    """The cmi5.xml text: `launch` is the launch page, relative to the package's root (§14.1)."""
    ET.register_namespace("", NAMESPACE)

    def element(parent: ET.Element, tag: str, **attributes: str) -> ET.Element:
        return ET.SubElement(parent, f"{{{NAMESPACE}}}{tag}", attributes)

    def langstring(parent: ET.Element, tag: str, text: str) -> None:
        element(element(parent, tag), "langstring", lang=language).text = text

    root = ET.Element(f"{{{NAMESPACE}}}courseStructure")
    course = element(root, "course", id=publisher_id(slug, role, "course"))
    langstring(course, "title", title)
    langstring(course, "description", description or title)
    au = element(
        root,
        "au",
        id=publisher_id(slug, role, "au"),
        moveOn=MOVE_ON,
        masteryScore=mastery_score(pass_mark),
        launchMethod="AnyWindow",
    )
    langstring(au, "title", title)
    langstring(au, "description", description or title)
    element(au, "url").text = launch
    ET.indent(root)
    text = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{text}\n'.encode()
