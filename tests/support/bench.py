"""Benchmark: what the course plugin costs, side by side with the floor.

The floor is the same synthetic lessons built by MkDocs and Material with the
`course` plugin removed from the project's own mkdocs.yml (quizzes absent,
front matter ignored, each video line a plain image). Both variants are built
in fresh subprocesses (`python -m mkdocs build -q`), interleaved, on this
machine, and the medians are compared; the plugin is byte-compiled first, as
pip compiles MkDocs and Material when it installs them. On a shared machine
wall time drifts by several percent between runs; `--instructions` also counts
the instructions one build of each variant executes (valgrind's cachegrind, a
few minutes at N=200), a figure that load hardly moves. It also weighs what a learner
downloads (course JS/CSS, generated config, the HTML a quiz adds) and times
`mkdocs serve` rebuilding after a one-line change, and runs Lighthouse (mobile)
on the real course's home, a lesson and the paths page against plain Material
(tests/support/lighthouse_bench.py: CLS and performance score). Targets are
printed as PASS/MISS; nothing here fails the run.

    nox -s bench -- --sizes 50 200 --runs 5 --json bench-results/bench.json
    python -m tests.support.bench --sizes 50 200 1000 --keep
    nox -s bench -- --sizes 200 --no-serve --instructions

It also packages the real course and the N=200 course as SCORM 1.2 and 2004
(tests/support/package_bench.py): packaging time, zip sizes, the LMS runtime's
gzipped weight, and the suspend data of a learner who finished the whole course.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import gzip
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.yaml import yaml_load

from tests.support.lighthouse_bench import lighthouse_figures, lighthouse_targets, print_lighthouse
from tests.support.package_bench import package_figures, print_package_figures

ROOT = Path(__file__).resolve().parents[2]
PROJECT_CONFIG = ROOT / "mkdocs.yml"
VIDEO_SOURCE = ROOT / "content" / "media" / "videos"
VIDEO_NAME = "start"
DEFAULT_SIZES = (50, 200, 1000)
DEFAULT_RUNS = 7  # a shared machine's speed drifts; medians of fewer runs wander
LARGE_SIZE = 1000
LARGE_RUNS = 3
REFERENCE_SIZE = 200
LESSONS_PER_MODULE = 10
SERVE_REPEATS = 3
SERVE_TIMEOUT_S = 300.0
POLL_INTERVAL_S = 0.02
SETTLE_S = 1.0  # after a rebuild, before the next change
KB = 1000
TARGET_BUILD_RATIO = 1.10
TARGET_ASSETS_GZIP = 10 * KB
TARGET_QUIZ_HTML = 6 * KB
COURSE_CONFIG = "mkdocs.yml"
FLOOR_CONFIG = "mkdocs-floor.yml"
VARIANTS = ("course", "floor")
QUIZ_SECTION_START = '<section class="mc-quiz"'
# Material 9.7+ prints a notice about MkDocs 2 on every build; the same for both variants.
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
CONFIG_JS = Path("assets") / "course" / "config.js"

# ---------------------------------------------------------------- the synthetic course


def dump_yaml(data: object) -> str:
    """Block YAML, one value per line (so a one-line edit is one line)."""
    return yaml.safe_dump(data, sort_keys=False, width=10_000, allow_unicode=True)


def lesson_path(number: int) -> str:
    module = (number - 1) // LESSONS_PER_MODULE + 1
    return f"m{module:03d}/lesson-{number:04d}.md"


def lesson_roles(number: int, roles: Sequence[str]) -> list[str]:
    """Every fourth lesson is for one role; the rest are for everyone."""
    if not roles or number % 4 != 0:
        return []
    return [roles[(number // 4) % len(roles)]]


def lesson_markdown(number: int, total: int, roles: Sequence[str]) -> str:
    front: dict[str, Any] = {
        "title": f"Lesson {number}: posting with care, part {number}",
        "summary": f"Practise the habits of lesson {number} before you post at work.",
        "minutes": number % 15 + 1,
        "objectives": [
            f"Name the two checks of lesson {number} before posting",
            "Decide when to ask the social media team first",
        ],
    }
    own_roles = lesson_roles(number, roles)
    if own_roles:
        front["roles"] = own_roles
    parts = [f"---\n{dump_yaml(front)}---\n", lesson_intro(number)]
    if (number - 1) % LESSONS_PER_MODULE == 0:
        module = (number - 1) // LESSONS_PER_MODULE + 1
        parts.append(f"![Module {module} in a minute](../media/videos/{VIDEO_NAME}.mp4)\n")
    parts.append(lesson_sections(number))
    if number < total:
        next_link = f"../{lesson_path(number + 1)}"
        parts.append(f"Next: [lesson {number + 1}]({next_link}).\n")
    return "\n".join(parts)


def lesson_intro(number: int) -> str:
    return (
        f"Intro of lesson {number}. You already use social media; this lesson is about "
        "what happens when work comes up there, and how to take part well, in your own "
        "words, without giving away anything that is not yours to share.\n"
    )


def lesson_sections(number: int) -> str:
    paragraph = (
        "Think about the people who would see a post from you: former classmates, past "
        "colleagues, neighbours and people you met at a conference. Very few of them "
        "follow the company's official accounts, and many of them trust you more than "
        "they will ever trust a logo. *That* is why a short, honest post helps.\n"
    )
    return "\n".join(
        [
            f"## Why it matters ({number})\n",
            paragraph,
            paragraph,
            "## Before you post\n",
            "- Is it true, and is it yours to share?\n"
            "- Would you be happy to see it quoted in the news?\n"
            "- Does it say clearly that you work here?\n",
            '!!! tip "Nobody is asking you to become an influencer"\n'
            "    A thoughtful comment once a month is plenty.\n",
            "## A quick example\n",
            "> Spent my first morning in our new support centre today. "
            "(I work at Acme, in case that wasn't obvious.)\n",
            paragraph,
        ]
    )


def quiz_data(number: int, roles: Sequence[str]) -> dict[str, Any]:
    """Five questions: single, multiple, true/false, a role-tagged single, multiple.

    The quiz of a role's lesson is for that role, as the build requires.
    """
    questions: list[dict[str, Any]] = [
        {
            "id": "best-choice",
            "type": "single",
            "prompt": f"Lesson {number}, question 1: which choice fits **best**?",
            "options": [
                {"text": "Post the press release word for word", "feedback": "It reads as spam."},
                {
                    "text": "Say it in your own words and that you work here",
                    "correct": True,
                    "feedback": "Right: honest and personal.",
                },
                {"text": "Say nothing, ever", "feedback": "You can take part; do it well."},
                {"text": "Post the roadmap slide", "feedback": "That is confidential."},
            ],
            "explanation": "Your own words, with your connection disclosed, work best.",
        },
        {
            "id": "all-that-apply",
            "type": "multiple",
            "prompt": "Which of these should you check before posting? Choose all that apply.",
            "options": [
                {"text": "That it is true", "correct": True, "feedback": "Yes, always."},
                {"text": "That it is yours to share", "correct": True},
                {"text": "That it has ten hashtags", "feedback": "Fewer is better."},
                {"text": "That your manager liked it first", "feedback": "Not needed."},
            ],
            "explanation": "Truth and the right to share are the two checks.",
        },
        {
            "id": "true-or-false",
            "type": "true_false",
            "answer": False,
            "prompt": "Adding *Views are my own* makes any post acceptable.",
            "explanation": "It signals you speak for yourself; it does not make a bad post good.",
        },
        {
            "id": "role-question",
            "type": "single",
            "prompt": "A customer complains about us in public. What do you do first?",
            "options": [
                {"text": "Argue in the thread", "feedback": "That makes it worse."},
                {
                    "text": "Pass it to the customer service team",
                    "correct": True,
                    "feedback": "Yes, they answer in public and in private.",
                },
                {"text": "Ignore it", "feedback": "Someone should answer, quickly."},
            ],
            "explanation": "The team that owns the answer should give it.",
        },
        {
            "id": "good-habits",
            "type": "multiple",
            "prompt": "Which habits keep your account safe?",
            "options": [
                {"text": "Two-factor sign-in", "correct": True, "feedback": "Yes."},
                {"text": "A shared password", "feedback": "Never share passwords."},
                {"text": "Reviewing app access now and then", "correct": True},
            ],
            "explanation": "Two-factor sign-in and tidy app access stop most takeovers.",
        },
    ]
    quiz: dict[str, Any] = {"title": "Check your understanding", "lesson": lesson_path(number)}
    own_roles = lesson_roles(number, roles)
    if own_roles:
        quiz["roles"] = own_roles  # a role's lesson has that role's quiz
    if roles:
        questions[3]["roles"] = own_roles or [roles[number % len(roles)]]
    return {**quiz, "shuffle": number % 2 == 0, "questions": questions}


def course_nav(size: int) -> list[Any]:
    nav: list[Any] = [{"Home": "index.md"}]
    modules = (size + LESSONS_PER_MODULE - 1) // LESSONS_PER_MODULE
    for module in range(1, modules + 1):
        first = (module - 1) * LESSONS_PER_MODULE + 1
        last = min(size, module * LESSONS_PER_MODULE)
        nav.append({f"Module {module}": [lesson_path(n) for n in range(first, last + 1)]})
    return nav


def project_settings() -> dict[str, Any]:
    with PROJECT_CONFIG.open("rb") as stream:
        return yaml_load(stream)


def course_plugin_settings(settings: dict[str, Any]) -> dict[str, Any]:
    for entry in settings.get("plugins") or []:
        if isinstance(entry, dict) and "course" in entry:
            return dict(entry["course"] or {})
    return {}


def plugins_without_course(settings: dict[str, Any]) -> list[Any]:
    plugins = settings.get("plugins") or ["search"]
    if isinstance(plugins, dict):
        plugins = [{name: value} for name, value in plugins.items()]
    return [
        entry
        for entry in plugins
        if entry != "course" and not (isinstance(entry, dict) and "course" in entry)
    ]


def plugins_without_signoffs(settings: dict[str, Any]) -> list[Any]:
    return [
        *plugins_without_course(settings),
        {"course": {k: v for k, v in course_plugin_settings(settings).items() if k != "signoffs"}},
    ]


def write_configs(directory: Path, size: int, settings: dict[str, Any]) -> None:
    """Both variants inherit the project's mkdocs.yml; the floor drops the course plugin."""
    common = {
        "INHERIT": str(PROJECT_CONFIG),
        "site_url": "http://localhost:8000/",
        "nav": course_nav(size),
    }
    floor = {**common, "plugins": plugins_without_course(settings)}
    # The made-up lessons are not the policy lessons the project's sign-off covers.
    course = {**common, "plugins": plugins_without_signoffs(settings)}
    (directory / COURSE_CONFIG).write_text(dump_yaml(course), "utf-8")
    (directory / FLOOR_CONFIG).write_text(dump_yaml(floor), "utf-8")


