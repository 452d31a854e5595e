"""Videos in lessons, written as a Markdown image on a line of its own.

    ![Twitter 101 in a minute](../media/videos/twitter.mp4)
    ![Our launch event](https://www.youtube.com/watch?v=abc123XYZ_-){ poster="../media/launch.jpg" }

A local MP4 or WebM needs a WebVTT captions file and a poster image beside it
with the same name (`twitter.vtt`, `twitter.jpg`/`.png`/`.webp`), or named in
`{ captions="..." poster="..." }`. A YouTube or Vimeo address needs a local
poster; the page shows it until the learner clicks, and only then talks to the
provider's privacy-enhanced player.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qs, urlparse

from ..diagnostics import Diagnostics, Location
from ..model import Video
from .webvtt import WebVTTError, read_webvtt

VIDEO_EXTENSIONS = (".mp4", ".webm")
# Video files browsers cannot all play; written as an image, one would show a broken image.
OTHER_VIDEO_EXTENSIONS = (
    ".mov", ".qt", ".m4v", ".avi", ".mkv", ".wmv", ".flv", ".ogv", ".mpg", ".mpeg", ".3gp",
)  # fmt: skip
POSTER_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp")
_IMAGE_LINE = re.compile(
    r"^!\[(?P<title>[^\]]*)\]\((?P<src>[^)\s]+)\)\s*(?:\{(?P<attrs>[^}]*)\})?\s*$"
)
_ATTRIBUTE = re.compile(r'(\w+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|(\S+))')
_INLINE_IMAGE = re.compile(r"!\[[^\]]*\]\((?P<src>[^)\s]+)")
_CODE_SPAN = re.compile(r"(`+).*?\1")
_FENCE = re.compile(r"^\s*(```+|~~~+)")
_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{6,20}")
_VIMEO_ID = re.compile(r"[0-9]{4,12}")
_VIDEO_HOSTS = ("youtube", "youtu.be", "vimeo", "dailymotion", "wistia", "loom", "tiktok")

ReadFile = Callable[[str], bytes | None]
"""Reads a docs-relative file, or None if it does not exist."""
FileExists = Callable[[str], bool]
"""Whether a docs-relative file exists (videos and posters are checked, not read)."""


@dataclass(frozen=True)
class _Files:
    read: ReadFile
    exists: FileExists


def placeholder(index: int) -> str:
    return f"<!-- course-video:{index} -->"


def find_videos(
    markdown: str,
    lesson_src: str,
    display_path: str,
    body_first_line: int,
    read_file: ReadFile,
    diagnostics: Diagnostics,
    file_exists: FileExists | None = None,
) -> tuple[str, list[Video]]:
    """Replaces each video line with a placeholder; returns the new text and the videos.

    `body_first_line` is the file line on which `markdown` starts (after front matter).
    `file_exists` defaults to trying `read_file`.
    """
    if "![" not in markdown:
        return markdown, []  # no image syntax, so no video and nothing to check
    files = _Files(read_file, file_exists or (lambda path: read_file(path) is not None))
    lines = markdown.split("\n")
    videos: list[Video] = []
    fence: str | None = None
    for index, text in enumerate(lines):
        fence_match = _FENCE.match(text)
        if fence_match:
            marker = fence_match.group(1)
            if fence is None:
                fence = marker
            elif (
                marker[0] == fence[0]
                and len(marker) >= len(fence)
                and not text.strip()[len(marker) :].strip()
            ):
                fence = None  # a closing fence: same character, at least as long, no info string
            continue
        if fence is not None or "![" not in text:
            continue
        where = Location(display_path, body_first_line + index, 1)
        match = _IMAGE_LINE.match(text)
        if match is None:
            _check_other_images(text, where, diagnostics)
            continue
        video = _read_video(match, lesson_src, where, files, diagnostics)
        if video is not None:
            lines[index] = "\n" + placeholder(len(videos)) + "\n"
            videos.append(video)
    return "\n".join(lines), videos


def _looks_like_video(src: str) -> bool:
    parsed = urlparse(src)
    remote = parsed.scheme in ("http", "https") or src.startswith("//")
    return parsed.path.lower().endswith(VIDEO_EXTENSIONS + OTHER_VIDEO_EXTENSIONS) or (
        remote and any(host in parsed.netloc.lower() for host in _VIDEO_HOSTS)
    )


def _unplayable_format(src: str) -> str | None:
    """The message for a local video in a format not every browser plays, if it is one."""
    extension = posixpath.splitext(urlparse(src).path.lower())[1]
    if extension not in OTHER_VIDEO_EXTENSIONS:
        return None
    return (
        f"video file '{src}' is a {extension} file, which not every browser can play; "
        "convert it to .mp4 (H.264 video, AAC sound; for example 'ffmpeg -i video"
        f"{extension} video.mp4') and link to the .mp4"
    )


def _check_other_images(text: str, where: Location, diagnostics: Diagnostics) -> None:
    """Videos written where the syntax does not apply, and images from other sites."""
    indented = _IMAGE_LINE.match(text.strip())
    if indented and _looks_like_video(indented.group("src")):
        diagnostics.error(
            where,
            "a video goes on a line of its own, at the start of the line (not indented, "
            "not in a list or a box); move it there",
        )
        return
    for image in _INLINE_IMAGE.finditer(_CODE_SPAN.sub("", text)):
        src = image.group("src")
        if _looks_like_video(src):
            diagnostics.error(
                where,
                "a video goes on a line of its own, at the start of the line (not indented, "
                "not in a list or a box); move it there",
            )
        elif urlparse(src).scheme in ("http", "https") or src.startswith("//"):
            diagnostics.error(where, _remote_image_message(src))


def _remote_image_message(src: str) -> str:
    return (
        f"the image '{src}' is on another site, and the course must not request anything "
        "from outside the company network; save it under content/ and link to the copy"
    )


def _read_video(
    match: re.Match[str],
    lesson_src: str,
    where: Location,
    files: _Files,
    diagnostics: Diagnostics,
) -> Video | None:
    src, title = match.group("src"), match.group("title").strip()
    attrs = {
        m.group(1): next(g for g in m.groups()[1:] if g is not None)
        for m in _ATTRIBUTE.finditer(match.group("attrs") or "")
    }
    parsed = urlparse(src)
    remote = parsed.scheme in ("http", "https") or src.startswith("//")
    if not _looks_like_video(src):
        if remote:
            diagnostics.error(where, _remote_image_message(src))
        return None
    if not title:
        diagnostics.error(
            where, "this video has no title; write it between the brackets: ![Title](...)"
        )
        return None
    lesson_dir = posixpath.dirname(lesson_src)
    refs = ([] if remote else [("video file", src)]) + [
        (f"{kind} file" if kind == "captions" else f"{kind} image", attrs[kind])
        for kind in ("captions", "poster")
        if kind in attrs
    ]
    for kind, ref in refs:
        if _resolve(lesson_dir, ref).startswith(".."):
            diagnostics.error(
                where,
                f"{kind} '{ref}' is outside the content/ folder, so the site cannot include "
                "it; move it under content/ and link to it from the lesson",
            )
            return None
    if remote:
        return _remote_video(src, title, attrs, lesson_dir, where, files, diagnostics)
    unplayable = _unplayable_format(src)
    if unplayable is not None:
        diagnostics.error(where, unplayable)
        return None
    return _local_video(src, title, attrs, lesson_dir, where, files, diagnostics)


def _resolve(lesson_dir: str, ref: str) -> str:
    return posixpath.normpath(posixpath.join(lesson_dir, ref)).lstrip("/")


def _local_video(
    src: str,
    title: str,
    attrs: dict[str, str],
    lesson_dir: str,
    where: Location,
    files: _Files,
    diagnostics: Diagnostics,
) -> Video | None:
    path = _resolve(lesson_dir, src)
    stem = posixpath.splitext(src)[0]
    ok = True
    if not files.exists(path):
        # Its captions and poster are surely missing too; one message says it all.
        diagnostics.error(where, f"video file '{src}' does not exist (looked for content/{path})")
        return None
    captions_ref = attrs.get("captions", stem + ".vtt")
    captions = _resolve(lesson_dir, captions_ref)
    cues_text: list[str] = []
    data = files.read(captions)
    if data is None:
        diagnostics.error(
            where,
            f"video '{src}' has no captions file '{captions_ref}'; every video needs "
            "WebVTT captions (make them with the video script, or write them by hand)",
        )
        ok = False
    else:
        try:
            cues_text = [cue.text for cue in read_webvtt(data.decode("utf-8-sig"))]
        except UnicodeDecodeError:
            diagnostics.error(where, f"captions file '{captions_ref}' is not UTF-8 text")
            ok = False
        except WebVTTError as exc:
            diagnostics.error(
                where, f"captions file '{captions_ref}' is not valid WebVTT ({exc}); fix it"
            )
            ok = False
        else:
            if not cues_text:
                diagnostics.error(where, f"captions file '{captions_ref}' has no captions in it")
                ok = False
    poster = _find_poster(attrs, stem, lesson_dir, files)
    if poster is None:
        wanted = attrs.get("poster", stem + ".jpg")
        diagnostics.error(
            where,
            f"video '{src}' has no poster image '{wanted}'; add one (a still from the "
            "video) so learners see what it is before it loads",
        )
        ok = False
    if not ok:
        return None
    return Video(
        title=title,
        location=where,
        src=path,
        captions=captions,
        poster=poster,
        transcript=_paragraphs(cues_text),
    )


def _remote_video(
    src: str,
    title: str,
    attrs: dict[str, str],
    lesson_dir: str,
    where: Location,
    files: _Files,
    diagnostics: Diagnostics,
) -> Video | None:
    embed = embed_address(src)
    if embed is None:
        diagnostics.error(
            where,
            f"'{src}' is not a video address the course can play; use a YouTube "
            "(youtube.com/watch?v=..., youtu.be/...) or Vimeo (vimeo.com/123456) "
            "address, or a local .mp4 or .webm file",
        )
        return None
    provider, embed_url = embed
    if "poster" not in attrs:
        diagnostics.error(
            where,
            f"the {provider} video needs a local poster image: add "
            '{ poster="../media/your-image.jpg" } after the link',
        )
        return None
    poster = _resolve(lesson_dir, attrs["poster"])
    if not files.exists(poster):
        diagnostics.error(where, f"poster image '{attrs['poster']}' does not exist")
        return None
    return Video(title=title, location=where, poster=poster, embed_url=embed_url, provider=provider)


def embed_address(src: str) -> tuple[str, str] | None:
    """The provider and its privacy-enhanced player address, or None if unsupported."""
    parsed = urlparse(src if "://" in src else "https:" + src)
    host = parsed.netloc.lower().removeprefix("www.").removeprefix("m.")
    parts = [p for p in parsed.path.split("/") if p]
    video_id: str | None = None
    if host in ("youtube.com", "youtube-nocookie.com"):
        if parts[:1] == ["watch"]:
            video_id = parse_qs(parsed.query).get("v", [None])[0]
        elif len(parts) == 2 and parts[0] in ("embed", "shorts", "live"):
            video_id = parts[1]
    elif host == "youtu.be" and len(parts) == 1:
        video_id = parts[0]
    if video_id is not None:
        if not _YOUTUBE_ID.fullmatch(video_id):
            return None
        return "YouTube", f"https://www.youtube-nocookie.com/embed/{video_id}"
    if host in ("vimeo.com", "player.vimeo.com"):
        numeric = [p for p in parts if _VIMEO_ID.fullmatch(p)]
        if len(numeric) == 1:
            return "Vimeo", f"https://player.vimeo.com/video/{numeric[0]}?dnt=1"
    return None


def _find_poster(attrs: dict[str, str], stem: str, lesson_dir: str, files: _Files) -> str | None:
    candidates = [attrs["poster"]] if "poster" in attrs else [stem + e for e in POSTER_EXTENSIONS]
    for candidate in candidates:
        path = _resolve(lesson_dir, candidate)
        if files.exists(path):
            return path
    return None


def _paragraphs(cues: list[str], sentences_per_paragraph: int = 4) -> list[str]:
    text = [" ".join(cue.split()) for cue in cues]
    return [
        " ".join(text[i : i + sentences_per_paragraph])
        for i in range(0, len(text), sentences_per_paragraph)
    ]
