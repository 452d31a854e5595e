"""Author text is shown, never run: raw HTML is escaped, script links and handlers are inert.

Every check parses the rendered HTML the way a browser would (entities decoded), so an
address like `&#106;avascript:` counts as the `javascript:` it becomes in the page.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from engine_support import DECLARED_ROLES, lesson, load_good_quiz, renderer, url_for

from microcourse.diagnostics import Diagnostics, Location
from microcourse.load.lesson_loader import load_lesson
from microcourse.model import Quiz, Role, Video
from microcourse.render.answer_key import decode
from microcourse.render.rendering import mark_hashtags_and_mentions

URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "xlink:href", "data"}
# Tags an author could only bring in through raw HTML (the quiz template has its own <form>).
DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "style", "base", "meta"}
LESSON = lesson("twitter/first-post.md")

RAW_HTML = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "<iframe src=javascript:alert(1)></iframe>",
    "<svg onload=alert(1)>",
    "<b onmouseover=alert(1)>bold</b>",
]

SCRIPT_LINKS = [
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x]( javascript:alert(1) )",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](&#106;avascript:alert(1))",
    "[x](&#x6A;avascript:alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x](java&#9;script:alert(1))",
    "[x][ref]\n\n[ref]: javascript:alert(1)",
    "![x](javascript:alert(1))",
    "<javascript:alert(1)>",
    '[x](https://example.com){onclick="alert(1)"}',
    '[x](https://example.com){: ONMOUSEOVER="alert(1)" }',
    '[x](https://example.com){href="javascript:alert(1)"}',
    '[x](https://example.com){style="position:fixed;inset:0"}',
    'Some text\n{: onclick="alert(1)" }',
]

FIELDS = ["prompt", "option", "feedback", "explanation"]


def _quiz_with(field: str, text: str) -> Quiz:
    """A quiz whose `field` holds `text`, written as YAML by yaml.safe_dump (exact text)."""
    question: dict[str, Any] = {
        "id": "q",
        "type": "single",
        "prompt": "Which one?",
        "options": [{"text": "Right", "correct": True}, {"text": "Wrong"}],
    }
    if field == "prompt":
        question["prompt"] = text
    elif field == "option":
        question["options"][1]["text"] = text
    elif field == "feedback":
        question["options"][1]["feedback"] = text
    else:
        question["explanation"] = text
    source = yaml.safe_dump({"lesson": "a.md", "questions": [question]}, sort_keys=False)
    return load_good_quiz(source, "hostile")


def _rendered_fragments(quiz: Quiz) -> list[str]:
    """The quiz's HTML, and every HTML fragment its answer key carries to the browser."""
    course_renderer = renderer(quizzes=[quiz])
    html = course_renderer.quiz(quiz, LESSON, url_for)
    key = decode(course_renderer.answer_key(quiz, LESSON, url_for), quiz.id)
    assert isinstance(key, dict)
    fragments = [html]
    for entry in key.values():
        fragments.extend(entry.get("f", {}).values())
        if "x" in entry:
            fragments.append(entry["x"])
    return fragments


def _assert_inert(html: str) -> None:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        assert isinstance(tag, Tag)
        assert tag.name not in DANGEROUS_TAGS, f"live <{tag.name}>"
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), f"handler {name} on <{tag.name}>"
            assert name.lower() != "style", f"style on <{tag.name}>"
            if name.lower() in URL_ATTRIBUTES:
                address = re.sub(r"[\x00-\x20\x7f]", "", str(value)).lower()
                assert not address.startswith(("javascript:", "vbscript:", "data:")), (
                    f"{name}={value!r} on <{tag.name}> runs code"
                )


def _text_of_all(fragments: list[str]) -> str:
    return "\n".join(BeautifulSoup(f, "html.parser").get_text() for f in fragments)


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("payload", RAW_HTML)
def test_raw_html_is_shown_as_text(field: str, payload: str) -> None:
    fragments = _rendered_fragments(_quiz_with(field, payload))
    for fragment in fragments:
        _assert_inert(fragment)
        soup = BeautifulSoup(fragment, "html.parser")
        assert not soup.find_all(["img", "b"]), fragment
    # The learner sees what the author wrote, character for character.
    assert payload in _text_of_all(fragments)


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("payload", SCRIPT_LINKS)
def test_script_links_and_handlers_are_inert(field: str, payload: str) -> None:
    for fragment in _rendered_fragments(_quiz_with(field, payload)):
        _assert_inert(fragment)


@pytest.mark.parametrize(
    "payload",
    [
        "[the policy](https://example.com/policy)",
        "[mail us](mailto:social@example.com)",
        "[a section](#section)",
        "[another lesson](../policy/the-donts.md)",
    ],
)
def test_ordinary_links_keep_their_address(payload: str) -> None:
    html = _rendered_fragments(_quiz_with("prompt", payload))[0]
    link = BeautifulSoup(html, "html.parser").find("legend")
    assert isinstance(link, Tag)
    anchor = link.find("a")
    assert isinstance(anchor, Tag)
    assert anchor.get("href"), "a safe link must keep its address"


