"""The order of pages, as the navigation in mkdocs.yml gives it."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from ..load.course_loader import RefusedLinks, source_files


def pages_in_nav(nav: object) -> list[str]:
    """Markdown paths in the order the `nav` setting lists them."""
    found: list[str] = []

    def walk(item: object) -> None:
        if isinstance(item, str):
            if item.endswith(".md") and "://" not in item:
                found.append(item.lstrip("/"))
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(nav)
    return found


def ordered_pages(
    nav: object, docs_dir: Path, project: Path | None = None, refused: RefusedLinks | None = None
) -> list[str]:
    """Every Markdown page: first in navigation order, then the rest by path.

    Every file under `docs_dir` is looked at, not only pages: MkDocs publishes them all,
    so a link among them that leads outside `project` is put in `refused`.
    """
    on_disk = [
        path for path in source_files(docs_dir, ("",), project, refused) if path.endswith(".md")
    ]
    present = set(on_disk)
    listed = [page for page in pages_in_nav(nav) if page in present]
    seen = set(listed)
    return listed + [page for page in on_disk if page not in seen]


def unlisted_pages(config: MkDocsConfig, pages: list[str]) -> list[str]:
    """Pages the `nav` setting leaves out (none without one: then MkDocs lists every page).

    Pages that `not_in_nav` or `exclude_docs` name are meant to be left out.
    """
    if not config.nav:
        return []
    listed = set(pages_in_nav(config.nav))
    meant = [spec for spec in (config.not_in_nav, config.exclude_docs) if spec is not None]
    return [
        page
        for page in pages
        if page not in listed and not any(spec.match_file(page) for spec in meant)
    ]
