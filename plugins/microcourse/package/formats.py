"""The package formats: what each adds to the site besides the launch page.

A format names the runtime scripts its launch page loads (from assets/lms/, put
into the package as they are shipped) and writes its own descriptor files (a
SCORM imsmanifest.xml, a cmi5.xml). To add one, add an entry to FORMATS.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .cmi5_structure import course_structure
from .scorm_manifest import scorm_manifest
from .site_folder import BuiltSite

# (site, slug, launch page, every file in the package, role) -> {name in the zip: bytes}
Descriptors = Callable[[BuiltSite, str, str, list[str], str | None], dict[str, bytes]]


@dataclass(frozen=True)
class PackageFormat:
    name: str  # as given to --format, and in the zip's name: <slug>-<name>.zip
    standard: str  # the adapter the launch page starts (data-mc-standard)
    runtime: tuple[str, ...]  # assets/lms/ files the launch page loads, in order
    descriptors: Descriptors


def _scorm(standard: str) -> Descriptors:
    def descriptors(
        site: BuiltSite, slug: str, launch: str, files: list[str], role: str | None
    ) -> dict[str, bytes]:
        manifest = scorm_manifest(
            standard, slug=slug, title=site.site_name, launch=launch, files=files
        )
        return {"imsmanifest.xml": manifest}

    return descriptors


def _cmi5(
    site: BuiltSite, slug: str, launch: str, files: list[str], role: str | None
) -> dict[str, bytes]:
    """cmi5.xml, with ids of their own for a package of one role (a course of its own)."""
    structure = course_structure(
        slug=slug,
        title=site.site_name,
        description=site.description,
        language=site.language,
        launch=launch,
        pass_mark=site.pass_mark,
        role=role,
    )
    return {"cmi5.xml": structure}


SCORM_RUNTIME = ("state-codec.js", "scorm.js")

FORMATS: dict[str, PackageFormat] = {
    "scorm12": PackageFormat("scorm12", "scorm12", SCORM_RUNTIME, _scorm("scorm12")),
    "scorm2004": PackageFormat("scorm2004", "scorm2004", SCORM_RUNTIME, _scorm("scorm2004")),
    "cmi5": PackageFormat("cmi5", "cmi5", ("cmi5.js",), _cmi5),
}
