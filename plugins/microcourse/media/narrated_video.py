"""Make the course's narrated sample videos from their scripts.

    python -m microcourse.media.narrated_video [--only ID] [content/media/videos/scripts.yml]

For every video in the scripts file this writes, beside that file:

* ``<id>.mp4``: slides (a title card, then one card per spoken sentence) with the
  narration, H.264 + AAC, 640x360 at 5 frames a second, small enough for a repository;
* ``<id>.vtt``: WebVTT captions, one cue per sentence, timed from the synthesized
  speech itself, so each cue is exactly what is said while it is on screen;
* ``<id>.jpg``: the title card, for the player's poster.

Each sentence is synthesized on its own with espeak-ng, its length read from the WAV
header, and the sentences laid end to end with short pauses. Every sentence starts on a
video frame boundary, so slides change exactly when a caption starts.

Needs ffmpeg (with libx264 and drawtext), espeak-ng and the DejaVu fonts; on Debian:
``apt-get install -y ffmpeg espeak-ng fonts-dejavu-core``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import wave
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..diagnostics import Diagnostics
from ..load.webvtt import write_webvtt
from ..load.yaml_source import MappingReader, as_mapping, parse_yaml

DEFAULT_SCRIPTS = Path("content/media/videos/scripts.yml")
INSTALL_HINT = "on Debian or Ubuntu: apt-get install -y ffmpeg espeak-ng fonts-dejavu-core"

VOICE = "en-us"
WORDS_PER_MINUTE = 155
WIDTH, HEIGHT = 640, 360
FPS = 5
TITLE_FRAMES = 8  # the title card shows alone for 1.6 s
SENTENCE_PAUSE = 0.3  # seconds of silence between sentences on one slide
SLIDE_PAUSE = 0.6  # ... and between slides
TAIL = 1.0  # silence after the last sentence
AUDIO_BITRATE = "40k"

BACKGROUND = "0x1A237E"  # indigo 900: white on it has a contrast of 13:1, the muted text 8:1
TEXT = "0xFFFFFF"
MUTED = "0xC5CAE9"
ACCENT = "0xFFCA28"
MARGIN = 40
TEXT_WIDTH = WIDTH - 2 * MARGIN
# Conservative average advance of English text in DejaVu Sans, as a share of the size.
REGULAR_EM = 0.57
BOLD_EM = 0.65

FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",
    "/usr/local/share/fonts",
    "/Library/Fonts",
)


class ScriptError(ValueError):
    """The scripts file is missing, unreadable or incomplete, or a video id is unknown."""


class ScriptFileError(ScriptError):
    """Problems in the scripts file, one `path:line:col: error: ...` line each."""


class ToolError(RuntimeError):
    """A tool is missing or failed."""


@dataclass(frozen=True)
class Slide:
    heading: str
    narration: tuple[str, ...]


@dataclass(frozen=True)
class VideoScript:
    id: str
    title: str
    slides: tuple[Slide, ...]

    @property
    def sentences(self) -> list[str]:
        return [sentence for slide in self.slides for sentence in slide.narration]


@dataclass(frozen=True)
class Scripts:
    course: str
    videos: tuple[VideoScript, ...]


@dataclass(frozen=True)
class Fonts:
    regular: Path
    bold: Path


@dataclass(frozen=True)
class Speech:
    text: str
    heading: str
    slide: int  # 0-based slide number
    samples: bytes


@dataclass(frozen=True)
class Timed:
    speech: Speech
    start: int  # in samples
    length: int  # in samples


@dataclass(frozen=True)
class Text:
    """One drawtext layer."""

    text: str
    font: Path
    size: int
    color: str
    x: str
    y: int
    line_spacing: int = 0


# ----------------------------------------------------------------------- scripts file


def load_scripts(path: Path) -> Scripts:
    """Read and check a scripts file; `ScriptError` lists every problem as path:line:col."""
    display = path.as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problem = exc.strerror if isinstance(exc, OSError) else "it is not UTF-8 text"
        raise ScriptFileError(
            f"{display}:1:1: error: cannot read the scripts file ({problem})"
        ) from None
    diagnostics = Diagnostics()
    root = parse_yaml(display, text, diagnostics, document="video list")
    top = as_mapping(display, root, diagnostics, "the scripts file", text) if root else None
    videos: list[VideoScript] = []
    course = None
    if top is not None:
        top.check_keys(["course", "videos"])
        course = top.text("course", required=True)
        seen: set[str] = set()
        for number, item in enumerate(top.sequence("videos", required=True) or [], start=1):
            video = _video(top, item, number)
            if video is not None and video.id in seen:
                top.error(item, f"video id '{video.id}' is used twice; give each video its own id")
            elif video is not None:
                seen.add(video.id)
                videos.append(video)
    if diagnostics or course is None:
        lines = [str(d) for d in diagnostics.sorted()]
        raise ScriptFileError("\n".join(lines) or f"{display}:1:1: error: the file is empty")
    return Scripts(course, tuple(videos))


def _video(top: MappingReader, node: yaml.Node, number: int) -> VideoScript | None:
    video = top.child(node, f"video {number}")
    if video is None:
        return None
    video.check_keys(["id", "title", "slides"])
    video_id = video.identifier("id", required=True)
    title = video.text("title", required=True)
    slides = []
    for count, item in enumerate(video.sequence("slides", required=True) or [], start=1):
        slide = video.child(item, f"slide {count} of video '{video_id or number}'")
        if slide is None:
            continue
        slide.check_keys(["heading", "narration"])
        heading = slide.text("heading", required=True)
        if not slide.has("narration"):
            slide.error(item, f"{slide.what} has no 'narration'; add the sentences to speak")
        narration = [" ".join(sentence.split()) for sentence in slide.text_list("narration")]
        sentences = slide.value("narration")
        if isinstance(sentences, yaml.SequenceNode) and not sentences.value:
            slide.error(item, f"{slide.what} has no sentences under 'narration'; add at least one")
        if heading is not None and narration:
            slides.append(Slide(" ".join(heading.split()), tuple(narration)))
    if video_id is None or title is None or not slides:
        return None
    return VideoScript(video_id, " ".join(title.split()), tuple(slides))


# ------------------------------------------------------------------------------ tools


def _run(command: Sequence[str], cwd: Path | None = None) -> str:
    """Run a tool, returning its standard output; `ToolError` with its last words if it fails."""
    try:
        done = subprocess.run(list(command), cwd=cwd, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise ToolError(f"cannot run {command[0]}: {exc.strerror}; {INSTALL_HINT}") from None
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-8:])
        raise ToolError(f"{Path(command[0]).name} failed (exit {done.returncode}):\n{tail}")
    return done.stdout


def find_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise ToolError(f"'{name}' is not installed or not on PATH; {INSTALL_HINT}")
    return path


def check_ffmpeg(ffmpeg: str) -> None:
    """ffmpeg must have the drawtext filter (libfreetype) and the libx264 encoder."""
    if "drawtext" not in _run([ffmpeg, "-hide_banner", "-filters"]):
        raise ToolError("this ffmpeg has no 'drawtext' filter (built without libfreetype)")
    if "libx264" not in _run([ffmpeg, "-hide_banner", "-encoders"]):
        raise ToolError("this ffmpeg has no 'libx264' encoder; install a build with x264")


def find_fonts() -> Fonts:
    for folder in FONT_DIRS:
        regular = Path(folder, "DejaVuSans.ttf")
        bold = Path(folder, "DejaVuSans-Bold.ttf")
        if regular.is_file() and bold.is_file():
            return Fonts(regular, bold)
    raise ToolError(
        f"the DejaVu Sans fonts were not found in {', '.join(FONT_DIRS)}; {INSTALL_HINT}"
    )


# ----------------------------------------------------------------------------- speech


def synthesize(espeak: str, text: str, workdir: Path, name: str) -> Path:
    """One sentence to a WAV file; the text goes through a file, never the command line."""
    source = workdir / f"{name}.txt"
    source.write_text(text, encoding="utf-8")
    target = workdir / f"{name}.wav"
    _run(
        [
            espeak,
            "-v",
            VOICE,
            "-s",
            str(WORDS_PER_MINUTE),
            "-b",
            "1",
            "-f",
            str(source),
            "-w",
            str(target),
        ]
    )
    return target


def read_wav(path: Path, sentence: str) -> tuple[int, bytes]:
    """Sample rate and 16-bit mono samples; the length is exact, from the WAV header."""
    with wave.open(str(path), "rb") as reader:
        if reader.getnchannels() != 1 or reader.getsampwidth() != 2 or reader.getnframes() == 0:
            raise ToolError(f"espeak-ng wrote unexpected audio for: {sentence}")
        return reader.getframerate(), reader.readframes(reader.getnframes())


def speak_all(espeak: str, video: VideoScript, workdir: Path) -> tuple[int, list[Speech]]:
    """The sample rate and every sentence of a video as samples."""
    speeches: list[Speech] = []
    rates: set[int] = set()
    for slide_number, slide in enumerate(video.slides):
        for sentence in slide.narration:
            wav = synthesize(espeak, sentence, workdir, f"speech-{len(speeches):02d}")
            rate, samples = read_wav(wav, sentence)
            rates.add(rate)
            speeches.append(Speech(sentence, slide.heading, slide_number, samples))
    if len(rates) != 1:
        raise ToolError(f"espeak-ng wrote sample rates {sorted(rates)} for one video")
    return rates.pop(), speeches


# --------------------------------------------------------------------------- timeline


def _on_frame(samples: int, per_frame: int) -> int:
    """Round a sample position up to the next video frame boundary."""
    return -(-samples // per_frame) * per_frame


def lay_out(speeches: Sequence[Speech], rate: int) -> tuple[list[Timed], int]:
    """Start of each sentence (on a frame boundary, after a pause) and the total length."""
    if rate % FPS:
        raise ToolError(f"a sample rate of {rate} Hz does not divide into {FPS} frames a second")
    per_frame = rate // FPS
    position = TITLE_FRAMES * per_frame
    timed: list[Timed] = []
    for speech in speeches:
        if timed:
            pause = SLIDE_PAUSE if speech.slide != timed[-1].speech.slide else SENTENCE_PAUSE
            position = _on_frame(position + round(pause * rate), per_frame)
        length = len(speech.samples) // 2
        timed.append(Timed(speech, position, length))
        position += length
    return timed, _on_frame(position + round(TAIL * rate), per_frame)


def mix_audio(timed: Sequence[Timed], total: int) -> bytes:
    """One mono 16-bit track: silence with every sentence at its start."""
    track = bytearray(total * 2)
    for item in timed:
        track[item.start * 2 : item.start * 2 + len(item.speech.samples)] = item.speech.samples
    return bytes(track)


def write_wav(path: Path, rate: int, frames: bytes) -> None:
    with wave.open(str(path), "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes(frames)


def captions(timed: Sequence[Timed], rate: int) -> str:
    return write_webvtt(
        (item.start / rate, (item.start + item.length) / rate, item.speech.text) for item in timed
    )


# ------------------------------------------------------------------------------ cards


def filter_value(value: str) -> str:
    """Quote a value for a drawtext option inside a filter graph (both escaping levels)."""
    for special in ("\\", "'", ":"):
        value = value.replace(special, "\\" + special)
    for special in ("\\", "'", "[", "]", ",", ";"):
        value = value.replace(special, "\\" + special)
    return value


def _wrap_at(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False)


def wrap(text: str, size: int, em: float) -> list[str]:
    """Lines that fit the text width, balanced: as even as the same number of lines allows."""
    longest = max(len(word) for word in text.split())
    width = max(longest, int(TEXT_WIDTH / (size * em)))
    count = len(_wrap_at(text, width))
    while width > longest and len(_wrap_at(text, width - 1)) == count:
        width -= 1
    return _wrap_at(text, width)


def line_height(size: int, spacing: int) -> int:
    return round(size * 1.17) + spacing


def block_height(lines: Sequence[str], size: int, spacing: int) -> int:
    return line_height(size, spacing) * len(lines) - spacing


def fit(
    text: str, sizes: Sequence[int], em: float, room: int, spacing: int
) -> tuple[int, list[str]]:
    """The largest size at which the wrapped text is at most `room` pixels high."""
    for size in sizes:
        lines = wrap(text, size, em)
        if block_height(lines, size, spacing) <= room:
            return size, lines
    return sizes[-1], wrap(text, sizes[-1], em)


def drawtext(layer: Text, workdir: Path, name: str) -> str:
    """A drawtext filter reading its text from a file, with %-expansion off."""
    text_file = workdir / f"{name}.txt"
    text_file.write_text(layer.text, encoding="utf-8")  # no trailing newline: no empty line
    options = {
        "fontfile": filter_value(str(layer.font)),
        "textfile": filter_value(str(text_file)),
        "expansion": "none",
        "fontsize": str(layer.size),
        "fontcolor": layer.color,
        "line_spacing": str(layer.line_spacing),
        "x": filter_value(layer.x),
        "y": str(layer.y),
    }
    return "drawtext=" + ":".join(f"{key}={value}" for key, value in options.items())


def render_card(
    ffmpeg: str,
    layers: Sequence[Text],
    bars: Sequence[tuple[int, int, int, int]],
    workdir: Path,
    name: str,
) -> Path:
    """A 640x360 PNG: the background, accent bars (x, y, w, h) and text layers."""
    filters = [f"drawbox=x={x}:y={y}:w={w}:h={h}:color={ACCENT}:t=fill" for x, y, w, h in bars]
    filters += [drawtext(layer, workdir, f"{name}-{n}") for n, layer in enumerate(layers)]
    target = workdir / f"{name}.png"
    _run(
        [
            ffmpeg,
            "-hide_banner",
            "-nostdin",
            "-y",
            "-f",
            "lavfi",
            "-i",
            f"color=c={BACKGROUND}:s={WIDTH}x{HEIGHT}:d=1",
            "-vf",
            ",".join(filters),
            "-frames:v",
            "1",
            "-fflags",
            "+bitexact",
            "-flags",
            "+bitexact",
            str(target),
        ]
    )
    return target


def title_card(ffmpeg: str, course: str, video: VideoScript, fonts: Fonts, workdir: Path) -> Path:
    size, lines = fit(video.title, (40, 36, 32, 28), BOLD_EM, 110, 8)
    height = block_height(lines, size, 8)
    top = (HEIGHT - height) // 2 - 24
    step = line_height(size, 8)
    layers = [  # one layer per line, so that each line is centred
        Text(line, fonts.bold, size, TEXT, "(w-text_w)/2", top + n * step)
        for n, line in enumerate(lines)
    ]
    layers += [
        Text(course, fonts.regular, 22, MUTED, "(w-text_w)/2", top + height + 44),
        Text("Acme", fonts.bold, 18, MUTED, "(w-text_w)/2", HEIGHT - 48),
    ]
    bar = ((WIDTH - 80) // 2, top + height + 22, 80, 5)
    return render_card(ffmpeg, layers, [bar], workdir, "title")


def sentence_card(
    ffmpeg: str, video: VideoScript, speech: Speech, fonts: Fonts, workdir: Path, name: str
) -> Path:
    """The slide's heading above the sentence being spoken."""
    head_top = 46
    head_size, head_lines = fit(speech.heading, (30, 27, 24), BOLD_EM, 70, 4)
    bar_top = head_top + block_height(head_lines, head_size, 4) + 14
    body_top = bar_top + 5 + 24
    body_size, body_lines = fit(
        speech.text, (28, 26, 24, 22, 20), REGULAR_EM, HEIGHT - 52 - body_top, 8
    )
    page = f"{speech.slide + 1} / {len(video.slides)}"
    layers = [
        Text(video.title, fonts.regular, 16, MUTED, str(MARGIN), 18),
        Text("\n".join(head_lines), fonts.bold, head_size, TEXT, str(MARGIN), head_top, 4),
        Text("\n".join(body_lines), fonts.regular, body_size, TEXT, str(MARGIN), body_top, 8),
        Text("Acme", fonts.bold, 16, MUTED, str(MARGIN), HEIGHT - 34),
        Text(page, fonts.regular, 16, MUTED, f"w-text_w-{MARGIN}", HEIGHT - 34),
    ]
    return render_card(ffmpeg, layers, [(MARGIN, bar_top, 64, 5)], workdir, name)


