"""The order of pages, as the navigation in mkdocs.yml gives it."""

from __future__ import annotations

from pathlib import Path

from ..load.course_loader import source_files


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


def ordered_pages(nav: object, docs_dir: Path) -> list[str]:
    """Every Markdown page: first in navigation order, then the rest by path."""
    on_disk = source_files(docs_dir, (".md",))
    present = set(on_disk)
    listed = [page for page in pages_in_nav(nav) if page in present]
    seen = set(listed)
    return listed + [page for page in on_disk if page not in seen]
