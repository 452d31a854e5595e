"""cmi5.xml: valid against the cmi5 CourseStructure.xsd, one AU, moveOn and masteryScore
from the course's pass rules (cmi5 spec §13.1.4, §14)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from microcourse.package.cmi5_structure import NAMESPACE, course_structure, mastery_score

SCHEMA = etree.XMLSchema(
    etree.parse(
        str(Path(__file__).resolve().parents[1] / "support/schemas/cmi5/CourseStructure.xsd")
    )
)
NS = {"c": NAMESPACE}


def structure(**overrides: object) -> etree._Element:
    settings: dict[str, object] = {
        "slug": "social-media-at-work",
        "title": "Social media at work",
        "description": "A short course.",
        "language": "en",
        "launch": "launch.html",
        "pass_mark": 80,
    }
    settings.update(overrides)
    root = etree.fromstring(course_structure(**settings))  # type: ignore[arg-type]
    SCHEMA.assertValid(root)
    return root


def test_course_structure_is_valid_against_the_cmi5_schema_with_one_au() -> None:
    root = structure()
    aus = root.findall("c:au", NS)
    assert len(aus) == 1
    assert aus[0].findtext("c:url", namespaces=NS) == "launch.html"
    assert aus[0].get("moveOn") == "CompletedAndPassed"
    assert aus[0].get("masteryScore") == "0.8"


def test_au_ids_are_stable_and_differ_per_role() -> None:
    one, again, sales = structure(), structure(), structure(role="sales")
    au = "c:au"
    assert one.find(au, NS).get("id") == again.find(au, NS).get("id")
    assert one.find(au, NS).get("id") != sales.find(au, NS).get("id")
    assert one.find("c:course", NS).get("id") != one.find(au, NS).get("id")


def test_text_from_the_course_is_escaped_not_markup() -> None:
    root = structure(title="Tips & <tricks>", description="")
    assert root.findtext("c:course/c:title/c:langstring", namespaces=NS) == "Tips & <tricks>"
    # §13.1.1: a description is required; the title stands in for a missing one.
    assert root.findtext("c:au/c:description/c:langstring", namespaces=NS) == "Tips & <tricks>"


@pytest.mark.parametrize(
    ("pass_mark", "expected"), [(80, "0.8"), (0, "0"), (100, "1"), (67, "0.67"), (150, "1")]
)
def test_mastery_score_is_the_pass_mark_scaled_to_0_1(pass_mark: int, expected: str) -> None:
    assert mastery_score(pass_mark) == expected
    structure(pass_mark=pass_mark)  # and the schema takes it