# ------------------------------------------------------------------------------ video


def concat_list(cards: Sequence[tuple[Path, int]]) -> str:
    """An ffconcat script showing each card for a whole number of frames."""
    lines = ["ffconcat version 1.0"]
    for card, frames in cards:
        lines += [f"file '{card.name}'", f"duration {frames / FPS:.3f}"]
    lines.append(f"file '{cards[-1][0].name}'")  # the demuxer needs the last file twice
    return "\n".join(lines) + "\n"


def encode(ffmpeg: str, workdir: Path, total_seconds: float, target: Path) -> None:
    _run(
        [
            ffmpeg,
            "-hide_banner",
            "-nostdin",
            "-y",
            "-f",
            "concat",
            "-safe",
            "0",
            "-i",
            "cards.ffconcat",
            "-i",
            "narration.wav",
            "-map",
            "0:v",
            "-map",
            "1:a",
            "-t",
            f"{total_seconds:.3f}",
            "-vf",
            f"fps={FPS},format=yuv420p",
            "-c:v",
            "libx264",
            "-preset",
            "veryslow",
            "-tune",
            "stillimage",
            "-crf",
            "26",
            "-profile:v",
            "high",
            "-level",
            "3.0",
            "-g",
            str(FPS * 10),
            "-threads",
            "1",
            "-c:a",
            "aac",
            "-b:a",
            AUDIO_BITRATE,
            "-ac",
            "1",
            "-map_metadata",
            "-1",
            "-map_chapters",
            "-1",
            "-fflags",
            "+bitexact",
            "-flags:v",
            "+bitexact",
            "-flags:a",
            "+bitexact",
            "-movflags",
            "+faststart",
            str(target),
        ],
        cwd=workdir,
    )


