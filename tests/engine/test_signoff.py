"""Sign-offs: the version's digest rules, the settings' and markers' located errors, the date."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml

from microcourse.diagnostics import Diagnostics
from microcourse.load.change_dates import last_changed
from microcourse.load.course_loader import CourseSources
from microcourse.load.course_scan import scan_course
from microcourse.load.policy_version import lesson_digest, normalised, signoff_digest
from microcourse.load.settings_loader import load_settings
from microcourse.load.signoff_loader import find_markers

# ------------------------------------------------------------------ digest rules

BODY = "Acme's policy is short.\n\n- **Do** post in your own words.\n- Don't share secrets.\n"

SAME_TEXT = {
    "CRLF line endings": BODY.replace("\n", "\r\n"),
    "CR line endings": BODY.replace("\n", "\r"),
    "trailing spaces and tabs": BODY.replace("\n", "  \t\n"),
    "more blank lines": BODY.replace("\n\n", "\n\n\n\n"),
    "a re-wrapped line": BODY.replace("is short.", "is\nshort."),
    "indentation": BODY.replace("- ", "   - "),
    "doubled spaces": BODY.replace("policy is", "policy   is"),
    "a no-break space": BODY.replace("policy is", "policy\u00a0is"),
    "a byte-order mark": "\ufeff" + BODY,
    "an HTML comment": BODY + "\n<!-- signoff: policy -->\n",
    "decomposed accents (NFD)": BODY.replace("short", "cafe\u0301"),
}


@pytest.mark.parametrize("text", SAME_TEXT.values(), ids=SAME_TEXT.keys())
def test_spacing_and_encoding_do_not_change_the_version(text: str) -> None:
    reference = BODY.replace("short", "caf\u00e9") if "\u0301" in text else BODY
    assert lesson_digest("The policy", text) == lesson_digest("The policy", reference)


NEW_TEXT = {
    "a changed word": BODY.replace("secrets", "passwords"),
    "punctuation": BODY.replace("short.", "short!"),
    "Markdown emphasis": BODY.replace("**Do**", "Do"),
    "joined words": BODY.replace("own words", "ownwords"),
    "a new line of text": BODY + "- Ask first.\n",
}


@pytest.mark.parametrize("text", NEW_TEXT.values(), ids=NEW_TEXT.keys())
def test_a_change_of_words_is_a_new_version(text: str) -> None:
    assert lesson_digest("The policy", text) != lesson_digest("The policy", BODY)


def test_the_title_counts_and_the_statement_counts() -> None:
    assert lesson_digest("The new policy", BODY) != lesson_digest("The policy", BODY)
    lessons = {"policy/a": lesson_digest("A", BODY)}
    assert signoff_digest("I have read it.", lessons) != signoff_digest("I read it.", lessons)
    assert signoff_digest("I have read it.", lessons) == signoff_digest(
        "I have  read\nit.", lessons
    )
    more = {**lessons, "policy/b": lesson_digest("B", BODY)}
    assert signoff_digest("I have read it.", more) != signoff_digest("I have read it.", lessons)


def test_what_normalising_keeps() -> None:
    assert normalised("  a\r\n\r\n b\t<!-- x\ny -->c  ") == "a b c"
    assert len(lesson_digest("T", BODY)) == 64


# ------------------------------------------------------------------ markers

MARKED = """Text.

<!-- signoff: policy -->

```markdown
<!-- signoff: example -->
```

~~~~
<!-- signoff: tilde -->
~~~~
  <!--signoff:spaced-->
Inline <!-- signoff: inline --> is not a marker.
"""


def test_markers_are_lines_of_their_own_outside_fenced_code() -> None:
    assert find_markers(MARKED) == [("policy", 3, 1), ("spaced", 12, 3)]


# ------------------------------------------------------------------ a course with a sign-off

LESSON = "---\ntitle: {title}\nsummary: S.\nminutes: 3\n---\n\n{body}\n"
CONFIG = """site_name: Test
docs_dir: content
plugins:
  - course:
      signoffs:
{signoffs}
"""
GOOD_SIGNOFF = """        - id: policy
          statement: I have read the policy.
          lessons:
            - policy/one.md
            - policy/two.md
