"""The real course, served under a sub-path: nothing requested from another host, video plays."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from .conftest import PREFIX, RequestLog


def test_every_request_stays_on_the_host_and_under_the_sub_path(
    page: Page, course_server: str, request_log: RequestLog
) -> None:
    page.goto(course_server)
    expect(page.locator(".mc-role-choice__link").first).to_be_visible()
    page.goto(course_server + "twitter/profile-and-bio/")
    expect(page.locator("video.mc-video__player")).to_have_count(1)
    # Instant navigation fetches pages itself; follow a link in the navigation.
    page.locator(".md-nav__link", has_text="Your first post").first.click()
    expect(page.locator(".mc-quiz").first).to_be_visible()
    # Search runs in a worker that loads the index from the site. Material closes
    # search 125 ms after a navigation, so wait that out before opening it.
    page.wait_for_timeout(400)
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially("hashtag")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)

    request_log.assert_local()
    paths = {urlsplit(url).path for url in request_log.urls if url.startswith("http")}
    outside = sorted(p for p in paths if not p.startswith(PREFIX))
    assert not outside, f"requests outside {PREFIX}: {outside}"
    assert any(p.endswith("search_index.json") for p in paths)


def test_a_local_video_plays_with_its_captions_showing(page: Page, course_server: str) -> None:
    page.goto(course_server + "twitter/profile-and-bio/")
    video = page.locator("video.mc-video__player")
    assert video.get_attribute("preload") == "metadata"
    expect(page.locator("video.mc-video__player track[kind=captions]")).to_have_count(1)
    page.evaluate(
        "async () => { const v = document.querySelector('video.mc-video__player');"
        " v.muted = true; v.textTracks[0].mode = 'showing'; await v.play(); }"
    )
    page.wait_for_function(
        "() => { const v = document.querySelector('video.mc-video__player');"
        " return v.currentTime > 2.5 && v.textTracks[0].activeCues"
        " && v.textTracks[0].activeCues.length > 0; }",
        timeout=20_000,
    )
    cue = page.evaluate(
        "() => document.querySelector('video.mc-video__player').textTracks[0].activeCues[0].text"
    )
    transcript = page.locator(".mc-video__transcript").text_content() or ""
    assert cue.split()[0] in transcript


@pytest.mark.parametrize("path", ["", "paths/", "authoring/quizzes/", "authoring/errors/"])
def test_real_pages_with_code_and_paths_have_no_axe_violations(
    page: Page, course_server: str, axe: Callable[[Page, str], None], path: str
) -> None:
    page.goto(course_server + path)
    page.wait_for_selector("html.mc-js")
    axe(page, f"/{path} light")
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    page.wait_for_timeout(400)  # Material eases colours over 250 ms
    axe(page, f"/{path} dark")


def test_the_authors_guide_is_built_but_not_in_the_learners_nav_or_search(
    built_course: Path,
) -> None:
    guide = sorted(built_course.glob("authoring/**/index.html"))
    assert len(guide) >= 8, "the authors' guide is built with the course"
    index = json.loads((built_course / "search" / "search_index.json").read_text("utf-8"))
    found = [doc["location"] for doc in index["docs"] if doc["location"].startswith("authoring/")]
    assert not found, f"the authors' guide is in the learners' search: {found[:5]}"
    assert any(doc["location"].startswith("start/") for doc in index["docs"])
    for page in [built_course / "index.html", *built_course.glob("start/*/index.html")]:
        nav = page.read_text("utf-8").split('class="md-content"')[0]
        assert "authoring/" not in nav, f"{page} links the authors' guide in its navigation"


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", ["", "twitter/first-post/", "paths/"])
def test_targets_are_large_enough_wcag_2_5_8(
    page: Page, course_server: str, axe: Callable[..., None], path: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(course_server + path)
    page.wait_for_selector("html.mc-js")
    if width < 600:
        page.locator(
            'label.md-header__button[for="__drawer"]'
        ).click()  # the navigation, as on a phone
        page.wait_for_timeout(400)
    axe(page, f"/{path} {width}px target-size", ["wcag22aa"])