def copy_media(docs: Path) -> None:
    videos = docs / "media" / "videos"
    videos.mkdir(parents=True)
    for suffix in (".mp4", ".vtt", ".jpg"):
        shutil.copy2(VIDEO_SOURCE / f"{VIDEO_NAME}{suffix}", videos / f"{VIDEO_NAME}{suffix}")


def copy_overrides(directory: Path, settings: dict[str, Any]) -> None:
    custom_dir = (settings.get("theme") or {}).get("custom_dir")
    if not custom_dir:
        return
    source = ROOT / str(custom_dir)
    target = directory / str(custom_dir)
    if source.is_dir():
        shutil.copytree(source, target)
    else:
        target.mkdir(parents=True)


def generate_course(directory: Path, size: int, settings: dict[str, Any]) -> Course:
    plugin = course_plugin_settings(settings)
    roles = [str(role["id"]) for role in plugin.get("roles", [])]
    docs = directory / str(settings.get("docs_dir") or "docs")
    quizzes = directory / str(plugin.get("quizzes_dir") or "quizzes")
    docs.mkdir(parents=True)
    (docs / "index.md").write_text(
        "---\ntitle: Synthetic course\ntype: page\n---\n\nPick a path.\n\n"
        "<!-- learning-paths -->\n",
        "utf-8",
    )
    for number in range(1, size + 1):
        page = docs / lesson_path(number)
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(lesson_markdown(number, size, roles), "utf-8")
        quiz = (quizzes / lesson_path(number)).with_suffix(".yml")
        quiz.parent.mkdir(parents=True, exist_ok=True)
        quiz.write_text(dump_yaml(quiz_data(number, roles)), "utf-8")
    copy_media(docs)
    copy_overrides(directory, settings)
    write_configs(directory, size, settings)
    return Course(size, directory, docs, quizzes)