"""
NAV = ["index.md", "policy/one.md", "policy/two.md", "policy/about.md"]


def _course(root: Path, signoffs: str, files: dict[str, str] | None = None) -> tuple[list, list]:  # type: ignore[type-arg]
    texts = {
        "mkdocs.yml": CONFIG.format(signoffs=signoffs),
        "content/index.md": "# Home\n",
        "content/policy/one.md": LESSON.format(title="One", body="The first part."),
        "content/policy/two.md": LESSON.format(
            title="Two", body="The second part.\n\n<!-- signoff: policy -->"
        ),
        "content/policy/about.md": "---\ntitle: About\ntype: page\n---\n",
        **(files or {}),
    }
    for relative, text in texts.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    diagnostics = Diagnostics()
    config = texts["mkdocs.yml"]
    raw = yaml.safe_load(config)["plugins"][0]["course"]
    settings = load_settings("mkdocs.yml", config, raw, diagnostics)
    sources = CourseSources(root, root / "content", root / "quizzes", root / "mkdocs.yml")
    scan = scan_course(sources, NAV, {}, 80, {}, diagnostics, settings.signoffs)
    return scan.course.signoffs, [str(d) for d in sorted(diagnostics.items)]


def test_a_sign_off_gets_its_version_lessons_and_place(tmp_path: Path) -> None:
    [signoff], errors = _course(tmp_path, GOOD_SIGNOFF)
    assert errors == []
    assert signoff.id == "policy" and signoff.page == "policy/two.md"
    assert list(signoff.lessons) == ["policy/one", "policy/two"]
    assert signoff.lessons["policy/one"] == lesson_digest("One", "\nThe first part.\n")
    assert signoff.digest == signoff_digest("I have read the policy.", signoff.lessons)
    assert signoff.version == signoff.digest[:8]
    assert signoff.changed_source == "mtime"  # tmp_path is no git checkout


SETTINGS_MISTAKES = {
    "not a list": (
        "        policy\n",
        [
            "mkdocs.yml:6:9: error: 'signoffs' in the course plugin's settings must be a list (one '- ' item per line), not 'policy'"
        ],
    ),
    "every key missing": (
        "        - title: Policy\n",
        [
            "mkdocs.yml:6:11: error: sign-off 1 is missing 'id'; add an 'id:' line",
            "mkdocs.yml:6:11: error: sign-off 1 is missing 'lessons'; add a 'lessons:' line",
            "mkdocs.yml:6:11: error: sign-off 1 is missing 'statement'; add a 'statement:' line",
            "mkdocs.yml:6:11: error: unknown key 'title' in sign-off 1; allowed keys are id, statement, lessons",
        ],
    ),
    "bad id, empty statement, empty lessons": (
        "        - id: The Policy\n          statement: ''\n          lessons: []\n",
        [
            "mkdocs.yml:6:15: error: 'id' in sign-off 1 must use lowercase letters, digits and hyphens only (like 'tweet-length'), not 'The Policy'",
            "mkdocs.yml:7:11: error: 'statement' in sign-off 1 is empty; write what learners confirm, like 'I have read and understood the social media policy'",
            "mkdocs.yml:8:20: error: 'lessons' of sign-off 1 is empty; list the lessons learners must complete before they sign",
        ],
    ),
    "a lesson that is a list": (
        "        - id: policy\n          statement: I read it.\n          lessons:\n            - [policy/one.md]\n",
        [
            "mkdocs.yml:9:15: error: each item of 'lessons' in sign-off 'policy' is a lesson's path under the docs folder, like 'policy/the-donts.md', not a list",
        ],
    ),
}


@pytest.mark.parametrize(
    ("written", "expected"), SETTINGS_MISTAKES.values(), ids=SETTINGS_MISTAKES.keys()
)
def test_mistakes_in_the_settings_are_located(
    tmp_path: Path, written: str, expected: list[str]
) -> None:
    _, errors = _course(tmp_path, written)
    # The marker in policy/two.md names a sign-off that did not load: also reported.
    assert [e for e in errors if not e.startswith("content/")] == expected


def test_mistakes_against_the_course_are_located(tmp_path: Path) -> None:
    signoffs = (
        GOOD_SIGNOFF
        + "            - policy/one.md\n"
        + "            - policy/three.md\n"
        + "            - policy/about.md\n"
        + "        - id: policy\n          statement: Twice.\n          lessons: [policy/one.md]\n"
        + "        - id: unplaced\n          statement: Nowhere.\n          lessons: [policy/one.md]\n"
    )
    one = LESSON.format(title="One", body="<!-- signoff: policy -->\n\n<!-- signoff: polcy -->")
    _, errors = _course(tmp_path, signoffs, {"content/policy/one.md": one})
    assert errors == [
        "content/policy/one.md:9:1: error: sign-off 'polcy' is not declared; did you mean 'policy'? "
        "declare it under the course plugin's 'signoffs' in mkdocs.yml, or remove this marker",
        "content/policy/two.md:9:1: error: sign-off 'policy' is already placed in "
        "content/policy/one.md; a sign-off appears in one lesson only",
        "mkdocs.yml:11:15: error: lesson 'policy/one.md' is listed twice; keep one",
        "mkdocs.yml:12:15: error: lesson 'policy/three.md' does not exist; did you mean 'policy/two.md'? "
        "list lessons by their path under the docs folder, as in 'nav'",
        "mkdocs.yml:13:15: error: 'policy/about.md' is a page, not a lesson; a sign-off covers lessons",
        "mkdocs.yml:14:15: error: sign-off id 'policy' is used twice (first on line 6); give each "
        "sign-off its own id",
        "mkdocs.yml:17:11: error: sign-off 'unplaced' appears in no lesson; put the line "
        "'<!-- signoff: unplaced -->' in the lesson where learners sign (usually the last one it covers)",
    ]


# ------------------------------------------------------------------ the date it last changed


def test_the_date_is_the_newest_file_time_outside_git(tmp_path: Path) -> None:
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text("a")
    new.write_text("b")
    os.utime(old, (0, 86400 * 365))  # 1971-01-01
    os.utime(new, (0, 86400 * 366))  # 1971-01-02
    assert last_changed([old, new]) == ("1971-01-02", "mtime")


def test_the_date_is_the_last_commit_in_a_clean_checkout(tmp_path: Path) -> None:
    def git(*args: str, date: str = "2025-03-04T10:00:00+00:00") -> None:
        env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
        subprocess.run(
            ["git", "-C", str(tmp_path), *args], check=True, env=env, capture_output=True
        )

    git("init", "-q")
    git("config", "user.email", "author@example.com")
    git("config", "user.name", "Author")
    lesson = tmp_path / "lesson.md"
    other = tmp_path / "other.md"
    lesson.write_text("one")
    other.write_text("x")
    git("add", ".")
    git("commit", "-qm", "first")
    other.write_text("y")
    git("commit", "-qam", "other only", date="2025-06-07T10:00:00+00:00")
    assert last_changed([lesson]) == ("2025-03-04", "git")
    lesson.write_text("two")  # changed since the last commit: the file's own time
    _, source = last_changed([lesson])
    assert source == "mtime"
