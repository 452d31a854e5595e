"""The W3C Nu HTML Checker (vnu-jar from npm) over built sites, its messages split by origin.

Run once over every folder (one JVM start): `python -m tests.support.vnu site/`.
A message is the course's when it points into an element of ours (a class
starting `mc-`, or inside one); the rest come from the theme or from Markdown.
"""

from __future__ import annotations

import bisect
import json
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "source", "track", "wbr",
}  # fmt: skip


@dataclass(frozen=True)
class Message:
    page: Path
    line: int
    column: int
    text: str
    extract: str
    ours: bool

    def __str__(self) -> str:
        return f"{self.page}:{self.line}:{self.column}: {self.text} [{self.extract.strip()}]"


class _Elements(HTMLParser):
    """Where each start tag is, and whether it is (inside) one of the course's elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.positions: list[tuple[int, int]] = []
        self.ours: list[bool] = []
        self.stack: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = next((v or "" for k, v in attrs if k == "class"), "").split()
        inside = (self.stack[-1][1] if self.stack else False) or any(
            c.startswith("mc-") for c in classes
        )
        self.positions.append(self.getpos())
        self.ours.append(inside)
        if tag not in VOID:
            self.stack.append((tag, inside))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def is_ours(self, line: int, column: int) -> bool:
        # vnu points at the end of the offending start tag; the tag began before it.
        index = bisect.bisect_left(self.positions, (line, column - 1)) - 1
        return index >= 0 and self.ours[index]


def check(folders: list[Path]) -> list[Message]:
    """Every error vnu finds in the HTML pages under `folders` (warnings left out)."""
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--skip-non-html", "--exit-zero-always",
         *map(str, folders)],
        capture_output=True, text=True, timeout=900, check=True,
    )  # fmt: skip
    report = json.loads(result.stderr or result.stdout)
    parsed: dict[Path, _Elements] = {}
    messages = []
    for item in report["messages"]:
        if item.get("type") != "error":
            continue
        page = Path(unquote(urlsplit(item["url"]).path))
        if page not in parsed:
            parsed[page] = _Elements()
            parsed[page].feed(page.read_text(encoding="utf-8"))
        line, column = item.get("lastLine", 1), item.get("lastColumn", 1)
        messages.append(
            Message(page, line, column, item["message"], item.get("extract", ""),
                    parsed[page].is_ours(line, column))
        )  # fmt: skip
    return messages


def main(argv: list[str]) -> int:
    messages = check([Path(a) for a in argv] or [ROOT / "site"])
    ours = [m for m in messages if m.ours]
    theirs = Counter(m.text for m in messages if not m.ours)
    print(f"vnu: {len(ours)} errors in the course's markup")
    for message in ours:
        print(f"  {message}")
    print(f"vnu: {sum(theirs.values())} errors from the theme or Markdown")
    for text, count in theirs.most_common():
        print(f"  {count} x {text}")
    return 1 if ours else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
