"""A place an organisation is named after is a place of the story when it is local (places.named_after)."""

from __future__ import annotations

import pytest

from eventwire import extract


def _places(text: str) -> dict[str, list[str]]:
    rec = extract(text, published="2025-12-06")
    return {p.name: [rec.document.text[s:e] for s, e in p.mentions] for p in rec.places}


@pytest.mark.parametrize(
    ("text", "name", "surface"),
    [
        ("Officers of the Springfield Police Department arrested a man in Dayton, Ohio, on Monday.", "Springfield",
         "Springfield"),
        ("Deputies of the Franklin County Sheriff's Office searched a farm near Columbus, Ohio.", "Franklin County",
         "Franklin County"),
        ("A professor at the University of Kentucky said the flood hit Lexington on Monday.", "Kentucky", "Kentucky"),
    ],
)
def test_named_after_place_is_recorded_when_local(text: str, name: str, surface: str) -> None:
    assert surface in _places(text).get(name, [])


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The Lansing State Journal reported that Michigan lawmakers met on Monday.", "Lansing"),  # a newspaper
        ("A professor at Rice University said Houston had flooded on Monday.", "Rice"),  # a small town, no local body
        ("Officers of the Springfield Police Department met in Ohio on Monday.", "Springfield"),  # a state alone
        # not local: nothing else in the story is near a Springfield
        ("Officers of the Springfield Police Department arrested a man in Kenya on Monday.", "Springfield"),
    ],
)
def test_named_after_place_is_left_out_otherwise(text: str, word: str) -> None:
    places = _places(text)
    assert all(word not in surfaces for surfaces in places.values()), places


def test_dateline_in_capitals_is_a_place() -> None:
    places = _places("Budget vote delayed. SPRINGFIELD, Ill. -- The city council put off a vote on Monday.")
    assert "SPRINGFIELD" in places.get("Springfield", []), places


def test_capitals_without_a_dateline_shape_are_not_places() -> None:
    places = _places("The council met. SPRINGFIELD voters will decide in Illinois on Monday.")
    assert all("SPRINGFIELD" not in surfaces for surfaces in places.values()), places


def test_named_after_not_an_institution_or_a_treaty_zone() -> None:
    rec = extract("Officials in Dayton, Ohio, said the decision of Congress was final and the Schengen zone "
                  "would stay open.", published="2025-03-01")
    assert {p.name for p in rec.places} >= {"Dayton"}
    assert not {p.name for p in rec.places} & {"Congress", "Schengen"}
