"""Facts about media files read in pure Python, so checks need no ffmpeg.

`mp4_duration_seconds` reads the movie header ('mvhd') of an MP4/MOV file;
`jpeg_dimensions` reads the frame header of a JPEG. Both raise `MediaProbeError`
(a `ValueError`) for a file that is not what it should be.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterator
from typing import BinaryIO

_CONTAINERS = {b"moov"}


class MediaProbeError(ValueError):
    """A media file that cannot be read as the expected format."""


def _read_exact(stream: BinaryIO, size: int, path: str) -> bytes:
    data = stream.read(size)
    if len(data) != size:
        raise MediaProbeError(f"{path}: the file ends in the middle of a box")
    return data


def _boxes(stream: BinaryIO, start: int, end: int, path: str) -> Iterator[tuple[bytes, int, int]]:
    """(type, payload offset, payload size) for each box between `start` and `end`."""
    offset = start
    while offset + 8 <= end:
        stream.seek(offset)
        size, kind = struct.unpack(">I4s", _read_exact(stream, 8, path))
        header = 8
        if size == 1:
            size = struct.unpack(">Q", _read_exact(stream, 8, path))[0]
            header = 16
        elif size == 0:
            size = end - offset
        if size < header or offset + size > end:
            raise MediaProbeError(f"{path}: box '{kind!r}' at byte {offset} has a bad size")
        yield kind, offset + header, size - header
        offset += size


def _file_size(stream: BinaryIO) -> int:
    stream.seek(0, os.SEEK_END)
    return stream.tell()


def _mvhd_duration(payload: bytes, path: str) -> float:
    version = payload[0] if payload else -1
    if version == 0 and len(payload) >= 20:
        timescale, duration = struct.unpack(">II", payload[12:20])
    elif version == 1 and len(payload) >= 32:
        timescale, duration = struct.unpack(">IQ", payload[20:32])
    else:
        raise MediaProbeError(f"{path}: the movie header ('mvhd') is malformed")
    if timescale == 0:
        raise MediaProbeError(f"{path}: the movie header ('mvhd') has a time scale of 0")
    return float(duration / timescale)


def mp4_duration_seconds(path: str | os.PathLike[str]) -> float:
    """The presentation duration of an MP4 file, in seconds, from moov/mvhd."""
    name = os.fspath(path)
    with open(name, "rb") as stream:
        end = _file_size(stream)
        for kind, offset, size in _boxes(stream, 0, end, name):
            if kind not in _CONTAINERS:
                continue
            for inner, inner_offset, inner_size in _boxes(stream, offset, offset + size, name):
                if inner == b"mvhd":
                    stream.seek(inner_offset)
                    return _mvhd_duration(_read_exact(stream, inner_size, name), name)
    raise MediaProbeError(f"{name}: no movie header ('moov/mvhd'); is this an MP4 file?")


_SOF_MARKERS = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def jpeg_dimensions(path: str | os.PathLike[str]) -> tuple[int, int]:
    """(width, height) of a JPEG image, from its start-of-frame segment."""
    name = os.fspath(path)
    with open(name, "rb") as stream:
        data = stream.read()
    if data[:2] != b"\xff\xd8":
        raise MediaProbeError(f"{name}: not a JPEG file (no start-of-image marker)")
    offset = 2
    while offset + 4 <= len(data):
        if data[offset] != 0xFF:
            raise MediaProbeError(f"{name}: bad JPEG segment at byte {offset}")
        marker = data[offset + 1]
        if marker == 0xFF:  # fill byte
            offset += 1
            continue
        length = struct.unpack(">H", data[offset + 2 : offset + 4])[0]
        if marker in _SOF_MARKERS and offset + 9 <= len(data):
            height, width = struct.unpack(">HH", data[offset + 5 : offset + 9])
            return width, height
        offset += 2 + length
    raise MediaProbeError(f"{name}: no JPEG frame header found")
