"""imsmanifest.xml for SCORM 1.2 and SCORM 2004 4th edition: one SCO, the launch page.

The whole course is one SCO: the launch page holds the session while the learner
moves between lessons in its frame, so the LMS sees one attempt with every
lesson, quiz and interaction in it. Every file of the package is listed.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from urllib.parse import quote

XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCORM12 = {
    "": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
}
SCORM2004 = {
    "": "http://www.imsglobal.org/xsd/imscp_v1p1",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
    "adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3",
    "adlnav": "http://www.adlnet.org/xsd/adlnav_v1p3",
    "imsss": "http://www.imsglobal.org/xsd/imsss",
}
SCHEMA_FILES = {
    "scorm12": {
        "": "imscp_rootv1p1p2.xsd",
        "adlcp": "adlcp_rootv1p2.xsd",
    },
    "scorm2004": {
        "": "imscp_v1p1.xsd",
        "adlcp": "adlcp_v1p3.xsd",
        "adlseq": "adlseq_v1p3.xsd",
        "adlnav": "adlnav_v1p3.xsd",
        "imsss": "imsss_v1p0.xsd",
    },
}
ORGANIZATION, ITEM, RESOURCE = "organization", "item", "sco"


def manifest_identifier(slug: str, standard: str) -> str:
    """An XML ID (it may not start with a digit) that names this course's package."""
    return f"course-{slug}-{standard}"


def scorm_manifest(
    standard: str, *, slug: str, title: str, launch: str, files: Iterable[str]
) -> bytes:
    """The manifest of a `standard` ("scorm12" or "scorm2004") package, as UTF-8 bytes."""
    namespaces = SCORM12 if standard == "scorm12" else SCORM2004
    cp, adlcp = namespaces[""], namespaces["adlcp"]

    def el(parent: ET.Element | None, tag: str, ns: str = "", text: str | None = None,
           **attributes: str) -> ET.Element:  # fmt: skip
        name = f"{{{ns or cp}}}{tag}"
        node = (
            ET.Element(name, attributes)
            if parent is None
            else ET.SubElement(parent, name, attributes)
        )
        node.text = text
        return node

    locations = " ".join(
        f"{namespaces[prefix]} {schema}" for prefix, schema in SCHEMA_FILES[standard].items()
    )
    root = el(
        None,
        "manifest",
        identifier=manifest_identifier(slug, standard),
        version="1",
        **{f"{{{XSI}}}schemaLocation": locations},
    )
    metadata = el(root, "metadata")
    el(metadata, "schema", text="ADL SCORM")
    el(metadata, "schemaversion", text="1.2" if standard == "scorm12" else "2004 4th Edition")
    organizations = el(root, "organizations", default=ORGANIZATION)
    organization = el(organizations, "organization", identifier=ORGANIZATION)
    el(organization, "title", text=title)
    item = el(organization, "item", identifier=ITEM, identifierref=RESOURCE)
    el(item, "title", text=title)
    if standard == "scorm2004":
        # The course says when it is complete and passed; the LMS must not work it out.
        sequencing = el(item, "sequencing", namespaces["imsss"])
        el(
            sequencing,
            "deliveryControls",
            namespaces["imsss"],
            completionSetByContent="true",
            objectiveSetByContent="true",
        )
    resources = el(root, "resources")
    scorm_type = "scormtype" if standard == "scorm12" else "scormType"
    resource = el(
        resources,
        "resource",
        identifier=RESOURCE,
        type="webcontent",
        href=launch,
        **{f"{{{adlcp}}}{scorm_type}": "sco"},
    )
    for name in files:
        el(resource, "file", href=quote(name, safe="/"))
    for prefix, uri in [*namespaces.items(), ("xsi", XSI)]:
        ET.register_namespace(prefix, uri)
    ET.indent(root, space=" ")
    text: bytes = ET.tostring(root, encoding="UTF-8", xml_declaration=True)
    return text + b"\n"
