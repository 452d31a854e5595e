"""course.js and course.css as learners download them: the readable source, less its notes.

The files in assets/ are written for people, with comments and indentation. A
learner's browser needs neither, and on a slow network every byte of the one
download counts, so the build drops whole-line comments and leading indentation.
Nothing else changes: no renaming, no rewriting, so what runs is what was reviewed.
Lines inside a multi-line template literal or string would be changed too, so the
sources keep none (a test holds them to it).
"""

from __future__ import annotations

import re
from pathlib import Path

ASSETS_DIR = Path(__file__).resolve().parent / "assets"
_BLOCK_COMMENT = re.compile(r"^[ \t]*/\*.*?\*/[ \t]*\n", re.S | re.M)
_LINE_COMMENT = re.compile(r"^[ \t]*//.*\n", re.M)
_INDENT = re.compile(r"^[ \t]+", re.M)
_BLANK_LINES = re.compile(r"\n{2,}")


def slim(source: str) -> str:
    """Whole-line comments, indentation and blank lines removed."""
    text = _BLOCK_COMMENT.sub("", source if source.endswith("\n") else source + "\n")
    text = _LINE_COMMENT.sub("", text)
    text = _INDENT.sub("", text)
    return _BLANK_LINES.sub("\n", text).lstrip("\n")


def shipped(name: str) -> str:
    """The asset `name` (course.js, course.css) as it goes into the site."""
    return slim((ASSETS_DIR / name).read_text(encoding="utf-8"))
