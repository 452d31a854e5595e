"""The order of pages, as the navigation in mkdocs.yml gives it."""

from __future__ import annotations

from pathlib import Path

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