# ---------------------------------------------------------------- build timing


@dataclass
class Course:
    size: int
    directory: Path
    docs: Path
    quizzes: Path

    def config(self, variant: str) -> Path:
        return self.directory / (COURSE_CONFIG if variant == "course" else FLOOR_CONFIG)


def build(config: Path, site: Path) -> float:
    """Seconds for one complete `mkdocs build` in a fresh interpreter."""
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=ENV, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"build failed: {' '.join(command)}\n{result.stdout}{result.stderr}")
    return elapsed


@dataclass
class SizeResult:
    size: int
    runs: int
    times: dict[str, list[float]] = field(default_factory=dict)

    def median(self, variant: str) -> float:
        return statistics.median(self.times[variant])

    def ratio(self) -> float:
        return self.median("course") / self.median("floor")

    def fastest_ratio(self) -> float:
        """Course over floor of the fastest runs: less sensitive to a busy machine."""
        return min(self.times["course"]) / min(self.times["floor"])


def compile_plugin() -> None:
    """Byte-compiles the course plugin, as pip does for MkDocs and Material.

    The plugin is installed in editable mode, straight from plugins/; where
    PYTHONDONTWRITEBYTECODE is set (CI images often set it), every build would
    otherwise compile its modules from source, a cost the floor never pays.
    """
    compileall.compile_dir(ROOT / "plugins", quiet=1)


def time_size(course: Course, runs: int, scratch: Path) -> SizeResult:
    """Interleaved runs (course, floor / floor, course, ...) after one untimed warm-up each."""
    result = SizeResult(course.size, runs, {variant: [] for variant in VARIANTS})
    for variant in VARIANTS:
        build(course.config(variant), probe_site(scratch, course.size, variant))
    for run in range(runs):
        order = VARIANTS if run % 2 == 0 else VARIANTS[::-1]
        for variant in order:
            site = scratch / f"run-{course.size}-{variant}-{run}"
            result.times[variant].append(build(course.config(variant), site))
            shutil.rmtree(site, ignore_errors=True)
        print(f"  N={course.size} run {run + 1}/{runs}: " + timings_line(result), flush=True)
    return result


