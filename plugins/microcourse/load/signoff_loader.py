"""Sign-offs declared in mkdocs.yml, checked against the course and versioned by its text.

A sign-off appears where a lesson has the marker `<!-- signoff: ID -->` on a line
of its own (outside fenced code); each covered lesson must be a lesson of the course.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from ..diagnostics import Diagnostics, Location
from ..model import Course, Signoff
from .change_dates import Source, last_changed
from .lesson_loader import lesson_body
from .policy_version import lesson_digest, signoff_digest
from .settings_loader import SignoffDeclaration
from .yaml_source import suggest

MARKER = re.compile(r"<!--[ \t]*signoff:[ \t]*(?P<id>[^ \t]*?)[ \t]*-->")
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")

LastChanged = Callable[[Sequence[Path]], tuple[str, Source]]


def find_markers(text: str) -> list[tuple[str, int, int]]:
    """Each sign-off marker on a line of its own: (id, line, column), outside fenced code."""
    found: list[tuple[str, int, int]] = []
    fence: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        opening = _FENCE.match(line)
        if opening:
            mark = opening.group(1)
            if fence is None:
                fence = mark
            elif mark[0] == fence[0] and len(mark) >= len(fence):
                fence = None
            continue
        if fence is not None:
            continue
        match = MARKER.fullmatch(line.strip())
        if match:
            found.append((match.group("id"), number, line.index("<!--") + 1))
    return found


def load_signoffs(
    declarations: Sequence[SignoffDeclaration],
    course: Course,
    texts: Mapping[str, str],  # docs-relative path -> source text of every page read
    display: Callable[[str], str],  # docs-relative path -> the path shown to authors
    docs_dir: Path,
    diagnostics: Diagnostics,
    changed: LastChanged = last_changed,
) -> list[Signoff]:
    lessons = {lesson.src_path: lesson for lesson in course.lessons}
    places: dict[str, str] = {}  # sign-off id -> the lesson where it appears
    declared = {d.id for d in declarations}
    for lesson in course.lessons:
        text = texts.get(lesson.src_path, "")
        if "signoff" not in text:
            continue
        for signoff_id, line, column in find_markers(text):
            where = Location(display(lesson.src_path), line, column)
            if signoff_id not in declared:
                hint = suggest(signoff_id, sorted(declared)) if signoff_id else ""
                diagnostics.error(
                    where,
                    f"sign-off '{signoff_id}' is not declared; {hint}declare it under the "
                    "course plugin's 'signoffs' in mkdocs.yml, or remove this marker",
                )
            elif signoff_id in places:
                diagnostics.error(
                    where,
                    f"sign-off '{signoff_id}' is already placed in {display(places[signoff_id])}; "
                    "a sign-off appears in one lesson only",
                )
            else:
                places[signoff_id] = lesson.src_path
    signoffs: list[Signoff] = []
    for declaration in declarations:
        digests: dict[str, str] = {}
        for path, where in declaration.lessons:
            target = path.lstrip("/").removeprefix("content/")
            covered = lessons.get(target)
            if covered is None:
                if target in texts:
                    diagnostics.error(
                        where, f"'{path}' is a page, not a lesson; a sign-off covers lessons"
                    )
                else:
                    diagnostics.error(
                        where,
                        f"lesson '{path}' does not exist; {suggest(target, sorted(lessons))}"
                        "list lessons by their path under the docs folder, as in 'nav'",
                    )
                continue
            if covered.id in digests:
                diagnostics.error(where, f"lesson '{path}' is listed twice; keep one")
                continue
            digests[covered.id] = lesson_digest(
                covered.title, lesson_body(texts.get(target, ""))[0]
            )
        if declaration.id not in places:
            diagnostics.error(
                declaration.location,
                f"sign-off '{declaration.id}' appears in no lesson; put the line "
                f"'<!-- signoff: {declaration.id} -->' in the lesson where learners sign "
                "(usually the last one it covers)",
            )
        if len(digests) != len(declaration.lessons) or declaration.id not in places:
            continue
        date, source = changed([docs_dir / f"{lesson}.md" for lesson in digests])
        signoffs.append(
            Signoff(
                id=declaration.id,
                statement=declaration.statement,
                lessons=digests,
                digest=signoff_digest(declaration.statement, digests),
                changed=date,
                changed_source=source,
                page=places[declaration.id],
            )
        )
    return signoffs
