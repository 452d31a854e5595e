"""Videos in lessons: one Markdown image line, checked against the files beside the lesson.

`find_videos` reads files through a callable; these tests give it a small in-memory
file system (a dict of docs-relative paths to bytes), so every case states its files.
Lessons are whole files with front matter, so error lines are the lesson file's lines.
"""

from __future__ import annotations

import pytest

from microcourse.diagnostics import Diagnostics, Location
from microcourse.load.course_scan import lesson_body
from microcourse.load.video_syntax import embed_address, find_videos, placeholder
from microcourse.model import Video

CAPTIONS = (
    b"WEBVTT\n\n"
    b"00:00:00.000 --> 00:00:02.000\n<v Jamie>Hello there.</v>\n\n"
    b"00:00:02.000 --> 00:00:04.000\nThis is how to post.\n\n"
    b"00:00:04.000 --> 00:00:06.000\nKeep it short.\n\n"
    b"00:00:06.000 --> 00:00:08.000\nSay who you are.\n\n"
    b"00:00:08.000 --> 00:00:10.000\nThen post &amp; reply.\n"
)
LESSON_SRC = "twitter/first-post.md"
DISPLAY = "content/twitter/first-post.md"
FRONT_MATTER = "---\ntitle: First post\nsummary: Post.\nminutes: 3\n---\n"
# The video line of `_lesson(line)` is line 9 of the file.
VIDEO_LINE = 9