def poster(ffmpeg: str, card: Path, target: Path) -> None:
    _run(
        [
            ffmpeg,
            "-hide_banner",
            "-nostdin",
            "-y",
            "-i",
            str(card),
            "-frames:v",
            "1",
            "-q:v",
            "3",
            "-pix_fmt",
            "yuvj420p",
            "-fflags",
            "+bitexact",
            "-flags",
            "+bitexact",
            "-map_metadata",
            "-1",
            str(target),
        ]
    )


@dataclass(frozen=True)
class Tools:
    espeak: str
    ffmpeg: str
    fonts: Fonts


def make_video(tools: Tools, course: str, video: VideoScript, out_dir: Path) -> float:
    """Write <id>.mp4, <id>.vtt and <id>.jpg; return the length in seconds."""
    with tempfile.TemporaryDirectory(prefix=f"video-{video.id}-") as temp:
        workdir = Path(temp)
        rate, speeches = speak_all(tools.espeak, video, workdir)
        timed, total = lay_out(speeches, rate)
        write_wav(workdir / "narration.wav", rate, mix_audio(timed, total))
        per_frame = rate // FPS
        cards = [(title_card(tools.ffmpeg, course, video, tools.fonts, workdir), TITLE_FRAMES)]
        for number, item in enumerate(timed):
            card = sentence_card(
                tools.ffmpeg, video, item.speech, tools.fonts, workdir, f"card-{number:02d}"
            )
            until = timed[number + 1].start if number + 1 < len(timed) else total
            cards.append((card, (until - item.start) // per_frame))
        (workdir / "cards.ffconcat").write_text(concat_list(cards), encoding="utf-8")
        encode(tools.ffmpeg, workdir, total / rate, workdir / "video.mp4")
        poster(tools.ffmpeg, cards[0][0], workdir / "poster.jpg")
        (workdir / "captions.vtt").write_text(captions(timed, rate), encoding="utf-8")
        for made, suffix in (("video.mp4", "mp4"), ("captions.vtt", "vtt"), ("poster.jpg", "jpg")):
            shutil.copyfile(workdir / made, out_dir / f".{video.id}.{suffix}.part")
            os.replace(out_dir / f".{video.id}.{suffix}.part", out_dir / f"{video.id}.{suffix}")
    return total / rate


# ------------------------------------------------------------------------------- main


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m microcourse.media.narrated_video",
        description="Make narrated, captioned sample videos from a scripts file.",
    )
    parser.add_argument(
        "scripts",
        nargs="?",
        type=Path,
        default=DEFAULT_SCRIPTS,
        help=f"the scripts file; outputs go beside it (default: {DEFAULT_SCRIPTS})",
    )
    parser.add_argument(
        "--only", metavar="ID", action="append", help="make only this video (may be repeated)"
    )
    return parser.parse_args(argv)


def _selected(scripts: Scripts, only: list[str] | None) -> list[VideoScript]:
    if not only:
        return list(scripts.videos)
    known = {video.id for video in scripts.videos}
    unknown = [video_id for video_id in only if video_id not in known]
    if unknown:
        raise ScriptError(
            f"no video with id {', '.join(unknown)}; the ids are {', '.join(sorted(known))}"
        )
    return [video for video in scripts.videos if video.id in only]


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _arguments(argv)
    try:
        scripts = load_scripts(arguments.scripts)
        videos = _selected(scripts, arguments.only)
        tools = Tools(find_tool("espeak-ng"), find_tool("ffmpeg"), find_fonts())
        check_ffmpeg(tools.ffmpeg)
        out_dir = arguments.scripts.parent
        for video in videos:
            seconds = make_video(tools, scripts.course, video, out_dir)
            size = (out_dir / f"{video.id}.mp4").stat().st_size
            print(f"{video.id}: {seconds:.1f} s, {size / 1024:.0f} KiB")
    except ScriptFileError as exc:
        print(exc, file=sys.stderr)
        return 1
    except (ScriptError, ToolError, OSError) as exc:
        print(f"narrated_video: error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
