"""Browser tests: real builds served under a sub-path, driven by Debian's chromium.

Fixtures:
- `fixture_site` / `site_server`: the small course in fixture_course/ (most tests use it),
  built with --strict, and its base URL;
- `built_course` / `course_server`: the same for the real course (mkdocs.yml at the root);
  each build is served on 127.0.0.1 under /learn/social/ (anything else is a 404);
- `browser`, `page`: a fresh context per test; every request is logged, and at the end
  a test fails if a request left 127.0.0.1 or the page threw a JavaScript error;
- `axe`: runs axe-core in the page and fails with a readable list of violations.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import axe_playwright_python
import pytest
import yaml
from playwright.sync_api import Browser, Locator, Page, Playwright, sync_playwright

from tests.support.serve import serve_site

REPO = Path(__file__).resolve().parents[2]
FIXTURE_COURSE = Path(__file__).resolve().parent / "fixture_course"
PREFIX = "/learn/social/"
# Debian's chromium (never a browser downloaded by Playwright); CHROMIUM_PATH for elsewhere.
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(
    encoding="utf-8"
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.browser)


def build(config_file: Path, site_dir: Path, site_url: str) -> Path:
    """`mkdocs build --strict` in a subprocess; the test fails with its output if the build does.

    Material's instant navigation follows only links found in sitemap.xml, and it maps
    the sitemap's host onto the page's but not its port: so the site is built for
    the address it is served at (both mkdocs.yml files read COURSE_SITE_URL).
    """
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(config_file),
            "-d",
            str(site_dir),
        ],
        cwd=config_file.parent,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "COURSE_SITE_URL": site_url},
        timeout=600,
    )
    if result.returncode != 0:
        pytest.fail(
            f"mkdocs build of {config_file} failed ({result.returncode}):\n"
            f"{result.stdout}\n{result.stderr}",
            pytrace=False,
        )
    return site_dir


class Served(NamedTuple):
    folder: Path
    base: str


def serve_build(config_file: Path, folder: Path) -> Iterator[Served]:
    """Starts a loopback server on `folder`, then builds the site into it for that address."""
    with serve_site(folder, PREFIX) as base:
        build(config_file, folder, base)
        yield Served(folder, base)


@pytest.fixture(scope="session")
def _fixture_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    yield from serve_build(FIXTURE_COURSE / "mkdocs.yml", tmp_path_factory.mktemp("fixture-site"))


@pytest.fixture(scope="session")
def _course_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    yield from serve_build(REPO / "mkdocs.yml", tmp_path_factory.mktemp("course-site"))


@pytest.fixture(scope="session")
def fixture_site(_fixture_build: Served) -> Path:
    return _fixture_build.folder


@pytest.fixture(scope="session")
def site_server(_fixture_build: Served) -> str:
    return _fixture_build.base


@pytest.fixture(scope="session")
def built_course(_course_build: Served) -> Path:
    return _course_build.folder


@pytest.fixture(scope="session")
def course_server(_course_build: Served) -> str:
    return _course_build.base


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


class RequestLog:
    """Every URL the page asked for, and the JavaScript errors it threw."""

    def __init__(self) -> None:
        self.urls: list[str] = []
        self.errors: list[str] = []
        self.allowed_hosts: set[str] = {"127.0.0.1"}

    def foreign(self) -> list[str]:
        return [
            u
            for u in self.urls
            if urlsplit(u).scheme not in ("data", "blob", "about")
            and urlsplit(u).hostname not in self.allowed_hosts
        ]

    def assert_local(self) -> None:
        foreign = self.foreign()
        assert not foreign, "requests left 127.0.0.1:\n" + "\n".join(foreign)


@pytest.fixture
def request_log() -> RequestLog:
    return RequestLog()


@pytest.fixture
def page(browser: Browser, request_log: RequestLog) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    # Nothing may leave the machine: anything not local is answered here, never sent.
    context.route(
        lambda url: urlsplit(url).hostname != "127.0.0.1",
        lambda route: route.fulfill(status=204, body=""),
    )
    page = context.new_page()
    page.on("request", lambda r: request_log.urls.append(r.url))
    page.on("pageerror", lambda e: request_log.errors.append(str(e)))
    yield page
    context.close()
    assert not request_log.errors, "JavaScript errors:\n" + "\n".join(request_log.errors)
    request_log.assert_local()


@pytest.fixture
def axe() -> Callable[..., None]:
    def run(page: Page, label: str, tags: list[str] | None = None) -> None:
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.add_script_tag(content=AXE_SOURCE)
            # Judge the settled page, not colours half-way through a transition.
            page.add_style_tag(
                content="*, *::before, *::after { transition: none !important;"
                " animation: none !important; }"
            )
        options: dict[str, Any] = {"resultTypes": ["violations"]}
        if tags:
            options["runOnly"] = {"type": "tag", "values": tags}
        results = page.evaluate("options => axe.run(document, options)", options)
        problems = []
        for violation in results["violations"]:
            problems.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            for node in violation["nodes"][:5]:
                problems.append(
                    f"    {' '.join(map(str, node['target']))}: {node['failureSummary']}"
                )
        assert not problems, f"axe-core violations ({label}):\n" + "\n".join(problems)

    return run


# ---- The fixture course's quizzes, read from their YAML so tests don't hard-code answers ----


def load_quiz(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(
        (FIXTURE_COURSE / "quizzes" / f"{name}.yml").read_text("utf-8")
    )
    data.setdefault("id", name)
    return data


def answers(question: dict[str, Any], *, right: bool) -> list[str]:
    """Option labels to choose for a right (or a wrong) answer, as the page shows them."""
    if question["type"] == "true_false":
        correct = question["answer"]
        return ["True" if correct == right else "False"]
    texts = [str(o["text"]) for o in question["options"]]
    good = [str(o["text"]) for o in question["options"] if o.get("correct")]
    if right:
        return good
    return [next(t for t in texts if t not in good)]


@pytest.fixture
def quiz_data() -> Callable[[str], dict[str, Any]]:
    return load_quiz


@pytest.fixture
def answer_for() -> Callable[..., list[str]]:
    return answers


def storage_state(page: Page) -> dict[str, Any]:
    """The course's stored state (there is one key per site)."""
    raw = page.evaluate(
        "(() => { const k = Object.keys(localStorage).find(k => k.startsWith('microcourse:'));"
        " return k ? localStorage.getItem(k) : null })()"
    )
    return json.loads(raw) if raw else {}


