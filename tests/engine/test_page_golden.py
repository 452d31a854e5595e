"""Whole pages as golden data: body checks, and front matter of lessons and other pages.

`golden/pages/bad/<case>.md` must produce exactly the error lines in `<case>.expected`.
A case named `index-...` is read as `content/<case>/index.md`, a page and not a lesson.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from engine_support import DECLARED_ROLES, GOLDEN, error_lines, read_source

from microcourse.diagnostics import Diagnostics
from microcourse.load.course_loader import load_page

BAD = GOLDEN / "pages" / "bad"


def _cases(folder: Path) -> list[str]:
    return sorted(path.stem for path in folder.glob("*.md"))


def _src_path(case: str) -> str:
    return f"{case}/index.md" if case.startswith("index-") else f"{case}.md"


def test_every_bad_case_has_its_expected_errors() -> None:
    assert set(_cases(BAD)) == {path.stem for path in BAD.glob("*.expected")}


@pytest.mark.parametrize("case", _cases(BAD))
def test_bad_page(case: str) -> None:
    diagnostics = Diagnostics()
    src_path = _src_path(case)
    load_page(
        src_path,
        f"content/{src_path}",
        read_source(BAD / f"{case}.md"),
        diagnostics,
        DECLARED_ROLES,
    )
    expected = (BAD / f"{case}.expected").read_text(encoding="utf-8").splitlines()
    assert expected, "a bad case must expect at least one error"
    assert error_lines(diagnostics) == expected
