"""`course-check`'s GitHub annotations: read back by GitHub's rules, they say what was meant.

GitHub's runner splits a workflow command at the first '::' after its name, its
properties at ',' and each property at its first '='; the toolkit escapes '%', CR
and LF in the message, and ',' and ':' as well in properties (actions/toolkit,
packages/core/src/command.ts). A file name is whatever the author named the file.
"""

from __future__ import annotations

import pytest

from microcourse.diagnostics import Diagnostic, Location


def _unescape(text: str) -> str:
    for escaped, character in (
        ("%0D", "\r"),
        ("%0A", "\n"),
        ("%3A", ":"),
        ("%2C", ","),
        ("%25", "%"),
    ):
        text = text.replace(escaped, character)
    return text


def _as_github_reads_it(command: str) -> tuple[str, dict[str, str], str]:
    assert command.startswith("::") and "\n" not in command and "\r" not in command
    name_and_properties, message = command[2:].split("::", 1)
    name, _, properties = name_and_properties.partition(" ")
    fields = dict(item.split("=", 1) for item in properties.split(","))
    return name, {key: _unescape(value) for key, value in fields.items()}, _unescape(message)


@pytest.mark.parametrize(
    "path",
    [
        "quizzes/plain.yml",
        "quizzes/a,line=1,col=9.yml",
        "quizzes/odd\n::error file=x.yml::injected.yml",
        "quizzes/50%25 off: sale.yml",
        "quizzes/carriage\rreturn.yml",
    ],
)
def test_a_file_name_stays_one_property_of_one_command(path: str) -> None:
    message = "'x' is 100% wrong: fix\nit"
    command = Diagnostic(Location(path, 3, 7), message).as_github_annotation()
    name, fields, read_message = _as_github_reads_it(command)
    assert name == "error"
    assert fields == {"file": path, "line": "3", "col": "7"}
    assert read_message == message