def timings_line(result: SizeResult) -> str:
    return ", ".join(f"{variant} {result.times[variant][-1]:.2f} s" for variant in VARIANTS)


def probe_site(scratch: Path, size: int, variant: str) -> Path:
    """The warm-up build's output, kept for weighing pages and assets."""
    return scratch / f"site-{size}-{variant}"


def runs_for(size: int, runs: int, large_runs: int) -> int:
    return min(runs, large_runs) if size >= LARGE_SIZE else runs


# ---------------------------------------------------------------- weights


def weight(data: bytes) -> dict[str, int]:
    return {"raw": len(data), "gzip": len(gzip.compress(data, compresslevel=9, mtime=0))}


def asset_weights(site: Path) -> dict[str, dict[str, int]]:
    """What the built site serves (the plugin ships the assets without comments)."""
    served = site / "assets" / "course"
    weights = {
        name: weight((served / name).read_bytes())
        for name in (
            "course.js",
            "course.css",
            "config.js",
            "course-extras.js",
            "course-extras.css",
        )
    }
    weights["js+css"] = sum_weights(weights["course.js"], weights["course.css"])
    weights["total"] = sum_weights(weights["js+css"], weights["config.js"])
    # Only on pages with a sign-off, the record or a self-check (course.js loads them there).
    weights["extras"] = sum_weights(weights["course-extras.js"], weights["course-extras.css"])
    return weights


def sum_weights(*weights: dict[str, int]) -> dict[str, int]:
    return {key: sum(w[key] for w in weights) for key in ("raw", "gzip")}


def page_html(site: Path, src_path: str) -> bytes:
    return (site / src_path.removesuffix(".md") / "index.html").read_bytes()


def quiz_sections(html: str) -> list[str]:
    """Each quiz's whole <section> element, nested sections included."""
    sections = []
    start = html.find(QUIZ_SECTION_START)
    while start != -1:
        end = section_end(html, start)
        sections.append(html[start:end])
        start = html.find(QUIZ_SECTION_START, end)
    return sections


def section_end(html: str, start: int) -> int:
    depth = 0
    for tag in re.finditer(r"<(/?)section\b[^>]*>", html[start:]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return start + tag.end()
    return len(html)


def quiz_weights(course_site: Path, floor_site: Path, src_path: str) -> dict[str, Any]:
    with_plugin, without = page_html(course_site, src_path), page_html(floor_site, src_path)
    sections = quiz_sections(with_plugin.decode("utf-8"))
    section = weight(sections[0].encode("utf-8")) if sections else {"raw": 0, "gzip": 0}
    page, floor_page = weight(with_plugin), weight(without)
    return {
        "lesson": src_path,
        "page_with_plugin": page,
        "page_floor": floor_page,
        "page_extra": {key: page[key] - floor_page[key] for key in ("raw", "gzip")},
        "quiz_section": section,
        "quiz_sections_on_page": len(sections),
    }


def search_index_weights(course_site: Path, floor_site: Path) -> dict[str, dict[str, int]]:
    index = Path("search") / "search_index.json"
    return {
        "course": weight((course_site / index).read_bytes()),
        "floor": weight((floor_site / index).read_bytes()),
    }


# ---------------------------------------------------------------- mkdocs serve


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Server:
    """`mkdocs serve` with live reload on, its log collected in a thread."""

    def __init__(self, config: Path) -> None:
        self.port = free_port()
        self.lines: list[str] = []
        address = f"127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", address],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=ENV,
        )
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip())

    def url(self, src_path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{src_path.removesuffix('.md')}/"

    def wait_until_serving(self) -> None:
        deadline = time.perf_counter() + SERVE_TIMEOUT_S
        while not any("Serving on" in line for line in self.lines):
            if self.process.poll() is not None or time.perf_counter() > deadline:
                sys.exit("mkdocs serve did not start:\n" + "\n".join(self.lines))
            time.sleep(POLL_INTERVAL_S)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.reader.join(timeout=5)


@contextlib.contextmanager
def serving(config: Path) -> Iterator[Server]:
    server = Server(config)
    try:
        server.wait_until_serving()
        yield server
    finally:
        server.stop()


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=SERVE_TIMEOUT_S) as response:
            body: bytes = response.read()
            return body.decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for_page(url: str, text: str, *, present: bool = True) -> float:
    """Polls until the served page contains `text` (or no longer does); returns that moment.

    While MkDocs rebuilds, its server holds requests until the new site is complete,
    so the moment is the end of the rebuild, to within one poll.
    """
    deadline = time.perf_counter() + SERVE_TIMEOUT_S
    while time.perf_counter() < deadline:
        body = fetch(url)
        if body and (text in body) == present:
            return time.perf_counter()
        time.sleep(POLL_INTERVAL_S)
    sys.exit(f"the served page {url} never {'showed' if present else 'dropped'} {text!r}")


