"""imsmanifest.xml of each SCORM package validates against ADL's schemas for its version,
and lists exactly the package's files."""

from __future__ import annotations

import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest
from lxml import etree

from .conftest import run_package

SCHEMAS = Path(__file__).resolve().parents[1] / "support" / "schemas"
# Namespace -> schema file, per version: one schema document that imports them all.
NAMESPACES = {
    "scorm12": {
        "http://www.imsproject.org/xsd/imscp_rootv1p1p2": "imscp_rootv1p1p2.xsd",
        "http://www.adlnet.org/xsd/adlcp_rootv1p2": "adlcp_rootv1p2.xsd",
    },
    "scorm2004": {
        "http://www.imsglobal.org/xsd/imscp_v1p1": "imscp_v1p1.xsd",
        "http://www.adlnet.org/xsd/adlcp_v1p3": "adlcp_v1p3.xsd",
        "http://www.adlnet.org/xsd/adlseq_v1p3": "adlseq_v1p3.xsd",
        "http://www.adlnet.org/xsd/adlnav_v1p3": "adlnav_v1p3.xsd",
        "http://www.imsglobal.org/xsd/imsss": "imsss_v1p0.xsd",
    },
}


def schema_for(version: str) -> etree.XMLSchema:
    folder = SCHEMAS / version
    imports = "".join(
        f'<xs:import namespace="{ns}" schemaLocation="{(folder / name).as_uri()}"/>'
        for ns, name in NAMESPACES[version].items()
    )
    text = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'
    return etree.XMLSchema(etree.fromstring(text.encode(), base_url=folder.as_uri() + "/"))


@pytest.mark.parametrize("version", ["scorm12", "scorm2004"])
def test_manifest_validates_and_lists_every_file(
    built_fixture: Path, tmp_path: Path, version: str
) -> None:
    target = tmp_path / "p.zip"
    result = run_package("--format", version, built_fixture, target)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        document = etree.fromstring(archive.read("imsmanifest.xml"))
    schema = schema_for(version)
    assert schema.validate(document), "\n".join(str(e) for e in schema.error_log)
    ns = {"cp": document.nsmap[None]}
    resources = document.findall("cp:resources/cp:resource", ns)
    assert len(resources) == 1
    assert resources[0].get("href") == "launch.html"
    listed = {unquote(f.get("href")) for f in resources[0].findall("cp:file", ns)}
    assert listed == names - {"imsmanifest.xml"}
    schema_version = document.findtext("cp:metadata/cp:schemaversion", namespaces=ns)
    assert schema_version == {"scorm12": "1.2", "scorm2004": "2004 4th Edition"}[version]


def test_the_schemas_reject_a_broken_manifest(built_fixture: Path, tmp_path: Path) -> None:
    """The validation can fail: an item pointing nowhere is not caught by XSD, but a
    resource without its required type is."""
    target = tmp_path / "p.zip"
    assert run_package("--format", "scorm2004", built_fixture, target).returncode == 0
    with zipfile.ZipFile(target) as archive:
        document = etree.fromstring(archive.read("imsmanifest.xml"))
    resource = document.find(".//{*}resource")
    del resource.attrib["type"]
    assert not schema_for("scorm2004").validate(document)
