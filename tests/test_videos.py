"""The course's sample videos match their scripts; the caption and media readers are strict.

None of this needs ffmpeg or espeak-ng: the committed files are checked as they are.
Remake the videos with `python -m microcourse.media.narrated_video` after editing scripts.yml.
"""

from __future__ import annotations

import itertools
import struct
from pathlib import Path

import pytest

from microcourse.load.webvtt import (
    Cue,
    WebVTTError,
    format_timestamp,
    parse_timestamp,
    read_webvtt,
    write_webvtt,
)
from microcourse.media import narrated_video
from microcourse.media.media_probe import MediaProbeError, jpeg_dimensions, mp4_duration_seconds
from microcourse.media.narrated_video import ScriptError, VideoScript, load_scripts

ROOT = Path(__file__).resolve().parents[1]
VIDEOS = ROOT / "content" / "media" / "videos"
SCRIPTS = load_scripts(VIDEOS / "scripts.yml")
EXPECTED_IDS = {"start", "twitter", "linkedin", "policy", "customers", "tracks", "readiness"}
REMAKE = "remake with: python -m microcourse.media.narrated_video"


def _video_params() -> list[pytest.ParameterSet]:
    return [pytest.param(video, id=video.id) for video in SCRIPTS.videos]


def _cues(video: VideoScript) -> list[Cue]:
    return read_webvtt((VIDEOS / f"{video.id}.vtt").read_text(encoding="utf-8"))


# ------------------------------------------------------------------ the committed videos


def test_every_module_has_a_video_script() -> None:
    assert {video.id for video in SCRIPTS.videos} == EXPECTED_IDS


@pytest.mark.parametrize("video", _video_params())
def test_files_exist(video: VideoScript) -> None:
    for suffix in ("mp4", "vtt", "jpg"):
        path = VIDEOS / f"{video.id}.{suffix}"
        assert path.is_file(), f"{path.name} is missing; {REMAKE}"


@pytest.mark.parametrize("video", _video_params())
def test_captions_are_the_narration(video: VideoScript) -> None:
    texts = [cue.text for cue in _cues(video)]
    assert texts == video.sentences, f"{video.id}.vtt is out of date with scripts.yml; {REMAKE}"


@pytest.mark.parametrize("video", _video_params())
def test_cue_times_increase_and_end_within_the_video(video: VideoScript) -> None:
    cues = _cues(video)
    assert cues[0].start > 0  # the title card comes first
    for before, after in itertools.pairwise(cues):
        assert before.start < before.end <= after.start
    duration = mp4_duration_seconds(VIDEOS / f"{video.id}.mp4")
    assert cues[-1].end < duration


@pytest.mark.parametrize("video", _video_params())
def test_video_is_short_and_small(video: VideoScript) -> None:
    path = VIDEOS / f"{video.id}.mp4"
    assert 20 < mp4_duration_seconds(path) < 60
    assert path.stat().st_size < 1_000_000


@pytest.mark.parametrize("video", _video_params())
def test_poster_is_the_video_size(video: VideoScript) -> None:
    assert jpeg_dimensions(VIDEOS / f"{video.id}.jpg") == (640, 360)


@pytest.mark.parametrize("video", _video_params())
def test_narration_is_30_to_55_seconds_of_speech(video: VideoScript) -> None:
    words = sum(len(sentence.split()) for sentence in video.sentences)
    assert 70 <= words <= 120, f"{video.id} has {words} words; aim for 70-120"


# ----------------------------------------------------------------------- read_webvtt

GOOD = """\ufeffWEBVTT - course captions
Kind: captions

NOTE written by hand,
over two lines

STYLE
::cue { color: yellow }

intro
00:01.000 --> 00:04.500 align:start
<v Narrator>Hello &amp; welcome</v>

01:02:03.004 --> 01:02:05.000
Two
lines
"""


def test_reads_a_valid_file() -> None:
    first, second = read_webvtt(GOOD.replace("\n", "\r\n"))
    assert first == Cue(
        1.0,
        4.5,
        "Hello & welcome",
        "<v Narrator>Hello &amp; welcome</v>",
        "intro",
        "align:start",
        11,
    )
    assert (second.start, second.end, second.text) == (3723.004, 3725.0, "Two\nlines")


