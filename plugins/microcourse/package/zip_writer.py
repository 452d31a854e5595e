"""A zip written whole or not at all: a temporary file beside the target, renamed on success.

Entries get a fixed date, so the same site makes the same bytes. Media that is
already compressed is stored; everything else is deflated.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path

FIXED_DATE = (2000, 1, 1, 0, 0, 0)
ALREADY_COMPRESSED = frozenset(
    {".mp4", ".webm", ".m4v", ".mp3", ".m4a", ".ogg", ".png", ".jpg", ".jpeg", ".gif", ".webp",
     ".woff", ".woff2", ".gz", ".zip"}
)  # fmt: skip

Member = tuple[str, bytes | Path]  # name in the zip, and its bytes or the file to copy


def write_zip(target: Path, members: Iterable[Member]) -> int:
    """Writes `members` to `target` atomically; returns the zip's size in bytes.

    On any error (a file vanished, the disk is full) the temporary file is removed
    and `target` is left as it was.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}-", suffix=".part", dir=target.parent
    )
    os.close(handle)
    try:
        seen: set[str] = set()
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            for name, content in members:
                if name in seen:
                    raise ValueError(f"two files named {name} in one package")
                seen.add(name)
                info = zipfile.ZipInfo(name, FIXED_DATE)
                info.external_attr = 0o644 << 16
                stored = Path(name).suffix.lower() in ALREADY_COMPRESSED
                info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
                if isinstance(content, Path):
                    with content.open("rb") as source, archive.open(info, "w") as sink:
                        while chunk := source.read(1 << 20):
                            sink.write(chunk)
                else:
                    archive.writestr(info, content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    return target.stat().st_size
