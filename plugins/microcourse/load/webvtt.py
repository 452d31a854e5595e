"""Read and write WebVTT caption files, strictly enough to catch authoring mistakes.

`read_webvtt` follows the W3C WebVTT file syntax: the `WEBVTT` signature, an optional
header, then blocks separated by blank lines. NOTE, STYLE and REGION blocks are skipped.
Every problem raises `WebVTTError` (a `ValueError`) naming the 1-based line.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

_TIMESTAMP = re.compile(r"(?:(\d{2,}):)?(\d{2}):(\d{2})\.(\d{3})")
_TIMING = re.compile(r"(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t]+(.*))?")
_TAG = re.compile(r"<[^>]*>")
_ENTITIES = {
    "&amp;": "&",
    "&lt;": "<",
    "&gt;": ">",
    "&lrm;": "\u200e",
    "&rlm;": "\u200f",
    "&nbsp;": "\u00a0",
}
_ENTITY = re.compile("|".join(re.escape(name) for name in _ENTITIES))


class WebVTTError(ValueError):
    """A WebVTT file that does not follow the format; `line` is 1-based."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Cue:
    """One caption cue. Times are in seconds; `text` is what a viewer reads."""

    start: float
    end: float
    text: str  # tags removed, character references decoded, lines joined with "\n"
    payload: str = ""  # the cue text exactly as written in the file
    identifier: str = ""
    settings: str = ""
    line: int = 0  # line of the timing line ("start --> end")


def parse_timestamp(value: str, line: int = 0) -> float:
    """`[HH:]MM:SS.mmm` to seconds, or `WebVTTError` naming `line`."""
    match = _TIMESTAMP.fullmatch(value)
    if match is None:
        raise WebVTTError(
            line, f"'{value}' is not a timestamp; write HH:MM:SS.mmm or MM:SS.mmm (00:01:02.500)"
        )
    hours, minutes, seconds, millis = match.groups()
    if int(minutes) > 59 or int(seconds) > 59:
        raise WebVTTError(line, f"'{value}' has minutes or seconds above 59")
    whole = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    return (whole * 1000 + int(millis)) / 1000


def format_timestamp(seconds: float) -> str:
    """Seconds to `HH:MM:SS.mmm`, rounded to the nearest millisecond."""
    if seconds < 0:
        raise ValueError(f"a timestamp cannot be negative ({seconds})")
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def cue_plain_text(payload: str) -> str:
    """What a viewer reads: tags such as <v Name> or <i> removed, references decoded."""
    without_tags = _TAG.sub("", payload)
    return _ENTITY.sub(lambda m: _ENTITIES[m.group(0)], without_tags)


def escape_cue_text(text: str) -> str:
    """Text made safe as a cue payload: '&', '<' and '>' (so also '-->') escaped."""
    return html.escape(text, quote=False)


def _split_lines(text: str) -> list[str]:
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _check_signature(first: str) -> None:
    if first == "WEBVTT" or first.startswith(("WEBVTT ", "WEBVTT\t")):
        return
    raise WebVTTError(1, "a WebVTT file must start with the line 'WEBVTT'")


def _skip_header(lines: list[str]) -> int:
    """Index of the first line after the header block."""
    index = 1
    while index < len(lines) and lines[index] != "":
        if "-->" in lines[index]:
            raise WebVTTError(
                index + 1, "the 'WEBVTT' line must be followed by a blank line before the first cue"
            )
        index += 1
    return index


def _blocks(lines: list[str], start: int) -> Iterable[tuple[int, list[str]]]:
    """(index of first line, lines) for each block of non-blank lines."""
    block: list[str] = []
    first = start
    for index in range(start, len(lines)):
        if lines[index] == "":
            if block:
                yield first, block
            block = []
        else:
            if not block:
                first = index
            block.append(lines[index])
    if block:
        yield first, block


def _is_named_block(first_line: str, name: str) -> bool:
    return first_line == name or first_line.startswith((name + " ", name + "\t"))


def _parse_cue(first: int, block: list[str]) -> Cue:
    identifier = ""
    timing_index = 0
    if "-->" not in block[0]:
        identifier = block[0]
        timing_index = 1
        if len(block) < 2 or "-->" not in block[1]:
            raise WebVTTError(
                first + 1, "expected a cue timing line such as '00:00:01.000 --> 00:00:04.000'"
            )
    line = first + timing_index + 1
    match = _TIMING.fullmatch(block[timing_index].strip())
    if match is None:
        raise WebVTTError(
            line, "a timing line reads 'start --> end', e.g. '00:00:01.000 --> 00:00:04.000'"
        )
    start = parse_timestamp(match.group(1), line)
    end = parse_timestamp(match.group(2), line)
    if end <= start:
        raise WebVTTError(
            line, f"the cue ends at {match.group(2)}, which is not after its start {match.group(1)}"
        )
    payload_lines = block[timing_index + 1 :]
    for offset, text in enumerate(payload_lines):
        if "-->" in text:
            raise WebVTTError(
                line + 1 + offset, "cue text may not contain '-->'; add a blank line between cues"
            )
    payload = "\n".join(payload_lines)
    return Cue(start, end, cue_plain_text(payload), payload, identifier, match.group(3) or "", line)


def read_webvtt(text: str) -> list[Cue]:
    """Every cue of a WebVTT file, in order; `WebVTTError` (a ValueError) if malformed."""
    lines = _split_lines(text)
    _check_signature(lines[0])
    cues: list[Cue] = []
    for first, block in _blocks(lines, _skip_header(lines)):
        if _is_named_block(block[0], "NOTE"):
            continue
        if not cues and (_is_named_block(block[0], "STYLE") or _is_named_block(block[0], "REGION")):
            continue
        cue = _parse_cue(first, block)
        if cues and cue.start < cues[-1].start:
            raise WebVTTError(cue.line, "cues must be in order of start time")
        cues.append(cue)
    return cues


def write_webvtt(cues: Iterable[tuple[float, float, str]]) -> str:
    """A WebVTT file with one cue per (start, end, text); the text is escaped."""
    parts = ["WEBVTT", ""]
    for start, end, text in cues:
        start_stamp, end_stamp = format_timestamp(start), format_timestamp(end)
        if round(end * 1000) <= round(start * 1000):
            raise ValueError(f"cue '{text}' ends ({end_stamp}) before it starts ({start_stamp})")
        if not text.strip() or "\n\n" in text:
            raise ValueError(f"cue text must be non-empty and without blank lines: {text!r}")
        parts += [f"{start_stamp} --> {end_stamp}", escape_cue_text(text), ""]
    return "\n".join(parts)
