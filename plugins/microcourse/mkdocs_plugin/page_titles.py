"""Page and section titles reach the theme as text, never as HTML.

MkDocs' templates are not autoescaped, and Material prints titles as they are in
the navigation, the header, the footer, the search index and more: a title such
as `Replying to <angry> customers` would lose its `<angry>`, and a `<script>`
would run on every page. Each title (and each other front-matter text the theme
prints) is escaped once, as `Markup`, so a template's own `| e` leaves it alone.
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup, escape
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

# Front-matter texts Material prints into the page (base.html, partials/nav-item.html).
PRINTED_META = ("title", "subtitle", "description", "status", "author")


def escape_titles(nav: Navigation, files: Files) -> None:
    """Call once every page has been read and before any is rendered (MkDocs' `on_env`)."""
    for file in files.documentation_pages():
        page = file.page
        if isinstance(page, Page):
            _escape_page(page)
    _escape_sections(nav.items)


def _escape_page(page: Page) -> None:
    title = page.title
    if title is not None and not isinstance(title, Markup):
        page.title = escape(title)
    for key in PRINTED_META:
        value = page.meta.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            page.meta[key] = escape(value)


def _escape_sections(items: Iterable[object]) -> None:
    for item in items:
        if isinstance(item, Page):
            continue  # every page is escaped above, nav or not
        title = getattr(item, "title", None)
        if isinstance(title, str) and not isinstance(title, Markup):
            item.title = escape(title)  # type: ignore[attr-defined]
        if isinstance(item, Section):
            _escape_sections(item.children)
