"""Located problems in course content, reported the way compilers do."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

# Characters a message would print as nothing, as a space or as a reordering of the
# line (a right-to-left override): shown escaped, as `\u200b`, so the author sees them.
_CONTROL = re.compile(
    r"[\x00-\x1f\x7f-\xa0\xad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e"
    r"\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0]"
)


class Location(NamedTuple):
    """A place in a source file; line and column count from 1.

    A named tuple, not a dataclass: loading a course makes one for every question
    and option, and a tuple is several times quicker to make.
    """

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """An error stops the build; a warning is advice (`--strict` makes it stop the build too)."""

    location: Location
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}: {self.message}"

    def as_github_annotation(self) -> str:
        """The workflow command that puts this message on the pull request's line.

        Escaped as GitHub's own toolkit does (`escapeData`, `escapeProperty` in
        actions/toolkit's command.ts), so a file name with a comma, a colon or a
        newline can neither misplace the annotation nor start a command of its own.
        """
        loc = self.location
        file = _escape_property(loc.path)
        message = _escape_data(self.message)
        return f"::{self.severity} file={file},line={loc.line},col={loc.column}::{message}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass
class Diagnostics:
    """Collects every problem of a run, so authors see all of them at once.

    `items` holds the errors (a course with any is not built); `warnings` the
    advice, kept apart so that everything which asks "any errors?" stays as it was.
    """

    items: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)

    def error(self, location: Location, message: str) -> None:
        self.items.append(Diagnostic(location, _one_line(message)))

    def warning(self, location: Location, message: str) -> None:
        self.warnings.append(Diagnostic(location, _one_line(message), "warning"))

    def sorted_warnings(self) -> list[Diagnostic]:
        return sorted(set(self.warnings))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def sorted(self) -> list[Diagnostic]:
        return sorted(set(self.items))

    def report(self) -> str:
        return "\n".join(str(d) for d in self.sorted())


def _one_line(message: str) -> str:
    # One message, one line: control characters an author's text may carry are shown escaped.
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", message)
