"""Titles and other front-matter text reach every place the theme prints them as text."""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup

from tests.test_build import run

HOSTILE = 'Replying to <angry> customers </title><script>alert(1)</script> & "friends"'
SECTION = "Customers <in> public & <b>more</b>"
SUBTITLE = "<img src=x onerror=alert(2)>"


def _build(course: Path) -> Path:
    lesson = course / "content" / "customers" / "public-complaints.md"
    text = lesson.read_text()
    lesson.write_text(
        text.replace(
            "title: When a customer complains in public",
            f"title: {json.dumps(HOSTILE)}\nsubtitle: {json.dumps(SUBTITLE)}\n"
            f"description: {json.dumps(HOSTILE)}",
            1,
        )
    )
    config = course / "mkdocs.yml"
    config.write_text(config.read_text().replace("Customers in public:", f"{json.dumps(SECTION)}:"))
    site = course / "site"
    result = run("-m", "mkdocs", "build", "-q", "-d", str(site), cwd=course)
    assert result.returncode == 0, result.stderr
    return site


def test_a_title_with_markup_is_text_in_the_nav_title_header_footer_and_search(
    course_copy: Path,
) -> None:
    site = _build(course_copy)
    pages = sorted(site.rglob("*.html"))
    for page_file in pages:
        page = BeautifulSoup(page_file.read_text(), "html.parser")
        for script in page.find_all("script"):
            assert "alert" not in script.get_text(), f"{page_file}: a title's <script> runs"
        assert not page.find_all(attrs={"onerror": True}), f"{page_file}: a subtitle's handler"
        assert not page.select("nav b"), f"{page_file}: a section title's <b> is markup"

    lesson = BeautifulSoup(
        (site / "customers" / "public-complaints" / "index.html").read_text(), "html.parser"
    )
    assert lesson.title is not None
    assert lesson.title.get_text() == f"{HOSTILE} - Social media at work"
    header = lesson.select_one(".md-header__topic[data-md-component=header-topic] .md-ellipsis")
    assert header is not None and header.get_text(strip=True) == HOSTILE
    description = lesson.find("meta", attrs={"name": "description"})
    assert description is not None and description["content"] == HOSTILE
    nav_links = [a.get_text(" ", strip=True) for a in lesson.select("nav.md-nav a.md-nav__link")]
    assert any(text.startswith(HOSTILE) and SUBTITLE in text for text in nav_links), nav_links
    section_labels = [label.get_text(strip=True) for label in lesson.select("label.md-nav__link")]
    assert SECTION in section_labels

    # The pages before and after name it in their footer.
    footers = []
    for page_file in pages:
        page = BeautifulSoup(page_file.read_text(), "html.parser")
        footers += [t.get_text(strip=True) for t in page.select(".md-footer__title .md-ellipsis")]
    assert footers.count(HOSTILE) == 2

    # Search shows its index's titles as HTML: there, the title is escaped text.
    index = json.loads((site / "search" / "search_index.json").read_text())
    titles = [
        doc["title"] for doc in index["docs"] if doc["location"] == "customers/public-complaints/"
    ]
    assert titles and BeautifulSoup(titles[0], "html.parser").get_text() == HOSTILE


def test_the_home_page_title_is_the_course_name_once(tmp_path: Path) -> None:
    from tests.conftest import ROOT

    site = tmp_path / "site"
    assert run("-m", "mkdocs", "build", "-q", "-d", str(site), cwd=ROOT).returncode == 0
    home = BeautifulSoup((site / "index.html").read_text(), "html.parser")
    assert home.title is not None and home.title.get_text() == "Social media at work"
    lesson = BeautifulSoup(
        (site / "policy" / "the-donts" / "index.html").read_text(), "html.parser"
    )
    assert (
        lesson.title is not None and lesson.title.get_text() == "The don'ts - Social media at work"
    )
