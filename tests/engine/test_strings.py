"""Every interface string is translated into every language the course ships, placeholders intact."""

from __future__ import annotations

import re

import pytest

from microcourse.strings import ENGLISH, TRANSLATIONS, interface_strings

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def test_the_course_ships_german_french_and_spanish() -> None:
    assert {"de", "fr", "es"} <= set(TRANSLATIONS)


@pytest.mark.parametrize("language", sorted(TRANSLATIONS))
def test_every_string_is_translated(language: str) -> None:
    translation = TRANSLATIONS[language]
    missing = sorted(set(ENGLISH) - set(translation))
    assert not missing, f"{language} lacks a translation of: {', '.join(missing)}"
    unknown = sorted(set(translation) - set(ENGLISH))
    assert not unknown, f"{language} translates strings the course does not have: {unknown}"
    for name, text in translation.items():
        assert text.strip(), f"{language}: {name} is empty"
        wanted = sorted(PLACEHOLDER.findall(ENGLISH[name]))
        assert sorted(PLACEHOLDER.findall(text)) == wanted, f"{language}: {name} placeholders"


@pytest.mark.parametrize("language", sorted(TRANSLATIONS))
def test_a_site_in_that_language_shows_no_english(language: str) -> None:
    strings = interface_strings(f"{language}-XX", {})
    same = [n for n, t in strings.items() if t == ENGLISH[n] and PLACEHOLDER.sub("", t).strip()]
    # A few words are the same in both languages ("Question", "Correct.", "Name"): say which.
    allowed = {"question", "answer_correct", "minutes", "record_name"}
    assert not set(same) - allowed, f"{language} still shows English: {sorted(set(same) - allowed)}"
