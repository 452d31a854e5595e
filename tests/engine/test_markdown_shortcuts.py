"""SafeMarkdown's shortcuts give exactly what the full conversion gives.

Plain one-line texts skip Markdown, and so do plain texts with **strong** words;
other one-line texts use a converter without the extensions that need several lines. Both are only speed-ups: for
every text, generated or from the course itself, the HTML must be the same as
with `fast_paths=False`.
"""

from __future__ import annotations

from collections.abc import Iterator

import yaml
from engine_support import MARKDOWN_CONFIGS, MARKDOWN_EXTENSIONS, TESTS
from hypothesis import example, given, settings
from hypothesis import strategies as st

from microcourse.render.safe_markdown import SafeMarkdown

FAST = SafeMarkdown(MARKDOWN_EXTENSIONS, MARKDOWN_CONFIGS)
FULL = SafeMarkdown(MARKDOWN_EXTENSIONS, MARKDOWN_CONFIGS, fast_paths=False)
ROOT = TESTS.parent

PIECES = [
    "word", "Two words", "**bold**", "*em*", "_em_", "__strong__", "`code`", "``a`b``",
    "[link](../policy/dos.md)", "[ref][r]", "[TOC]", "![img](a.png)", "<b>hi</b>", "&amp;",
    "&", "<", ">", "#", "# ", "#tag", "## Head", "!!! note", "??? tip", "=== Tab", "/// note",
    "- ", "* ", "+ ", "1. ", "2) ", "> ", "    ", "\t", "|", "a | b", "---", "===", ":",
    ": def", "{: .x }", "{#id}", "\\*", "~~", "^", "@name", "'", '"', "(", ")", "\n", "\n\n",
    " ", "https://example.com", "<https://example.com>", "Views are *my own*.",
    "**", "***", "**x**", "** x **", "**x **", "** x**", "***x***", "a**b**c", "**-**",
    "Which is **not** allowed?", "1.5", "x", "-",
]  # fmt: skip


def convert_both(text: str) -> tuple[tuple[str, str], tuple[str, str]]:
    def resolve(href: str) -> str:
        return f"resolved:{href}"

    with FAST.resolving_links(resolve), FULL.resolving_links(resolve):
        fast = (str(FAST.inline(text)), str(FAST.block(text)))
        full = (str(FULL.inline(text)), str(FULL.block(text)))
    return fast, full


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map("".join))
@example("[TOC]")
@example("Use #hashtags sparingly")
@example("word {: .x }")
def test_generated_texts_convert_the_same_with_and_without_shortcuts(text: str) -> None:
    fast, full = convert_both(text)
    assert fast == full


def course_texts() -> Iterator[str]:
    for path in sorted((ROOT / "quizzes").rglob("*.yml")):
        quiz = yaml.safe_load(path.read_text(encoding="utf-8"))
        for prompt in quiz.get("prompts", []):  # a self-check's
            yield str(prompt["text"])
            yield from (str(step) for step in (prompt.get("next_steps") or {}).values())
        for question in quiz.get("questions", []):
            yield str(question.get("prompt", ""))
            if question.get("explanation"):
                yield str(question["explanation"])
            for option in question.get("options") or []:
                yield str(option.get("text", ""))
                if option.get("feedback"):
                    yield str(option["feedback"])


def test_every_course_text_converts_the_same_with_and_without_shortcuts() -> None:
    texts = sorted(set(course_texts()))
    assert len(texts) > 500  # the whole course, not an empty folder
    different = [text for text in texts if convert_both(text)[0] != convert_both(text)[1]]
    assert different == []
