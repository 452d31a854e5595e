"""Reads a lesson's front matter into a `Lesson`, reporting every mistake with its place."""

from __future__ import annotations

import re
from collections.abc import Collection

import yaml

from ..diagnostics import Diagnostics, Location
from ..model import Lesson
from .yaml_source import FAST_LOADER, as_mapping, parse_yaml

LESSON_KEYS = ["title", "summary", "minutes", "roles", "objectives", "type"]
# Front matter that MkDocs and Material read themselves; allowed so that a
# lesson can still hide the TOC or set an icon.
THEME_KEYS = [
    "description",
    "icon",
    "status",
    "subtitle",
    "template",
    "hide",
    "search",
    "tags",
    "social",
    "comments",
]
PAGE_TYPES = ["lesson", "page"]
_TYPE_KEY = re.compile(r"^type\s*:", re.M)
MIN_MINUTES, MAX_MINUTES = 1, 15
_FRONT_MATTER = re.compile(
    r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S
)


def split_front_matter(text: str) -> tuple[str, int] | None:
    """The front matter's YAML and the line it starts on, or None without front matter."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return None
    return match.group(1) or "", 2


def is_lesson_page(src_path: str, text: str) -> bool:
    """Every Markdown page is a lesson, except index pages and `type: page` pages."""
    declared = _declared_type(text)
    if declared is not None:
        return declared != "page"
    return src_path.rsplit("/", 1)[-1] not in ("index.md", "README.md")


def _declared_type(text: str) -> object:
    found = split_front_matter(text)
    if found is None or not _TYPE_KEY.search(found[0]):
        return None  # no 'type:' line: nothing to parse
    try:
        meta = yaml.load(found[0], Loader=FAST_LOADER)
    except (yaml.YAMLError, RecursionError):
        return None  # a lesson then, whose front matter errors load_lesson reports
    return meta.get("type") if isinstance(meta, dict) else None


def load_lesson(
    src_path: str,
    display_path: str,
    text: str,
    diagnostics: Diagnostics,
    declared_roles: Collection[str] | None = None,
) -> Lesson | None:
    """The lesson in `text`; `display_path` is how messages name the file."""
    found = split_front_matter(text)
    if found is None and re.match(r"(?:\ufeff)?---[ \t]*\r?\n", text):
        diagnostics.error(
            Location(display_path),
            "the front matter that starts here is never closed; add a line with just '---' "
            "after its last line",
        )
        return None
    if found is None:
        diagnostics.error(
            Location(display_path),
            "this lesson has no front matter; start the file with '---', then 'title:', "
            "'summary:' and 'minutes:' lines, then '---' (or add 'type: page' if it is "
            "not a lesson)",
        )
        return None
    yaml_text, first_line = found
    before = len(diagnostics)
    # Pad with blank lines so that YAML's line numbers are the file's.
    padded = "\n" * (first_line - 1) + yaml_text
    root = parse_yaml(display_path, padded, diagnostics)
    if root is None:
        if len(diagnostics) == before:
            diagnostics.error(
                Location(display_path, first_line),
                "the front matter is empty; add 'title:', 'summary:' and 'minutes:' lines",
            )
        return None
    fm = as_mapping(display_path, root, diagnostics, "the front matter", padded)
    if fm is None:
        return None
    fm.what = "the lesson's front matter"
    fm.check_keys(LESSON_KEYS + THEME_KEYS)
    page_type = fm.text("type")
    if page_type is not None and page_type not in PAGE_TYPES:
        fm.error(fm.keys["type"][1], f"'type' is 'lesson' or 'page', not '{page_type}'")
    title = fm.text("title", required=True)
    summary = fm.text("summary", required=True)
    minutes = fm.whole_number("minutes")
    if not fm.has("minutes"):
        fm.error(
            fm.node,
            "the lesson's front matter is missing 'minutes'; add how long it takes, "
            f"in whole minutes ({MIN_MINUTES} to {MAX_MINUTES})",
        )
    elif minutes is not None and minutes < MIN_MINUTES:
        fm.error(
            fm.keys["minutes"][1],
            f"'minutes' is {minutes}; a lesson takes at least {MIN_MINUTES} minute, so write "
            f"how many whole minutes it takes ({MIN_MINUTES} to {MAX_MINUTES})",
        )
        minutes = None
    elif minutes is not None and minutes > MAX_MINUTES:
        fm.error(
            fm.keys["minutes"][1],
            f"'minutes' is {minutes}; a microlearning lesson takes {MIN_MINUTES} to "
            f"{MAX_MINUTES} minutes, so split a longer one into several lessons",
        )
        minutes = None
    roles = fm.roles("roles", declared_roles)
    objectives = fm.text_list("objectives")
    if len(diagnostics) > before or title is None or summary is None or minutes is None:
        return None
    return Lesson(
        src_path=src_path,
        title=title,
        summary=summary,
        minutes=minutes,
        roles=roles,
        objectives=objectives,
    )
