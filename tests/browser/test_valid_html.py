"""Every built page of both courses through the W3C Nu HTML Checker: none of its errors ours."""

from __future__ import annotations

from pathlib import Path

from tests.support.vnu import check


def test_no_page_has_an_html_error_in_the_course_markup(
    fixture_site: Path, built_course: Path
) -> None:
    messages = check([fixture_site, built_course])  # one JVM for both sites
    pages = list(fixture_site.rglob("*.html")) + list(built_course.rglob("*.html"))
    assert len(pages) > 30
    ours = [str(m) for m in messages if m.ours]
    assert not ours, "vnu errors in the course's markup:\n" + "\n".join(ours)
