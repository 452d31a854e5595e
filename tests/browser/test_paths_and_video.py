"""Progress on the home page and the paths page; click-to-load video; shuffled options."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import expect


def test_progress_on_home_and_paths_page(learner, page):
    learner.open("")
    progress = page.locator('[data-mc-path-progress="sales"]')
    expect(progress).to_have_text("0 of 3 lessons done")
    # Choosing a path on the home page picks the role too, and opens its path.
    page.locator('a[data-mc-role-link="sales"]').click()
    expect(page).to_have_url(re.compile(r"paths/#path-sales$"))
    expect(page.locator(".mc-rolebar select")).to_have_value("sales")
    sales_path = page.locator("#path-sales")
    expect(sales_path.get_by_role("heading")).to_have_text("Learning path: Sales")
    expect(sales_path).to_be_in_viewport()
    status = sales_path.locator('[data-mc-lesson-status="basics/first"]')
    expect(status).to_have_text(re.compile("Not started"))

    sales_path.locator(".mc-path__link", has_text="First lesson").click()
    expect(learner.take("first", right=True)).to_contain_text("Passed")
    # The paths page is in the navigation; each path has its section there.
    page.locator(".md-sidebar--primary a.md-nav__link", has_text="Learning paths").first.click()
    expect(status).to_have_text(re.compile("Completed"))
    expect(sales_path.locator('.mc-path__item[data-mc-lesson="basics/first"]')).to_have_class(
        re.compile("mc-path__item--complete")
    )
    expect(sales_path.locator('[data-mc-path-progress="sales"]')).to_have_text(
        "Your path: 1 of 3 lessons done"
    )
    # A path's link on the paths page itself picks its role without leaving the page.
    page.locator("a.mc-role-choice__link", has_text="Everyone").click()
    expect(page).to_have_url(re.compile(r"paths/(\?role=everyone)?#path-everyone$"))
    expect(page.locator(".mc-rolebar select")).to_have_value("everyone")
    page.locator("a.mc-role-choice__link", has_text="Sales").click()
    expect(page).to_have_url(re.compile(r"#path-sales$"))
    expect(page.locator(".mc-rolebar select")).to_have_value("sales")
    # A lesson without a quiz for the role is done once read.
    sales_path.locator(".mc-path__link", has_text="Second lesson").click()
    expect(page.locator('.mc-lesson__status[data-mc-lesson-status="basics/second"]')).to_have_text(
        re.compile("In progress")
    )
    learner.open("")
    expect(page.locator('[data-mc-path-progress="everyone"]')).to_have_text("1 of 2 lessons done")
    expect(page.locator('[data-mc-path-progress="sales"]')).to_have_text(
        "Your path: 1 of 3 lessons done"
    )


def test_external_video_loads_only_after_the_click(learner, page, request_log):
    learner.open("basics/second/")
    page.wait_for_load_state("networkidle")
    figure = page.locator(".mc-video--external")
    assert not [u for u in request_log.urls if "youtube" in u], (
        "the video host was asked before the click"
    )
    request_log.allowed_hosts.add(
        "www.youtube-nocookie.com"
    )  # answered locally by the page fixture
    figure.get_by_role("button").press("Enter")
    frame = figure.locator("iframe")
    expect(frame).to_have_count(1)
    src = frame.get_attribute("src")
    assert urlsplit(src).hostname == "www.youtube-nocookie.com"
    assert "autoplay=1" in src
    assert frame.get_attribute("title") == "A short film"
    assert "fullscreen" in frame.get_attribute("allow")
    expect(frame).to_be_focused()
    expect(figure.locator(".mc-video__title")).to_contain_text("A short film")


def test_shuffled_options_change_order_between_attempts(learner, page):
    learner.open("basics/second/")
    quiz = learner.quiz("second")
    question = learner.question("second", "two-plus-two")
    orders = set()
    for _ in range(12):
        orders.add(tuple(question.locator(".mc-option__label").all_inner_texts()))
        question.get_by_label("3", exact=True).check()
        question.get_by_role("button", name="Check answer").click()
        quiz.get_by_role("button", name="Try again").click()
    assert len(orders) > 1, "options were never shuffled"
    assert all(sorted(o) == ["3", "4", "5"] for o in orders)
    # True/false keeps its order.
    expect(learner.question("second", "water-wet").locator(".mc-option__label")).to_have_text(
        ["True", "False"]
    )
