"""`python -m microcourse.package`: a package from a built course, or a located error and no zip."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from microcourse.package.slug import slugify
from microcourse.package.zip_writer import write_zip
from tests.conftest import ROOT

from .conftest import run_package


def test_scorm_packages_hold_the_site_the_launch_page_and_the_runtime(
    built_fixture: Path, tmp_path: Path
) -> None:
    for name in ("scorm12", "scorm2004"):
        target = tmp_path / f"{name}.zip"
        result = run_package("--format", name, built_fixture, target)
        assert result.returncode == 0, result.stderr
        with zipfile.ZipFile(target) as archive:
            names = set(archive.namelist())
            launch = archive.read("launch.html").decode()
        site_files = {
            p.relative_to(built_fixture).as_posix() for p in built_fixture.rglob("*") if p.is_file()
        }
        assert site_files <= names
        assert {"imsmanifest.xml", "launch.html", "assets/lms/lms-host.js", "assets/lms/scorm.js",
                "assets/lms/state-codec.js"} <= names  # fmt: skip
        assert f'data-mc-standard="{name}"' in launch
        for script in ("assets/course/config.js", "assets/lms/lms-host.js", "assets/lms/scorm.js"):
            assert f'<script src="{script}"></script>' in launch
        # Nothing of the LMS runtime is in the plain site.
        assert not (built_fixture / "assets" / "lms").exists()


def test_a_folder_as_target_names_the_zip_by_the_site_name(
    built_fixture: Path, tmp_path: Path
) -> None:
    result = run_package("--format", "scorm2004", built_fixture, f"{tmp_path}/dist/")
    assert result.returncode == 0, result.stderr
    site_name = json.loads((built_fixture / "assets/course/course.json").read_text())["siteName"]
    assert (tmp_path / "dist" / f"{slugify(site_name)}-scorm2004.zip").is_file()


def test_role_package_starts_on_that_roles_path(built_fixture: Path, tmp_path: Path) -> None:
    course = json.loads((built_fixture / "assets/course/course.json").read_text())
    role = course["roles"][0]["id"]
    result = run_package("--format", "scorm12", "--role", role, built_fixture, tmp_path / "r.zip")
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "r.zip") as archive:
        assert f'data-mc-role="{role}"' in archive.read("launch.html").decode()


def test_an_unknown_role_is_named_with_the_roles_there_are(
    built_fixture: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out.zip"
    result = run_package("--format", "scorm12", "--role", "salse", built_fixture, target)
    assert result.returncode == 1
    assert result.stderr.startswith("--role: error: no role 'salse' in this course (its roles: ")
    assert "Traceback" not in result.stderr
    assert not target.exists()


@pytest.mark.parametrize("missing", ["assets/course/config.js", "assets/course/course.json"])
def test_a_folder_that_is_not_a_built_course(
    built_fixture: Path, tmp_path: Path, missing: str
) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_fixture, site)
    (site / missing).unlink()
    target = tmp_path / "out.zip"
    result = run_package("--format", "scorm2004", site, target)
    assert result.returncode == 1
    assert (
        result.stderr
        == f"{site}/: error: not a built course: {missing} is missing (build it with the course plugin, then package the folder the build wrote)\n"
    )
    assert not target.exists()
    assert not list(tmp_path.glob(".out.zip*")), "a temporary file was left behind"


def test_a_missing_folder_and_a_garbled_course_description(
    built_fixture: Path, tmp_path: Path
) -> None:
    result = run_package("--format", "scorm12", tmp_path / "nowhere", tmp_path / "out.zip")
    assert result.returncode == 1
    assert "nowhere/: error: no such folder" in result.stderr
    site = tmp_path / "site"
    shutil.copytree(built_fixture, site)
    (site / "assets/course/course.json").write_text("{not json", encoding="utf-8")
    result = run_package("--format", "scorm12", site, tmp_path / "out.zip")
    assert result.returncode == 1
    assert result.stderr.startswith(
        f"{site}/assets/course/course.json: error: not a course description"
    )
    assert not (tmp_path / "out.zip").exists()


def test_a_site_name_that_makes_no_slug(built_fixture: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_fixture, site)
    manifest = site / "assets/course/course.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["siteName"] = "★ ★ ★"
    manifest.write_text(json.dumps(data), encoding="utf-8")
    result = run_package("--format", "scorm12", site, f"{tmp_path}/dist/")
    assert result.returncode == 1
    assert result.stderr.startswith(
        f"{manifest}: error: the site name '★ ★ ★' has no letters or digits"
    )
    assert not (tmp_path / "dist").exists() or not any((tmp_path / "dist").iterdir())


def test_a_zip_that_fails_half_way_leaves_the_old_one_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "course.zip"
    target.write_bytes(b"the previous package")
    (tmp_path / "page.html").write_text("<p>hello</p>", encoding="utf-8")
    members = [("page.html", tmp_path / "page.html"), ("gone.html", tmp_path / "vanished.html")]
    with pytest.raises(FileNotFoundError):
        write_zip(target, members)
    assert target.read_bytes() == b"the previous package"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["course.zip", "page.html"]
    assert write_zip(target, members[:1]) == target.stat().st_size
    with zipfile.ZipFile(target) as archive:
        assert archive.read("page.html") == b"<p>hello</p>"


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Social media at work", "social-media-at-work"),
        ("  Réseaux sociaux & travail!  ", "reseaux-sociaux-travail"),
        ("2026: Policy", "2026-policy"),
        ("★", ""),
        ("", ""),
    ],
)
def test_slugs(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_the_launch_page_is_valid_html(built_fixture: Path, tmp_path: Path) -> None:
    """Judged by the W3C Nu checker (vnu-jar from npm, on Java)."""
    vnu = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    target = tmp_path / "p.zip"
    assert (
        run_package("--format", "scorm12", "--role", "sales", built_fixture, target).returncode == 0
    )
    with zipfile.ZipFile(target) as archive:
        (tmp_path / "launch.html").write_bytes(archive.read("launch.html"))
    result = subprocess.run(
        ["java", "-jar", str(vnu), "--errors-only", "--format", "text", str(tmp_path / "launch.html")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_site_whose_pages_link_to_folders_is_packaged_with_a_warning(
    built_fixture: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_fixture, site)
    manifest = site / "assets/course/course.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    for lesson in data["lessons"]:
        lesson["url"] = lesson["url"].removesuffix(".html") + "/"
    manifest.write_text(json.dumps(data), encoding="utf-8")
    result = run_package("--format", "scorm12", site, tmp_path / "p.zip")
    assert result.returncode == 0
    assert result.stderr.startswith(f"{site}/: warning: pages link to folders")
    assert (tmp_path / "p.zip").is_file()
    assert (
        "warning"
        not in run_package("--format", "scorm12", built_fixture, tmp_path / "q.zip").stderr
    )