@pytest.fixture
def stored() -> Callable[[Page], dict[str, Any]]:
    return storage_state


class Learner:
    """Drives the fixture course the way a learner does, by visible labels."""

    def __init__(self, page: Page, base: str) -> None:
        self.page = page
        self.base = base

    def open(self, path: str) -> None:
        self.page.goto(self.base + path)
        self.page.wait_for_selector("html.mc-js")

    def quiz(self, quiz_id: str) -> Locator:
        return self.page.locator(f'section.mc-quiz[data-mc-quiz="{quiz_id}"]')

    def question(self, quiz_id: str, question_id: str) -> Locator:
        return self.quiz(quiz_id).locator(f'fieldset.mc-question[data-mc-question="{question_id}"]')

    def answer(self, quiz_id: str, question: dict[str, Any], *, right: bool) -> Locator:
        fieldset = self.question(quiz_id, question["id"])
        for label in answers(question, right=right):
            fieldset.get_by_label(label, exact=True).check()
        fieldset.get_by_role("button", name="Check answer").click()
        return fieldset

    def take(self, quiz_id: str, *, right: bool = True) -> Locator:
        """Answers every visible question of a quiz; returns the quiz's result line."""
        self.quiz(quiz_id).locator(".mc-quiz__record").wait_for(state="attached")  # set up
        for question in load_quiz(quiz_id)["questions"]:
            if self.question(quiz_id, question["id"]).is_visible():
                self.answer(quiz_id, question, right=right)
        return self.quiz(quiz_id).locator(".mc-quiz__result")


@pytest.fixture
def learner(page: Page, site_server: str) -> Learner:
    return Learner(page, site_server)


def choose_role(page: Page, role: str) -> None:
    """Picks a role in the role bar and applies it, as a learner does."""
    page.locator(".mc-rolebar select").select_option(role)
    page.locator(".mc-rolebar").get_by_role("button", name="Apply").click()