def test_a_header_only_file_has_no_cues() -> None:
    assert read_webvtt("WEBVTT\n") == []


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("00:00.000 --> 00:01.000\nHello\n", 1, "WEBVTT"),
        ("WEBVTTX\n\n00:00.000 --> 00:01.000\nHello\n", 1, "WEBVTT"),
        (
            "WEBVTT\n\n00:00.000 --> 00:01.000\nOne\n\n00:02.00 --> 00:03.000\nTwo\n",
            6,
            "not a timestamp",
        ),
        ("WEBVTT\n\n00:00.000 --> 00:01.000\nOne\n\n00:02.000 --> 00:75.000\nTwo\n", 6, "above 59"),
        ("WEBVTT\n\n\n00:05.000 --> 00:04.000\nBackwards\n", 4, "not after its start"),
        ("WEBVTT\n\n00:05.000 --> 00:05.000\nNo time at all\n", 3, "not after its start"),
        ("WEBVTT\n\n00:05.000 -> 00:06.000\nArrow\n", 3, "timing line"),
        ("WEBVTT\n\nid\nHello\n", 3, "timing line"),
        ("WEBVTT\n\n00:01.000 --> 00:02.000\nOne\n00:02.000 --> 00:03.000\nTwo\n", 5, "-->"),
        ("WEBVTT\n00:01.000 --> 00:02.000\nNo blank line\n", 2, "blank line"),
        ("WEBVTT\n\n00:05.000 --> 00:06.000\nLate\n\n00:01.000 --> 00:02.000\nEarly\n", 6, "order"),
    ],
)
def test_rejects_a_broken_file_naming_the_line(text: str, line: int, words: str) -> None:
    with pytest.raises(WebVTTError) as caught:
        read_webvtt(text)
    assert isinstance(caught.value, ValueError)
    assert caught.value.line == line
    assert str(caught.value).startswith(f"line {line}: ")
    assert words in str(caught.value)


def test_timestamps_round_trip() -> None:
    assert format_timestamp(3723.0044) == "01:02:03.004"
    assert format_timestamp(1.9996) == "00:00:02.000"
    assert parse_timestamp("01:02:03.004") == 3723.004
    assert parse_timestamp("59:59.999") == 3599.999
    with pytest.raises(ValueError):
        format_timestamp(-1)


def test_written_captions_read_back_exactly() -> None:
    sentences = ["Fish & chips <today> --> tomorrow", "100% sure: don't 'quote' me"]
    text = write_webvtt([(0.5, 1.25, sentences[0]), (1.25, 2.0, sentences[1])])
    assert "&amp;" in text and "-->" not in text.split("\n")[3]
    assert [cue.text for cue in read_webvtt(text)] == sentences


def test_writing_refuses_a_cue_that_ends_before_it_starts() -> None:
    with pytest.raises(ValueError):
        write_webvtt([(2.0, 1.0, "Backwards")])


# ---------------------------------------------------------------------------- probes


def _box(kind: bytes, payload: bytes, large: bool = False) -> bytes:
    if large:
        return struct.pack(">I4sQ", 1, kind, 16 + len(payload)) + payload
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


def _mvhd(version: int, timescale: int, duration: int) -> bytes:
    if version == 0:
        body = struct.pack(">B3xIIII", 0, 0, 0, timescale, duration)
    else:
        body = struct.pack(">B3xQQIQ", 1, 0, 0, timescale, duration)
    return _box(b"mvhd", body + bytes(80))


@pytest.mark.parametrize(("version", "large"), [(0, False), (1, False), (0, True)])
def test_mp4_duration_from_the_movie_header(tmp_path: Path, version: int, large: bool) -> None:
    movie = _box(b"ftyp", b"isom\0\0\0\0") + _box(b"free", bytes(5), large)
    movie += _box(b"moov", _box(b"trak", bytes(12)) + _mvhd(version, 1000, 12_345), large)
    path = tmp_path / "tiny.mp4"
    path.write_bytes(movie)
    assert mp4_duration_seconds(path) == 12.345


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not a video at all",
        _box(b"ftyp", b"isom") + _box(b"mdat", bytes(4)),
        _box(b"ftyp", b"isom") + struct.pack(">I4s", 4000, b"moov"),
    ],
)
def test_mp4_probe_rejects_other_files(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.mp4"
    path.write_bytes(content)
    with pytest.raises(MediaProbeError):
        mp4_duration_seconds(path)


def test_jpeg_probe_rejects_other_files(tmp_path: Path) -> None:
    path = tmp_path / "bad.jpg"
    path.write_bytes(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(ValueError):
        jpeg_dimensions(path)


# ------------------------------------------------------------------------ the maker


def test_scripts_file_mistakes_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "scripts.yml"
    path.write_text(
        "course: X\nvideos:\n  - id: a\n    title: A\n    slides:\n      - heading: H\n",
        encoding="utf-8",
    )
    with pytest.raises(ScriptError, match="narration") as raised:
        load_scripts(path)
    # Located like every other authoring mistake: the slide that lacks narration.
    assert str(raised.value) == (
        f"{path.as_posix()}:6:9: error: slide 1 of video 'a' has no 'narration'; "
        "add the sentences to speak"
    )


def test_missing_tools_give_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    assert narrated_video.main([str(VIDEOS / "scripts.yml")]) == 1
    error = capsys.readouterr().err
    assert "is not installed" in error and "apt-get install" in error
    assert "Traceback" not in error


def test_unknown_video_id_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert narrated_video.main(["--only", "nope", str(VIDEOS / "scripts.yml")]) == 1
    assert "no video with id nope" in capsys.readouterr().err