def test_post_text_is_escaped_and_marks_hashtags_and_mentions() -> None:
    source = yaml.safe_dump(
        {
            "lesson": "a.md",
            "questions": [
                {
                    "id": "q",
                    "type": "true_false",
                    "answer": False,
                    "prompt": "Fine?",
                    "post": {
                        "platform": "facebook",
                        "author": "<script>alert(1)</script> Rivera",
                        "handle": '@jamie"><img src=x onerror=alert(1)>',
                        "text": '<b>Big</b> "news" & more #Launch2025 @acme_co, mail a@b.com C#',
                    },
                }
            ],
        }
    )
    quiz = load_good_quiz(source, "post")
    html = renderer(quizzes=[quiz]).quiz(quiz, LESSON, url_for)
    _assert_inert(html)
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all(["b", "img", "script"])
    text = soup.find("p", class_="mc-post__text")
    assert isinstance(text, Tag)
    assert text.get_text() == '<b>Big</b> "news" & more #Launch2025 @acme_co, mail a@b.com C#'
    assert [s.get_text() for s in text.find_all("span", class_="mc-post__hashtag")] == [
        "#Launch2025"
    ]
    assert [s.get_text() for s in text.find_all("span", class_="mc-post__mention")] == ["@acme_co"]
    author = soup.find("span", class_="mc-post__author")
    handle = soup.find("span", class_="mc-post__handle")
    assert isinstance(author, Tag) and isinstance(handle, Tag)
    assert author.get_text() == "<script>alert(1)</script> Rivera"
    assert handle.get_text() == '@jamie"><img src=x onerror=alert(1)>'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("#launch", '<span class="mc-post__hashtag">#launch</span>'),
        ("Hi @acme!", 'Hi <span class="mc-post__mention">@acme</span>!'),
        ("a@b.com and C# and ##x", "a@b.com and C# and ##x"),
        (
            '<i>"x"</i> & #y',
            '&lt;i&gt;&#34;x&#34;&lt;/i&gt; &amp; <span class="mc-post__hashtag">#y</span>',
        ),
    ],
)
def test_mark_hashtags_and_mentions(text: str, expected: str) -> None:
    assert str(mark_hashtags_and_mentions(text)) == expected


def test_titles_from_front_matter_and_quiz_are_escaped() -> None:
    front_matter = (
        "---\n"
        "title: Tips & tricks for <script>alert(1)</script>\n"
        "summary: Use <b> & <i> wisely\n"
        "minutes: 3\n"
        "roles: [sales]\n"
        "objectives:\n"
        "  - Write <img src=x onerror=alert(1)> & more\n"
        "---\n"
    )
    diagnostics = Diagnostics()
    the_lesson = load_lesson(
        "tips.md", "content/tips.md", front_matter, diagnostics, DECLARED_ROLES
    )
    assert not diagnostics, diagnostics.report()
    assert the_lesson is not None
    quiz = load_good_quiz(
        yaml.safe_dump(
            {
                "title": "Quiz <b>&</b> more",
                "lesson": "tips.md",
                "roles": ["sales"],
                "questions": [{"id": "q", "type": "true_false", "answer": True, "prompt": "P"}],
            }
        ),
        "escape",
    )
    render = renderer([the_lesson], [quiz])
    render.course.roles["sales"] = Role("sales", "Sales & <marketing>", "You sell.")
    pages = {
        "header": render.lesson_header(the_lesson),
        "quiz": render.quiz(quiz, the_lesson, url_for),
        "path": render.path(render.course.roles["sales"], url_for),
        "overview": render.paths_overview(url_for, "paths/index.md"),
    }
    for html in pages.values():
        _assert_inert(html)
        assert not BeautifulSoup(html, "html.parser").find_all(["b", "i", "img", "script"])
    header = BeautifulSoup(pages["header"], "html.parser")
    h1 = header.find("h1")
    assert isinstance(h1, Tag)
    assert h1.get_text() == "Tips & tricks for <script>alert(1)</script>"
    assert "For Sales & <marketing>" in header.get_text()
    assert "Write <img src=x onerror=alert(1)> & more" in header.get_text()
    quiz_soup = BeautifulSoup(pages["quiz"], "html.parser")
    h2 = quiz_soup.find("h2")
    assert isinstance(h2, Tag)
    assert h2.get_text() == "Quiz <b>&</b> more"
    path_text = BeautifulSoup(pages["path"], "html.parser").get_text()
    assert "Tips & tricks for <script>alert(1)</script>" in path_text
    assert "Use <b> & <i> wisely" in path_text
    assert "Sales & <marketing>" in BeautifulSoup(pages["overview"], "html.parser").get_text()


def test_video_titles_are_escaped() -> None:
    title = 'Launch <script>alert(1)</script> & "more"'
    for video in (
        Video(title, Location("content/a.md", 3), src="a.mp4", captions="a.vtt", poster="a.jpg"),
        Video(
            title,
            Location("content/a.md", 4),
            poster="a.jpg",
            embed_url="https://www.youtube-nocookie.com/embed/abc123XYZ_-",
            provider="YouTube",
        ),
    ):
        html = renderer([LESSON]).video(video, url_for)
        _assert_inert(html)
        soup = BeautifulSoup(html, "html.parser")
        caption = soup.find("figcaption")
        assert isinstance(caption, Tag)
        assert caption.get_text().startswith(title)
        figure = soup.find("figure")
        assert isinstance(figure, Tag)
        if video.embed_url:
            assert figure["data-mc-title"] == title


def test_interface_strings_from_settings_are_text() -> None:
    from microcourse.strings import interface_strings

    render = renderer([LESSON])
    render.strings = interface_strings("en", {"quiz_title": "<img src=x onerror=alert(1)>"})
    quiz = load_good_quiz(
        "lesson: a.md\nquestions:\n  - id: q\n    type: true_false\n    answer: true\n    prompt: P\n",
        "strings",
    )
    html = render.quiz(quiz, LESSON, url_for)
    _assert_inert(html)
    assert not BeautifulSoup(html, "html.parser").find_all("img")