class MemoryFiles:
    """A docs folder in memory; records what was read."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files
        self.read: list[str] = []

    def __call__(self, relative: str) -> bytes | None:
        self.read.append(relative)
        return self.files.get(relative)


def _lesson(video_line: str) -> str:
    return FRONT_MATTER + "\nSome reading.\n\n" + video_line + "\n\nMore reading.\n"


def _find(text: str, files: dict[str, bytes]) -> tuple[str, list[Video], list[str], MemoryFiles]:
    body, first_line = lesson_body(text)
    diagnostics = Diagnostics()
    read = MemoryFiles(files)
    new_body, videos = find_videos(body, LESSON_SRC, DISPLAY, first_line, read, diagnostics)
    return new_body, videos, [str(d) for d in sorted(diagnostics.items)], read


def _error(message: str, line: int = VIDEO_LINE) -> str:
    return f"{DISPLAY}:{line}:1: error: {message}"


LOCAL = {
    "media/twitter.mp4": b"\x00\x00\x00\x18ftypmp42",
    "media/twitter.vtt": CAPTIONS,
    "media/twitter.jpg": b"\xff\xd8\xff",
}


def test_the_video_line_is_on_the_expected_file_line() -> None:
    text = _lesson("![Twitter in a minute](../media/twitter.mp4)")
    assert text.split("\n")[VIDEO_LINE - 1] == "![Twitter in a minute](../media/twitter.mp4)"


def test_local_video_with_captions_poster_and_transcript() -> None:
    body, videos, errors, _ = _find(_lesson("![Twitter in a minute](../media/twitter.mp4)"), LOCAL)
    assert errors == []
    assert videos == [
        Video(
            title="Twitter in a minute",
            location=Location(DISPLAY, VIDEO_LINE, 1),
            src="media/twitter.mp4",
            captions="media/twitter.vtt",
            poster="media/twitter.jpg",
            transcript=[
                "Hello there. This is how to post. Keep it short. Say who you are.",
                "Then post & reply.",
            ],
        )
    ]
    # The line becomes a placeholder block; the rest of the lesson is untouched.
    assert body.split("\n\n\n")[0].endswith("Some reading.")
    assert f"\n{placeholder(0)}\n" in body
    assert "![Twitter" not in body
    assert "More reading." in body


def test_named_captions_and_poster_and_webm() -> None:
    files = {
        "media/clip.webm": b"webm",
        "media/subs/clip.en.vtt": CAPTIONS,
        "media/stills/clip.png": b"png",
    }
    line = '![Clip](../media/clip.webm){ captions="../media/subs/clip.en.vtt" poster="../media/stills/clip.png" }'
    _, videos, errors, _ = _find(_lesson(line), files)
    assert errors == []
    assert [(v.src, v.captions, v.poster) for v in videos] == [
        ("media/clip.webm", "media/subs/clip.en.vtt", "media/stills/clip.png")
    ]


@pytest.mark.parametrize("extension", [".jpg", ".jpeg", ".png", ".webp"])
def test_poster_found_beside_the_video(extension: str) -> None:
    files = {"media/a.mp4": b"v", "media/a.vtt": CAPTIONS, f"media/a{extension}": b"i"}
    _, videos, errors, _ = _find(_lesson("![A](../media/a.mp4)"), files)
    assert errors == []
    assert videos[0].poster == f"media/a{extension}"


@pytest.mark.parametrize(
    ("case", "line", "files", "expected"),
    [
        pytest.param(
            "missing video file",
            "![Twitter in a minute](../media/gone.mp4)",
            {"media/gone.vtt": CAPTIONS, "media/gone.jpg": b"j"},
            [
                "video file '../media/gone.mp4' does not exist (looked for content/media/gone.mp4)",
            ],
            id="missing-video",
        ),
        pytest.param(
            "missing captions",
            "![Twitter in a minute](../media/twitter.mp4)",
            {"media/twitter.mp4": b"v", "media/twitter.jpg": b"j"},
            [
                "video '../media/twitter.mp4' has no captions file '../media/twitter.vtt'; "
                "every video needs WebVTT captions (make them with the video script, or "
                "write them by hand)",
            ],
            id="missing-captions",
        ),
        pytest.param(
            "captions without the WEBVTT line",
            "![Twitter in a minute](../media/twitter.mp4)",
            {
                "media/twitter.mp4": b"v",
                "media/twitter.vtt": b"1\n00:00:00,000 --> 00:00:02,000\nHello\n",
                "media/twitter.jpg": b"j",
            },
            [
                "captions file '../media/twitter.vtt' is not valid WebVTT (line 1: a WebVTT "
                "file must start with the line 'WEBVTT'); fix it",
            ],
            id="invalid-captions",
        ),
        pytest.param(
            "captions that are not UTF-8",
            "![Twitter in a minute](../media/twitter.mp4)",
            {
                "media/twitter.mp4": b"v",
                "media/twitter.vtt": b"WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nCaf\xe9\n",
                "media/twitter.jpg": b"j",
            },
            ["captions file '../media/twitter.vtt' is not UTF-8 text"],
            id="captions-not-utf8",
        ),
        pytest.param(
            "captions without a cue",
            "![Twitter in a minute](../media/twitter.mp4)",
            {
                "media/twitter.mp4": b"v",
                "media/twitter.vtt": b"WEBVTT\n",
                "media/twitter.jpg": b"j",
            },
            ["captions file '../media/twitter.vtt' has no captions in it"],
            id="captions-empty",
        ),
        pytest.param(
            "missing poster",
            "![Twitter in a minute](../media/twitter.mp4)",
            {"media/twitter.mp4": b"v", "media/twitter.vtt": CAPTIONS},
            [
                "video '../media/twitter.mp4' has no poster image '../media/twitter.jpg'; add "
                "one (a still from the video) so learners see what it is before it loads",
            ],
            id="missing-poster",
        ),
        pytest.param(
            "video outside the docs folder",
            "![Outside](../../../secret.mp4)",
            {"secret.mp4": b"v", "secret.vtt": CAPTIONS, "secret.jpg": b"j"},
            [
                "video file '../../../secret.mp4' is outside the content/ folder, so the site "
                "cannot include it; move it under content/ and link to it from the lesson",
            ],
            id="outside-docs",
        ),
        pytest.param(
            "no title",
            "![](../media/twitter.mp4)",
            LOCAL,
            ["this video has no title; write it between the brackets: ![Title](...)"],
            id="no-title",
        ),
        pytest.param(
            "unsupported site",
            '![Launch](https://www.dailymotion.com/video/x7){ poster="../media/twitter.jpg" }',
            LOCAL,
            [
                "'https://www.dailymotion.com/video/x7' is not a video address the course can "
                "play; use a YouTube (youtube.com/watch?v=..., youtu.be/...) or Vimeo "
                "(vimeo.com/123456) address, or a local .mp4 or .webm file",
            ],
            id="unsupported-site",
        ),
        pytest.param(
            "remote file",
            '![Launch](https://cdn.example.com/launch.mp4){ poster="../media/twitter.jpg" }',
            LOCAL,
            [
                "'https://cdn.example.com/launch.mp4' is not a video address the course can "
                "play; use a YouTube (youtube.com/watch?v=..., youtu.be/...) or Vimeo "
                "(vimeo.com/123456) address, or a local .mp4 or .webm file",
            ],
            id="remote-file",
        ),
        pytest.param(
            "YouTube without a poster",
            "![Launch](https://www.youtube.com/watch?v=abc123XYZ_-)",
            LOCAL,
            [
                "the YouTube video needs a local poster image: add "
                '{ poster="../media/your-image.jpg" } after the link',
            ],
            id="youtube-no-poster",
        ),
        pytest.param(
            "Vimeo with a missing poster",
            '![Launch](https://vimeo.com/123456789){ poster="../media/launch.jpg" }',
            LOCAL,
            ["poster image '../media/launch.jpg' does not exist"],
            id="vimeo-missing-poster",
        ),
        pytest.param(
            "remote image",
            "![Our logo](https://example.com/a.png)",
            LOCAL,
            [
                "the image 'https://example.com/a.png' is on another site, and the course must "
                "not request anything from outside the company network; save it under "
                "content/ and link to the copy",
            ],
            id="remote-image",
        ),
    ],
)
def test_video_errors(case: str, line: str, files: dict[str, bytes], expected: list[str]) -> None:
    body, videos, errors, _ = _find(_lesson(line), files)
    assert errors == [_error(message) for message in expected], case
    assert videos == []
    # A line in error stays as written: nothing is half-replaced.
    assert line in body


@pytest.mark.parametrize(
    "line",
    [
        "![Outside](../../../secret.mp4)",
        '![Outside](../media/twitter.mp4){ captions="../../../secret.vtt" }',
        '![Outside](../media/twitter.mp4){ poster="../../../secret.jpg" }',
        '![Outside](https://youtu.be/abc123XYZ_-){ poster="../../../secret.jpg" }',
    ],
)
def test_nothing_is_read_from_outside_the_docs_folder(line: str) -> None:
    files = {
        **LOCAL,
        "../../secret.mp4": b"v",
        "../../secret.vtt": CAPTIONS,
        "../../secret.jpg": b"j",
    }
    _, videos, errors, read = _find(_lesson(line), files)
    assert [path for path in read.read if path.startswith("..")] == []
    assert videos == []
    assert len(errors) == 1, errors
    assert "outside the content/ folder" in errors[0]


def test_a_missing_video_file_is_one_error_not_three() -> None:
    # Its captions and poster are missing too, but the cause is the video file.
    _, _, errors, _ = _find(_lesson("![Gone](../media/gone.mp4)"), {})
    assert errors == [
        _error("video file '../media/gone.mp4' does not exist (looked for content/media/gone.mp4)"),
    ]


def test_every_missing_companion_of_a_video_is_reported() -> None:
    _, _, errors, _ = _find(_lesson("![Here](../media/here.mp4)"), {"media/here.mp4": b"v"})
    assert errors == [
        _error(
            "video '../media/here.mp4' has no captions file '../media/here.vtt'; every video "
            "needs WebVTT captions (make them with the video script, or write them by hand)"
        ),
        _error(
            "video '../media/here.mp4' has no poster image '../media/here.jpg'; add one (a "
            "still from the video) so learners see what it is before it loads"
        ),
    ]


def test_videos_in_the_wrong_place_and_inline_remote_images_are_errors() -> None:
    text = _lesson(
        "- a list item\n\n    ![Indented](../media/twitter.mp4)\n\n"
        "Look ![x](https://example.com/x.png) here, but `![y](https://example.com/y.png)` is code."
    )
    _, videos, errors, _ = _find(text, LOCAL)
    assert videos == []
    assert errors == [
        _error(
            "a video goes on a line of its own, at the start of the line (not indented, not in "
            "a list or a box); move it there",
            line=VIDEO_LINE + 2,
        ),
        _error(
            "the image 'https://example.com/x.png' is on another site, and the course must "
            "not request anything from outside the company network; save it under content/ "
            "and link to the copy",
            line=VIDEO_LINE + 4,
        ),
    ]


YOUTUBE = "https://www.youtube-nocookie.com/embed/abc123XYZ_-"


@pytest.mark.parametrize(
    ("address", "provider", "embed"),
    [
        ("https://www.youtube.com/watch?v=abc123XYZ_-", "YouTube", YOUTUBE),
        ("https://youtube.com/watch?v=abc123XYZ_-&t=30s", "YouTube", YOUTUBE),
        ("https://m.youtube.com/watch?v=abc123XYZ_-", "YouTube", YOUTUBE),
        ("https://youtu.be/abc123XYZ_-", "YouTube", YOUTUBE),
        ("https://www.youtube.com/shorts/abc123XYZ_-", "YouTube", YOUTUBE),
        ("https://www.youtube.com/embed/abc123XYZ_-", "YouTube", YOUTUBE),
        ("https://www.youtube-nocookie.com/embed/abc123XYZ_-", "YouTube", YOUTUBE),
        ("https://vimeo.com/123456789", "Vimeo", "https://player.vimeo.com/video/123456789?dnt=1"),
        (
            "https://player.vimeo.com/video/123456789",
            "Vimeo",
            "https://player.vimeo.com/video/123456789?dnt=1",
        ),
    ],
)
def test_remote_videos_play_from_privacy_enhanced_players(
    address: str, provider: str, embed: str
) -> None:
    files = {"media/launch.jpg": b"j"}
    line = f'![Our launch]({address}){{ poster="../media/launch.jpg" }}'
    body, videos, errors, _ = _find(_lesson(line), files)
    assert errors == []
    assert videos == [
        Video(
            title="Our launch",
            location=Location(DISPLAY, VIDEO_LINE, 1),
            poster="media/launch.jpg",
            embed_url=embed,
            provider=provider,
        )
    ]
    assert placeholder(0) in body


@pytest.mark.parametrize(
    "address",
    [
        "https://www.youtube.com/watch?v=abc",  # too short to be a video id
        "https://www.youtube.com/channel/UC123456",
        "https://vimeo.com/channels/staffpicks",
        "https://www.dailymotion.com/video/x7",
        "https://example.com/watch?v=abc123XYZ_-",
    ],
)
def test_addresses_that_are_not_playable(address: str) -> None:
    assert embed_address(address) is None


@pytest.mark.parametrize("fence", ["```", "~~~", "````"])
def test_video_lines_in_code_fences_are_ignored(fence: str) -> None:
    text = _lesson(f"{fence}markdown\n![Gone](../media/gone.mp4)\n{fence}")
    body, videos, errors, read = _find(text, {})
    assert (videos, errors, read.read) == ([], [], [])
    assert "![Gone](../media/gone.mp4)" in body


def test_a_fence_closes_only_with_its_own_marker() -> None:
    text = _lesson(
        "````\n```\n![Gone](../media/gone.mp4)\n```\n````\n\n![Twitter](../media/twitter.mp4)"
    )
    _, videos, errors, _ = _find(text, LOCAL)
    assert errors == []
    assert [v.src for v in videos] == ["media/twitter.mp4"]


def test_several_videos_each_with_its_own_line_and_placeholder() -> None:
    text = _lesson(
        "![One](../media/twitter.mp4)\n\nText.\n\n"
        '![Two](https://youtu.be/abc123XYZ_-){ poster="../media/twitter.jpg" }\n\n'
        "![Bad](../media/nope.webm)"
    )
    body, videos, errors, _ = _find(text, LOCAL)
    assert [(v.title, v.location.line) for v in videos] == [
        ("One", VIDEO_LINE),
        ("Two", VIDEO_LINE + 4),
    ]
    assert placeholder(0) in body and placeholder(1) in body
    assert {error.split(": error: ")[0] for error in errors} == {f"{DISPLAY}:{VIDEO_LINE + 6}:1"}


def test_images_and_inline_video_links_are_not_videos() -> None:
    text = _lesson("![A diagram](../media/diagram.png)\n\nSee [the video](../media/twitter.mp4).")
    body, videos, errors, read = _find(text, LOCAL)
    assert (videos, errors, read.read) == ([], [], [])
    assert body == lesson_body(text)[0]


@pytest.mark.parametrize("extension", [".mov", ".MOV", ".avi", ".mkv", ".m4v", ".wmv"])
def test_a_video_format_not_every_browser_plays_is_an_error_not_a_broken_image(
    extension: str,
) -> None:
    src = f"../media/twitter{extension}"
    files = {**LOCAL, f"media/twitter{extension}": b"\x00"}
    _, videos, errors, _ = _find(_lesson(f"![Twitter in a minute]({src})"), files)
    assert videos == []
    assert errors == [
        _error(
            f"video file '{src}' is a {extension.lower()} file, which not every browser can "
            "play; convert it to .mp4 (H.264 video, AAC sound; for example 'ffmpeg -i video"
            f"{extension.lower()} video.mp4') and link to the .mp4"
        )
    ]


def test_the_guides_video_examples() -> None:
    missing = _find(_lesson("![Twitter](../media/videos/twiter.mp4)"), LOCAL)[2]
    assert missing == [
        _error(
            "video file '../media/videos/twiter.mp4' does not exist "
            "(looked for content/media/videos/twiter.mp4)"
        )
    ]
    outside = '![Twitter](../media/twitter.mp4){ captions="../../captions/twitter.vtt" }'
    assert _find(_lesson(outside), LOCAL)[2] == [
        _error(
            "captions file '../../captions/twitter.vtt' is outside the content/ folder, so the "
            "site cannot include it; move it under content/ and link to it from the lesson"
        )
    ]
    commas = {**LOCAL, "media/twitter.vtt": b"WEBVTT\n\n00:00:01,600 --> 00:00:06.228\nHi.\n"}
    assert _find(_lesson("![Twitter](../media/twitter.mp4)"), commas)[2] == [
        _error(
            "captions file '../media/twitter.vtt' is not valid WebVTT (line 3: '00:00:01,600' "
            "is not a timestamp; write HH:MM:SS.mmm or MM:SS.mmm (00:01:02.500)); fix it"
        )
    ]
