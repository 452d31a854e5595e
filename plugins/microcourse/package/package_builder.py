"""A built site folder in, an LMS package out: checks, then one atomic zip."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..shipped_assets import shipped
from .formats import FORMATS, PackageFormat
from .launch_page import LAUNCH_PAGE, LaunchSettings, launch_page
from .problems import PackageError
from .site_folder import BuiltSite, read_site_folder
from .slug import slugify
from .zip_writer import Member, write_zip

LMS_ASSETS = "assets/lms"


@dataclass(frozen=True)
class PackageResult:
    path: Path
    size: int  # bytes
    files: int
    slug: str
    directory_urls: bool  # pages link to folders, which not every LMS serves


def course_slug(site: BuiltSite) -> str:
    slug = slugify(site.site_name)
    if not slug:
        raise PackageError(
            str(site.root / "assets/course/course.json"),
            f"the site name {site.site_name!r} has no letters or digits to name the package by; "
            "give site_name in mkdocs.yml some, then build again",
        )
    return slug


def check_role(site: BuiltSite, role: str | None) -> None:
    if role is None or site.role(role) is not None:
        return
    known = ", ".join(r.id for r in site.roles) or "none"
    raise PackageError("--role", f"no role {role!r} in this course (its roles: {known})")


def runtime_files(package_format: PackageFormat) -> dict[str, bytes]:
    """The browser runtime of a format, as the package holds it: assets/lms/<name>."""
    names = ("lms-host.js", *package_format.runtime)
    return {f"{LMS_ASSETS}/{name}": shipped(f"lms/{name}").encode() for name in names}


def build_package(
    site_dir: Path,
    target: Path,
    format_name: str,
    role: str | None = None,
    *,
    into_folder: bool = False,
) -> PackageResult:
    """Packages the built course in `site_dir` as `format_name` into `target` (a .zip), or
    into `target/<slug>-<format>.zip` with `into_folder`."""
    package_format = FORMATS[format_name]
    site = read_site_folder(site_dir)
    check_role(site, role)
    slug = course_slug(site)
    if into_folder:
        target = target / f"{slug}-{format_name}.zip"
    runtime = runtime_files(package_format)
    ours = {
        LAUNCH_PAGE: launch_page(
            site,
            LaunchSettings(
                standard=package_format.standard,
                scripts=tuple(f"{LMS_ASSETS}/{name}" for name in package_format.runtime),
                role=role,
            ),
        ).encode(),
        **runtime,
    }
    clashes = sorted(set(ours) & set(site.files))
    if clashes:
        raise PackageError(
            f"{site_dir}/{clashes[0]}",
            "the site has a file of this name, which the package needs for itself",
        )
    files = [*site.files, *ours]
    descriptors = package_format.descriptors(site, slug, LAUNCH_PAGE, sorted(files), role)
    members: list[Member] = [(name, site_dir / name) for name in site.files]
    members += [(name, content) for name, content in {**ours, **descriptors}.items()]
    size = write_zip(target, members)
    return PackageResult(target, size, len(members), slug, site.directory_urls)
