"""The version of a sign-off: a digest of the text it covers, blind to spacing.

What is digested, per covered lesson: its title and the Markdown after its front
matter. The rest of the front matter (summary, minutes, roles, objectives) is
about the lesson, not the policy's text, and is left out.

What is normalised before digesting, so that only a change of words asks
learners to sign again:

- a byte-order mark is dropped and the text is put in Unicode NFC form (the same
  letters typed or saved differently are the same text);
- HTML comments (`<!-- ... -->`) are removed: learners never see them, and the
  sign-off marker is one;
- every run of whitespace (spaces, tabs, line endings of any kind, blank lines,
  no-break spaces) becomes one space, and the ends are trimmed: re-wrapping a
  paragraph, indenting, trailing spaces and CRLF versus LF change nothing.

Everything else counts: a changed word, punctuation mark or Markdown mark
(`**`, `-`, a link's address) is a new version. So is a changed statement, or a
lesson added to or removed from the sign-off.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Mapping

_COMMENT = re.compile(r"<!--.*?-->", re.S)


def normalised(text: str) -> str:
    text = unicodedata.normalize("NFC", text.removeprefix("\ufeff"))
    return " ".join(_COMMENT.sub(" ", text).split())


def lesson_digest(title: str, body: str) -> str:
    """SHA-256 (hex) of a lesson's normalised title and body."""
    return _sha256([normalised(title), normalised(body)])


def signoff_digest(statement: str, lessons: Mapping[str, str]) -> str:
    """SHA-256 (hex) of the normalised statement and each covered lesson's id and digest."""
    return _sha256(
        [normalised(statement), [[lesson, digest] for lesson, digest in lessons.items()]]
    )


def _sha256(data: object) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
