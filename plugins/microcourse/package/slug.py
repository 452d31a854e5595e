"""A package's file name from the course's name: `Social media at work` -> `social-media-at-work`."""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[^a-z0-9]+")
MAX_LENGTH = 60


def slugify(name: str) -> str:
    """Lowercase ASCII letters and digits joined by single hyphens; '' when none are left."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_WORD.sub("-", ascii_name.lower()).strip("-")
    return slug[:MAX_LENGTH].rstrip("-")
