"""What a page's Markdown may not hold: scripts, and characters nobody can see.

Markdown lets a page hold raw HTML, and the course keeps that (a table, a
`<kbd>`), but it promises that no script runs from content: a `<script>`, an
`on...=` handler attribute (in raw HTML or in `{ }` attributes) or a
`javascript:` address is reported, as is a control character, which shows as
nothing or as a box. Code (fenced blocks and `backtick` spans) is shown as text,
so it is left alone, except for control characters.
"""

from __future__ import annotations

import html
import re

from ..diagnostics import Diagnostics, Location

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_FENCE = re.compile(r"^\s*(```+|~~~+)")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_SCRIPT_TAG = re.compile(r"<\s*script\b", re.I)
_HANDLER_IN_TAG = re.compile(r"<[a-z][^>]*?[\s/\"'](on[a-z]+)\s*=", re.I)
_HANDLER_IN_ATTRIBUTES = re.compile(r"\{[^}]*?(?<![\w-])(on[a-z]+)\s*=", re.I)
_SCRIPT_ADDRESS = re.compile(r"\b(javascript|vbscript|livescript)\s*:|\bdata\s*:\s*text/html", re.I)
_URL_INVISIBLES = re.compile(r"[\t\n\r\x00-\x1f]")


def check_page_body(
    text: str, display_path: str, first_line: int, diagnostics: Diagnostics
) -> None:
    """Reports what `text` (a page's Markdown from `first_line` on) may not hold."""
    fence: str | None = None
    for number, line in enumerate(text.split("\n"), start=first_line):
        control = _CONTROL.search(line)
        if control:
            diagnostics.error(
                Location(display_path, number, control.start() + 1),
                f"this line holds an invisible control character (U+{ord(control.group()):04X}); "
                "delete it (retyping the words around it is the easiest way): it is often "
                "pasted in by accident",
            )
        fence_match = _FENCE.match(line)
        if fence_match:
            marker = fence_match.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = None
            continue
        if fence is not None or not any(c in line for c in "<{:"):
            continue
        _check_line(_blank_code_spans(line), Location(display_path, number), diagnostics)


def _blank_code_spans(line: str) -> str:
    return _CODE_SPAN.sub(lambda m: " " * len(m.group()), line)


def _check_line(line: str, where: Location, diagnostics: Diagnostics) -> None:
    def at(column: int) -> Location:
        return Location(where.path, where.line, column + 1)

    for found in _SCRIPT_TAG.finditer(line):
        diagnostics.error(
            at(found.start()),
            "a page may not hold a <script>: no script runs from the course's pages; remove "
            "it (to show it as code, put it between `backticks`)",
        )
    for pattern in (_HANDLER_IN_TAG, _HANDLER_IN_ATTRIBUTES):
        for found in pattern.finditer(line):
            name = found.group(1)
            diagnostics.error(
                at(found.start(1)),
                f"the '{name}' attribute runs a script, and no script runs from the course's "
                f"pages; remove '{name}=...'",
            )
    if ":" not in line:
        return
    # An address counts as the browser reads it: entities decoded, tabs and newlines dropped.
    decoded = _URL_INVISIBLES.sub("", html.unescape(line))
    lowered, searched_to = line.lower(), 0
    for found in _SCRIPT_ADDRESS.finditer(decoded):
        scheme = found.group().split(":")[0].strip().lower()
        # Where the address is in the line as written; an encoded one is found by its tail.
        raw = lowered.find(scheme[1:4], searched_to)
        searched_to = raw + 1 if raw >= 0 else searched_to
        diagnostics.error(
            at(max(raw - 1, 0) if raw >= 0 else 0),
            f"a '{scheme}:' address runs code when it is opened, and no script runs from "
            "the course's pages; link to a page of the course or to an https:// address instead",
        )