def edit_line(path: Path, needle: str, replacement: str) -> None:
    """Replaces the one line containing `needle`, keeping its indentation."""
    lines = path.read_text("utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if needle in line)
    indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
    lines[index] = indent + replacement
    path.write_text("\n".join(lines), "utf-8")


@dataclass
class Edit:
    """A one-line change in a source file and the text it makes appear on a page."""

    name: str
    file: Path
    needle: str
    template: str  # with {token}


def time_rebuilds(server: Server, edit: Edit, page: str) -> list[float]:
    original = edit.file.read_text("utf-8")
    url = server.url(page)
    if not fetch(url):
        sys.exit(f"mkdocs serve does not serve {url}:\n" + "\n".join(server.lines))
    times: list[float] = []
    token = ""
    try:
        for repeat in range(SERVE_REPEATS):
            token = f"BenchEdit{repeat}x{time.time_ns()}"
            start = time.perf_counter()
            edit_line(edit.file, edit.needle, edit.template.format(token=token))
            times.append(wait_for_page(url, token) - start)
            time.sleep(SETTLE_S)
    finally:
        edit.file.write_text(original, "utf-8")
    if token:
        wait_for_page(url, token, present=False)  # the restoring rebuild, untimed
        time.sleep(SETTLE_S)
    return times


def quiz_edit(course: Course, number: int) -> Edit:
    quiz = (course.quizzes / lesson_path(number)).with_suffix(".yml")
    needle = f"Lesson {number}, question 1"
    return Edit("quiz", quiz, needle, f"prompt: {needle} {{token}}, which choice fits?")


def lesson_edit(course: Course, number: int) -> Edit:
    page = course.docs / lesson_path(number)
    needle = f"Intro of lesson {number}."
    return Edit("lesson", page, needle, needle + " {token}, a one-line change.")


def serve_rebuilds(course: Course) -> dict[str, Any]:
    """Quiz change with the plugin; lesson change with and without it, for comparison."""
    number = course.size // 2
    page = lesson_path(number)
    results: dict[str, Any] = {"lessons": course.size, "repeats": SERVE_REPEATS, "page": page}
    with serving(course.config("course")) as server:
        for edit in (quiz_edit(course, number), lesson_edit(course, number)):
            times = time_rebuilds(server, edit, page)
            results[f"course_{edit.name}_change"] = summary(times)
            print(f"  serve, course, {edit.name} change: {fmt_times(times)}", flush=True)
    with serving(course.config("floor")) as server:
        times = time_rebuilds(server, lesson_edit(course, number), page)
        results["floor_lesson_change"] = summary(times)
        print(f"  serve, floor, lesson change: {fmt_times(times)}", flush=True)
    return results


def summary(times: list[float]) -> dict[str, Any]:
    return {"median_s": statistics.median(times), "times_s": times}


def fmt_times(times: list[float]) -> str:
    return ", ".join(f"{t:.2f} s" for t in times)


# ---------------------------------------------------------------- report


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def build_figures(results: list[SizeResult]) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    for result in results:
        extra = result.median("course") - result.median("floor")
        figures[str(result.size)] = {
            "runs": result.runs,
            "course_median_s": result.median("course"),
            "floor_median_s": result.median("floor"),
            "ratio": result.ratio(),
            "fastest_ratio": result.fastest_ratio(),
            "extra_ms_per_lesson": extra / result.size * 1000,
            "course_times_s": result.times["course"],
            "floor_times_s": result.times["floor"],
        }
    return figures


def growth(results: list[SizeResult]) -> dict[str, Any]:
    """Marginal cost of one more lesson between consecutive sizes, by variant.

    Keyed by range ("50-200"), so a later run compares like with like.
    """
    segments: dict[str, Any] = {}
    for small, large in pairwise(results):
        lessons = large.size - small.size
        course, floor = ((large.median(v) - small.median(v)) / lessons for v in VARIANTS)
        segments[f"{small.size}-{large.size}"] = {
            "course_ms_per_lesson": course * 1000,
            "floor_ms_per_lesson": floor * 1000,
            "ratio": course / floor if floor > 0 else None,
        }
    return segments


def targets(figures: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if "lighthouse" in figures:
        found.extend(target(*row) for row in lighthouse_targets(figures["lighthouse"]))
    for size, row in figures["builds"].items():
        headline = " (the target)" if int(size) == REFERENCE_SIZE else " (same growth)"
        found.append(
            target(
                f"build time at {size} lessons <= floor x {TARGET_BUILD_RATIO:.2f}{headline}",
                f"x {row['ratio']:.3f}",
                row["ratio"] <= TARGET_BUILD_RATIO,
            )
        )
    if "instructions" in figures:
        ratio = figures["instructions"]["ratio"]
        found.append(
            target(
                f"instructions of a build at {REFERENCE_SIZE} lessons <= floor x "
                f"{TARGET_BUILD_RATIO:.2f} (the target, counted)",
                f"x {ratio:.3f}",
                ratio <= TARGET_BUILD_RATIO,
            )
        )
    assets = figures["assets"]
    for key, label in (("js+css", "course.js + course.css"), ("total", "... + config.js (N=200)")):
        found.append(
            target(
                f"{label} gzipped < {TARGET_ASSETS_GZIP} B",
                f"{assets[key]['gzip']} B",
                assets[key]["gzip"] < TARGET_ASSETS_GZIP,
            )
        )
    quiz = figures["quiz_html"]
    for key, label in (("page_extra", "page with plugin - floor page"), ("quiz_section", "quiz")):
        found.append(
            target(
                f"5-question quiz HTML < {TARGET_QUIZ_HTML} B raw ({label})",
                f"{quiz[key]['raw']} B",
                quiz[key]["raw"] < TARGET_QUIZ_HTML,
            )
        )
    return found


def target(name: str, value: str, ok: bool) -> dict[str, Any]:
    return {"target": name, "value": value, "result": verdict(ok)}


def print_builds(figures: dict[str, Any]) -> None:
    print("\nBuild time: median of interleaved subprocess builds (python -m mkdocs build -q);")
    print("'fastest' is the ratio of the fastest runs, for a busy machine")
    print(
        f"{'lessons':>8} {'runs':>5} {'floor s':>9} {'course s':>9} {'+ s':>7} {'ratio':>7}"
        f" {'fastest':>8}  target x {TARGET_BUILD_RATIO:.2f}"
    )
    for size, row in figures["builds"].items():
        extra = row["course_median_s"] - row["floor_median_s"]
        fewer = row["runs"] < figures["settings"]["runs"]
        note = f"  (only {row['runs']} runs: N >= {LARGE_SIZE} is slow)" if fewer else ""
        print(
            f"{size:>8} {row['runs']:>5} {row['floor_median_s']:>9.2f} "
            f"{row['course_median_s']:>9.2f} {extra:>+7.2f} {row['ratio']:>7.3f}"
            f" {row['fastest_ratio']:>8.3f}  {verdict(row['ratio'] <= TARGET_BUILD_RATIO)}{note}"
        )
    print(
        "plugin's extra per lesson: "
        + ", ".join(
            f"N={size}: {row['extra_ms_per_lesson']:.1f} ms"
            for size, row in figures["builds"].items()
        )
    )
    for segment, slope in figures["growth"].items():
        ratio = f"x {slope['ratio']:.3f}" if slope["ratio"] is not None else "n/a"
        print(
            f"cost of one more lesson, N {segment}: floor {slope['floor_ms_per_lesson']:.1f} ms, "
            f"course {slope['course_ms_per_lesson']:.1f} ms, {ratio}"
        )


def print_weights(figures: dict[str, Any]) -> None:
    print("\nWhat a learner downloads once (bytes; gzip -9)")
    for name, w in figures["assets"].items():
        print(f"  {name:<17} {w['raw']:>8} raw {w['gzip']:>8} gzip")
    print(
        "  config.js by N: "
        + ", ".join(
            f"{size}: {w['raw']} raw / {w['gzip']} gzip" for size, w in figures["config_js"].items()
        )
    )
    quiz = figures["quiz_html"]
    print(f"\nHTML a 5-question quiz adds to its page ({quiz['lesson']}, bytes)")
    for key in ("page_floor", "page_with_plugin", "page_extra", "quiz_section"):
        print(f"  {key:<17} {quiz[key]['raw']:>8} raw {quiz[key]['gzip']:>8} gzip")
    search = figures["search_index"]
    print(
        f"  search_index.json at N={REFERENCE_SIZE}: course {search['course']['raw']} raw / "
        f"{search['course']['gzip']} gzip, floor {search['floor']['raw']} raw / "
        f"{search['floor']['gzip']} gzip"
    )


def print_serve(figures: dict[str, Any]) -> None:
    serve = figures.get("serve")
    if not serve:
        return
    print(
        f"\nmkdocs serve (live reload): file write -> served page shows the change, "
        f"N={serve['lessons']}, median of {serve['repeats']}"
    )
    for key in ("course_quiz_change", "course_lesson_change", "floor_lesson_change"):
        print(
            f"  {key:<22} {serve[key]['median_s']:>6.2f} s   ({fmt_times(serve[key]['times_s'])})"
        )


def print_targets(figures: dict[str, Any]) -> None:
    print("\nTargets (reported, not enforced)")
    for row in figures["targets"]:
        print(f"  {row['result']}  {row['target']}: {row['value']}")


def flatten(value: Any, prefix: str = "") -> dict[str, float]:
    """Numeric leaves by dotted path; lists of single timings are left out."""
    if isinstance(value, bool):
        return {}
    if isinstance(value, int | float):
        return {prefix: float(value)}
    if isinstance(value, dict):
        flat: dict[str, float] = {}
        for key, item in value.items():
            if not str(key).endswith("times_s") and key not in ("settings", "machine"):
                flat.update(flatten(item, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    return {}


def print_comparison(previous: dict[str, Any], current: dict[str, Any]) -> None:
    before, after = flatten(previous), flatten(current)
    print(f"\nChange since {previous.get('timestamp', 'the previous run')}")
    shown = 0
    for key in sorted(before.keys() & after.keys()):
        old, new = before[key], after[key]
        if old == new:
            continue
        change = f"{(new - old) / old * 100:+.1f}%" if old else "new"
        print(f"  {key:<48} {old:>12.4g} -> {new:>12.4g}  {change}")
        shown += 1
    if not shown:
        print("  no figure changed")


def environment(load_before: float) -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "mkdocs": metadata.version("mkdocs"),
        "mkdocs-material": metadata.version("mkdocs-material"),
        "microcourse": metadata.version("microcourse"),
        "commit": git_commit(),
        "machine": {
            "cpu_count": os.cpu_count(),
            "platform": platform.platform(),
            "machine": platform.machine(),
            "processor": platform.processor(),
            "load_average_1min": {"before": load_before, "after": os.getloadavg()[0]},
        },
    }


def git_commit() -> str | None:
    try:
        result = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return result.stdout.strip()


# ---------------------------------------------------------------- instruction counts


def instruction_counts(course: Course, scratch: Path) -> dict[str, int]:
    """Instructions one build of each variant executes, both counted at once (two CPUs)."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        sys.exit("--instructions needs valgrind (Debian: apt-get install valgrind)")
    runs: dict[str, tuple[subprocess.Popen[str], Path]] = {}
    for variant in VARIANTS:
        counts_file = scratch / f"cachegrind-{variant}.out"
        command = [
            valgrind,
            "--tool=cachegrind",
            "--cache-sim=no",
            f"--cachegrind-out-file={counts_file}",
            *[sys.executable, "-m", "mkdocs", "build", "-q"],
            *["-f", str(course.config(variant)), "-d", str(scratch / f"cachegrind-{variant}")],
        ]
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=ENV
        )
        runs[variant] = (process, counts_file)
    counts: dict[str, int] = {}
    for variant, (process, counts_file) in runs.items():
        output, _ = process.communicate()
        if process.returncode != 0:
            sys.exit(f"the {variant} build under valgrind failed:\n{output}")
        counts[variant] = summary_count(counts_file.read_text("utf-8"))
    return counts


def summary_count(cachegrind_output: str) -> int:
    """The total instruction count: the `summary:` line of a cachegrind output file."""
    match = re.search(r"^summary:\s+(\d+)", cachegrind_output, re.M)
    if match is None:
        sys.exit("cachegrind wrote no summary line")
    return int(match.group(1))


def instruction_figures(counts: dict[str, int]) -> dict[str, Any]:
    return {
        "lessons": REFERENCE_SIZE,
        "course": counts["course"],
        "floor": counts["floor"],
        "ratio": counts["course"] / counts["floor"],
    }


def print_instructions(figures: dict[str, Any]) -> None:
    counts = figures.get("instructions")
    if counts is None:
        return
    print(
        f"\nInstructions executed by one build, N={counts['lessons']} (valgrind cachegrind)\n"
        f"  floor {counts['floor']:,}  course {counts['course']:,}  ratio x {counts['ratio']:.3f}"
    )


# ---------------------------------------------------------------- main


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tests.support.bench",
        description="Time the course plugin against plain Material and weigh learner downloads.",
    )
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=list(DEFAULT_SIZES),
        help="numbers of lessons to build (default: 50 200 1000)",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=DEFAULT_RUNS,
        help=f"timed builds per variant and size (default: {DEFAULT_RUNS})",
    )
    parser.add_argument(
        "--large-runs",
        type=int,
        default=LARGE_RUNS,
        help=f"at most this many runs for N >= {LARGE_SIZE} (default: 3)",
    )
    parser.add_argument(
        "--json",
        type=Path,
        default=Path("bench-results/bench.json"),
        help="where to write the figures (default: bench-results/bench.json)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the synthetic courses and built sites"
    )
    parser.add_argument(
        "--no-serve", action="store_true", help="skip the mkdocs serve rebuild timing"
    )
    parser.add_argument("--no-packages", action="store_true", help="skip the LMS packaging figures")
    parser.add_argument(
        "--no-lighthouse", action="store_true", help="skip Lighthouse on the real course"
    )
    parser.add_argument(
        "--lighthouse-runs",
        type=int,
        default=3,
        help="Lighthouse runs per page and variant, interleaved (default: 3)",
    )
    parser.add_argument(
        "--instructions",
        action="store_true",
        help=f"also count the instructions of one build per variant at N={REFERENCE_SIZE} "
        "(needs valgrind; a few minutes)",
    )
    arguments = parser.parse_args(argv)
    if arguments.runs < 1 or arguments.large_runs < 1 or min(arguments.sizes) < 1:
        parser.error("--sizes, --runs and --large-runs must be positive")
    arguments.sizes = sorted(set(arguments.sizes))
    return arguments


def make_course(scratch: Path, size: int, settings: dict[str, Any]) -> Course:
    return generate_course(scratch / f"course-{size}", size, settings)


def measure(arguments: argparse.Namespace, scratch: Path) -> dict[str, Any]:
    compile_plugin()
    settings = project_settings()
    results: list[SizeResult] = []
    courses: dict[int, Course] = {}
    for size in arguments.sizes:
        courses[size] = make_course(scratch, size, settings)
        runs = runs_for(size, arguments.runs, arguments.large_runs)
        print(f"N={size}: {runs} interleaved runs per variant", flush=True)
        results.append(time_size(courses[size], runs, scratch))
    if REFERENCE_SIZE not in courses:
        print(f"N={REFERENCE_SIZE}: built once, for weights and serve", flush=True)
        courses[REFERENCE_SIZE] = make_course(scratch, REFERENCE_SIZE, settings)
        for variant in VARIANTS:
            build(courses[REFERENCE_SIZE].config(variant), probe_site(scratch, 200, variant))
    course_site = probe_site(scratch, REFERENCE_SIZE, "course")
    floor_site = probe_site(scratch, REFERENCE_SIZE, "floor")
    figures: dict[str, Any] = {
        "settings": {
            "sizes": arguments.sizes,
            "runs": arguments.runs,
            "large_runs": arguments.large_runs,
        },
        "builds": build_figures(results),
        "growth": growth(results),
        "assets": asset_weights(course_site),
        "config_js": {
            str(size): weight((probe_site(scratch, size, "course") / CONFIG_JS).read_bytes())
            for size in sorted(courses)
        },
        "quiz_html": quiz_weights(course_site, floor_site, lesson_path(2)),
        "search_index": search_index_weights(course_site, floor_site),
    }
    if not arguments.no_packages:
        print("LMS packages: the real course built, then each site packaged", flush=True)
        real_site = scratch / "real-course-site"
        build(PROJECT_CONFIG, real_site)
        figures["packages"] = package_figures(
            {"real": real_site, f"N={REFERENCE_SIZE}": course_site}, runs=arguments.runs
        )
    if not arguments.no_lighthouse:
        print("Lighthouse: the real course and plain Material, mobile", flush=True)
        figures["lighthouse"] = lighthouse_figures(arguments.lighthouse_runs)
    if not arguments.no_serve:
        print(f"N={REFERENCE_SIZE}: mkdocs serve rebuilds", flush=True)
        figures["serve"] = serve_rebuilds(courses[REFERENCE_SIZE])
    if arguments.instructions:
        print(f"N={REFERENCE_SIZE}: instructions, under valgrind", flush=True)
        counts = instruction_counts(courses[REFERENCE_SIZE], scratch)
        figures["instructions"] = instruction_figures(counts)
    figures["targets"] = targets(figures)
    return figures


def read_previous(path: Path) -> dict[str, Any] | None:
    try:
        previous: dict[str, Any] = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return previous


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    scratch = Path(tempfile.mkdtemp(prefix="microcourse-bench-"))
    load_before = os.getloadavg()[0]
    print(f"working in {scratch}; load average {load_before:.2f}", flush=True)
    try:
        figures = measure(arguments, scratch)
    finally:
        if arguments.keep:
            print(f"kept {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    result = {
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
        **environment(load_before),
        **figures,
    }
    print(
        f"\nPython {result['python']}, MkDocs {result['mkdocs']}, Material "
        f"{result['mkdocs-material']}, {result['machine']['cpu_count']} CPUs, "
        f"{result['machine']['platform']}"
    )
    load = result["machine"]["load_average_1min"]
    print(f"load average (1 min) before {load['before']:.2f}, after {load['after']:.2f}")
    print_builds(result)
    print_weights(result)
    print_serve(result)
    if "packages" in result:
        print_package_figures(result["packages"])
    print_instructions(result)
    if "lighthouse" in result:
        print_lighthouse(result["lighthouse"])
    print_targets(result)
    previous = read_previous(arguments.json)
    if previous is not None:
        print_comparison(previous, result)
    arguments.json.parent.mkdir(parents=True, exist_ok=True)
    arguments.json.write_text(json.dumps(result, indent=2) + "\n", "utf-8")
    print(f"\nwrote {arguments.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
