"""Team self-checks (quiz files with `type: self_check`) as golden data, and their markup.

`golden/self_checks/bad/<case>.yml` must produce exactly the error lines in
`<case>.expected`; each message was checked by reading. `good/<case>.yml` must load
into the data in `<case>.json`.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from engine_support import GOLDEN, error_lines, lesson, load_quiz_text, read_source, renderer

from microcourse.model import SelfCheck

BAD = GOLDEN / "self_checks" / "bad"
GOOD = GOLDEN / "self_checks" / "good"


def _cases(folder: Path) -> list[str]:
    return sorted(path.stem for path in folder.glob("*.yml"))


def test_every_bad_case_has_its_expected_errors() -> None:
    assert set(_cases(BAD)) == {path.stem for path in BAD.glob("*.expected")}
    assert len(_cases(BAD)) >= 10


@pytest.mark.parametrize("case", _cases(BAD))
def test_bad_self_check(case: str) -> None:
    loaded, diagnostics = load_quiz_text(read_source(BAD / f"{case}.yml"), case)
    expected = (BAD / f"{case}.expected").read_text(encoding="utf-8").splitlines()
    assert expected, "a bad case must expect at least one error"
    assert error_lines(diagnostics) == expected
    assert loaded is None


@pytest.mark.parametrize("case", _cases(GOOD))
def test_good_self_check(case: str) -> None:
    loaded, diagnostics = load_quiz_text(read_source(GOOD / f"{case}.yml"), case)
    assert error_lines(diagnostics) == []
    assert isinstance(loaded, SelfCheck)
    data = dataclasses.asdict(loaded)
    for key in ("source", "lesson_location", "id_location"):
        data.pop(key)
    expected = json.loads((GOOD / f"{case}.json").read_text(encoding="utf-8"))
    assert data == expected


def _page(case: str = "team") -> BeautifulSoup:
    check, _ = load_quiz_text(read_source(GOOD / f"{case}.yml"), case)
    assert isinstance(check, SelfCheck)
    home = lesson("readiness/team-self-check.md")
    html = renderer([home, lesson("start/why-it-matters.md")]).self_check(
        check, home, lambda path: "/" + path.removesuffix(".md") + "/"
    )
    return BeautifulSoup(html, "html.parser")


def test_the_markup_has_a_radio_group_per_prompt_and_the_summary() -> None:
    page = _page()
    section = page.select_one("section.mc-selfcheck[data-mc-self-check=team-ratings]")
    assert section is not None and section.has_attr("data-mc-extras")
    prompts = section.select("fieldset.mc-selfcheck__prompt")
    assert [p["data-mc-prompt"] for p in prompts] == ["goals", "no"]
    for prompt in prompts:
        radios = prompt.select("input[type=radio]")
        assert [r["value"] for r in radios] == ["green", "amber", "red"]
        assert len({r["name"] for r in radios}) == 1
    assert prompts[1].legend.get_text() == "2. yes"  # text, as written
    step = prompts[0].select_one(".mc-selfcheck__step[data-mc-rating=red]")
    assert step is not None and step.has_attr("hidden")
    assert step.a["href"] == "/start/why-it-matters/"  # resolved from the lesson
    groups = section.select(".mc-selfcheck__summary .mc-selfcheck__group")
    assert [g["data-mc-rating"] for g in groups] == ["green", "amber", "red"]
    assert groups[2].select_one(".mc-selfcheck__next").get_text(strip=True) == (
        "Give it an owner and a date."
    )
    assert section.select_one(".mc-selfcheck__intro strong").get_text() == "one"


def test_text_is_escaped() -> None:
    check = SelfCheck(
        id="x",
        lesson="a.md",
        title="<b>Title</b>",
        scale=[
            dataclasses.replace(r, label="<i>" + r.label)
            for r in load_quiz_text(read_source(GOOD / "team.yml"), "team")[0].scale  # type: ignore[union-attr]
        ],
        prompts=[],
    )
    html = renderer().self_check(check, lesson("a.md"), lambda p: p)
    assert "<b>" not in html and "<i>" not in html
    assert "&lt;b&gt;Title&lt;/b&gt;" in html
