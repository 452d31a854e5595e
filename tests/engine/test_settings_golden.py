"""The course plugin's settings in mkdocs.yml as golden data.

`golden/settings/bad/<case>.yml` is a whole mkdocs.yml; the course's settings in it
must produce exactly the error lines in `<case>.expected`, named as mkdocs.yml.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from engine_support import GOLDEN, error_lines, read_source

from microcourse.diagnostics import Diagnostics
from microcourse.load.settings_loader import load_settings

BAD = GOLDEN / "settings" / "bad"


def _cases(folder: Path) -> list[str]:
    return sorted(path.stem for path in folder.glob("*.yml"))


def test_every_bad_case_has_its_expected_errors() -> None:
    assert set(_cases(BAD)) == {path.stem for path in BAD.glob("*.expected")}


@pytest.mark.parametrize("case", _cases(BAD))
def test_bad_settings(case: str) -> None:
    text = read_source(BAD / f"{case}.yml")
    raw = yaml.safe_load(text)["plugins"][1]["course"]
    diagnostics = Diagnostics()
    load_settings("mkdocs.yml", text, raw, diagnostics)
    expected = (BAD / f"{case}.expected").read_text(encoding="utf-8").splitlines()
    assert expected, "a bad case must expect at least one error"
    assert error_lines(diagnostics) == expected
