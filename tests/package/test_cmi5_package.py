"""The cmi5 package from `python -m microcourse.package --format cmi5`: cmi5.xml at the
root, valid against the cmi5 schema (§14.1), a launch page that loads the cmi5 runtime;
the SCORM packages and the plain site never carry it."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from .conftest import run_package
from .test_cmi5_structure import NS, SCHEMA


def package(site: Path, target: Path, *args: str) -> zipfile.ZipFile:
    result = run_package(*args, site, target)
    assert result.returncode == 0, result.stderr
    return zipfile.ZipFile(target)


def test_cmi5_package_holds_a_valid_course_structure_at_its_root_14_1(
    built_fixture: Path, tmp_path: Path
) -> None:
    with package(built_fixture, tmp_path / "c.zip", "--format", "cmi5") as archive:
        names = set(archive.namelist())
        structure = etree.fromstring(archive.read("cmi5.xml"))
        launch = archive.read("launch.html").decode()
    SCHEMA.assertValid(structure)
    url = structure.findtext("c:au/c:url", namespaces=NS)
    assert url == "launch.html" and url in names  # relative, inside the zip (§14.1)
    assert structure.find("c:au", NS).get("masteryScore") == "0.8"  # the fixture's pass mark 80
    assert 'data-mc-standard="cmi5"' in launch
    assert '<script src="assets/lms/cmi5.js"></script>' in launch
    assert "assets/lms/scorm.js" not in names


def test_only_the_cmi5_package_carries_the_cmi5_runtime(
    built_fixture: Path, tmp_path: Path
) -> None:
    for name in ("scorm12", "scorm2004"):
        with package(built_fixture, tmp_path / f"{name}.zip", "--format", name) as archive:
            assert "assets/lms/cmi5.js" not in archive.namelist()
            assert "cmi5" not in archive.read("launch.html").decode()
    assert not list(built_fixture.rglob("cmi5*"))


def test_a_role_package_is_a_course_of_its_own(built_fixture: Path, tmp_path: Path) -> None:
    with package(built_fixture, tmp_path / "all.zip", "--format", "cmi5") as archive:
        everyone = etree.fromstring(archive.read("cmi5.xml"))
    with package(
        built_fixture, tmp_path / "s.zip", "--format", "cmi5", "--role", "sales"
    ) as archive:
        sales = etree.fromstring(archive.read("cmi5.xml"))
        assert 'data-mc-role="sales"' in archive.read("launch.html").decode()
    SCHEMA.assertValid(sales)
    for part in ("c:course", "c:au"):
        assert everyone.find(part, NS).get("id") != sales.find(part, NS).get("id")
