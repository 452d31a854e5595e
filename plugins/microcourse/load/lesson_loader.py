"""Reads a lesson's front matter into a `Lesson`, reporting every mistake with its place."""

from __future__ import annotations

import re
from collections.abc import Collection

import yaml

from ..diagnostics import Diagnostics, Location
from ..model import Lesson
from .yaml_source import FAST_LOADER, MappingReader, as_mapping, describe, parse_yaml, suggest

LESSON_KEYS = ["title", "summary", "minutes", "roles", "objectives", "type"]
# Front matter that Material reads itself. Each is checked here, because the theme
# gives a traceback, or a broken page, for a value it does not expect. (`icon`,
# `template`, `tags`, `social` and `comments` are left out: in this course they
# break the build when wrong and do nothing when right.)
THEME_KEYS = ["description", "subtitle", "status", "hide", "search"]
HIDE_ITEMS = ["navigation", "toc", "footer", "feedback", "path"]
STATUSES = ["new", "deprecated"]
SEARCH_KEYS = ["exclude", "boost"]
_BOOST = re.compile(r"[0-9]+(?:\.[0-9]+)?")
PAGE_TYPES = ["lesson", "page"]
PAGE_KEYS = ["title", "type", *THEME_KEYS]
# A Markdown heading after a blank line; a commented-out key (`# roles: [sales]`) is not one.
_MARKDOWN_HEADING = re.compile(r"(?:\A|\n[ \t]*\n)(#{1,6}[ \t]+(?![\w-]+:)\S)")
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


def lesson_body(text: str) -> tuple[str, int]:
    """The Markdown after the front matter, and the file line it starts on."""
    found = split_front_matter(text)
    if found is None:
        return text, 1
    front_matter_lines = found[0].count("\n") + 2
    return "\n".join(text.split("\n")[front_matter_lines:]), front_matter_lines + 1


def check_theme_keys(fm: MappingReader) -> None:
    """The values of the theme's own front-matter keys, which Material cannot check."""
    for key in ("description", "subtitle"):
        fm.text(key)
    status = fm.text("status")
    if status is not None and status not in STATUSES:
        fm.error(
            fm.keys["status"][1],
            f"'status' is {' or '.join(repr(s) for s in STATUSES)}, not '{status}'; "
            "or remove the line",
        )
    hide = fm.value("hide")
    if hide is not None:
        items = hide.value if isinstance(hide, yaml.SequenceNode) else None
        if items is None:
            fm.error(
                hide,
                f"'hide' is a list of what to hide, like 'hide: [toc]', not {describe(hide)}; "
                f"the items are {', '.join(HIDE_ITEMS)}",
            )
        for item in items or []:
            if not (isinstance(item, yaml.ScalarNode) and item.value in HIDE_ITEMS):
                fm.error(
                    item,
                    f"'hide' cannot hide {describe(item)}; "
                    f"{suggest(str(getattr(item, 'value', '')), HIDE_ITEMS)}"
                    f"the items are {', '.join(HIDE_ITEMS)}",
                )
    search = fm.mapping("search")
    if search is not None:
        search.what = "'search'"
        search.check_keys(SEARCH_KEYS)
        search.boolean("exclude")
        boost = search.value("boost")
        if boost is not None and not (
            isinstance(boost, yaml.ScalarNode) and not boost.style and _BOOST.fullmatch(boost.value)
        ):
            search.error(
                boost, f"'boost' under 'search' is a number, like 2, not {describe(boost)}"
            )


def read_front_matter(
    display_path: str, text: str, diagnostics: Diagnostics, what: str
) -> MappingReader | None:
    """The front matter as a mapping (every mistake in it reported), or None.

    `what` names the file in messages: "lesson" or "page".
    """
    found = split_front_matter(text)
    if found is None and re.match(r"(?:\ufeff)?---[ \t]*\r?\n", text):
        diagnostics.error(
            Location(display_path),
            "the front matter that starts here is never closed; add a line with just '---' "
            "after its last line",
        )
        return None
    if found is None:
        return None
    yaml_text, first_line = found
    heading = _MARKDOWN_HEADING.search(yaml_text)
    if heading is not None:
        line = first_line + yaml_text.count("\n", 0, heading.start(1))
        diagnostics.error(
            Location(display_path, line),
            "this heading is inside the front matter, so the '---' line that ends the front "
            "matter is missing above it; add a line with just '---' after the front matter's "
            "last line",
        )
        return None
    before = len(diagnostics)
    # Pad with blank lines so that YAML's line numbers are the file's.
    padded = "\n" * (first_line - 1) + yaml_text
    root = parse_yaml(display_path, padded, diagnostics)
    if root is None:
        if len(diagnostics) == before and what == "lesson":
            diagnostics.error(
                Location(display_path, first_line),
                "the front matter is empty; add 'title:', 'summary:' and 'minutes:' lines",
            )
        return None
    fm = as_mapping(display_path, root, diagnostics, "the front matter", padded)
    if fm is not None:
        fm.what = f"the {what}'s front matter"
    return fm


def check_page_front_matter(display_path: str, text: str, diagnostics: Diagnostics) -> None:
    """A page that is not a lesson (the home page, `type: page`): what its front matter may hold."""
    fm = read_front_matter(display_path, text, diagnostics, "page")
    if fm is None:
        return
    fm.check_keys(PAGE_KEYS)
    page_type = fm.text("type")
    if page_type is not None and page_type not in PAGE_TYPES:
        fm.error(fm.keys["type"][1], f"'type' is 'lesson' or 'page', not '{page_type}'")
    fm.text("title")
    check_theme_keys(fm)


def load_lesson(
    src_path: str,
    display_path: str,
    text: str,
    diagnostics: Diagnostics,
    declared_roles: Collection[str] | None = None,
) -> Lesson | None:
    """The lesson in `text`; `display_path` is how messages name the file."""
    if split_front_matter(text) is None and not re.match(r"(?:\ufeff)?---[ \t]*\r?\n", text):
        diagnostics.error(
            Location(display_path),
            "this lesson has no front matter; start the file with '---', then 'title:', "
            "'summary:' and 'minutes:' lines, then '---' (or add 'type: page' if it is "
            "not a lesson)",
        )
        return None
    before = len(diagnostics)
    fm = read_front_matter(display_path, text, diagnostics, "lesson")
    if fm is None:
        return None
    fm.check_keys(LESSON_KEYS + THEME_KEYS)
    check_theme_keys(fm)
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
