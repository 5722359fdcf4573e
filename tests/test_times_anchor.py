"""Calendar arithmetic of eventwire.times.anchor, and tense reading of eventwire.times.tense."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from eventwire.times import anchor
from eventwire.times.tense import direction

SAT = dt.date(2025, 12, 6)


@pytest.mark.parametrize(
    ("isoweekday", "tense", "rel", "expected"),
    [
        (2, "past", None, dt.date(2025, 12, 2)),
        (2, None, None, dt.date(2025, 12, 2)),
        (3, "future", None, dt.date(2025, 12, 10)),
        (6, "past", None, SAT),
        (6, "future", None, SAT),
        (6, None, "last", dt.date(2025, 11, 29)),
        (6, None, "next", dt.date(2025, 12, 13)),
    ],
)
def test_weekday_date_direction(isoweekday: int, tense: str | None, rel: str | None, expected: dt.date) -> None:
    assert anchor.weekday_date(SAT, isoweekday, tense, rel) == expected


@pytest.mark.parametrize(
    ("month", "day", "tense", "year"),
    [
        (1, None, "past", 2025),
        (1, None, "future", 2026),
        (12, None, "past", 2025),
        (2, 18, None, 2025),
        (2, 18, "future", 2026),
        (12, 20, "past", 2025),  # a date a fortnight ahead is this year's, whatever the tense
    ],
)
def test_year_for_month_without_year(month: int, day: int | None, tense: str | None, year: int) -> None:
    assert anchor.year_for(SAT, month, day, tense) == year


@pytest.mark.parametrize(
    ("season", "tense", "rel", "year"),
    [("SP", None, None, 2025), ("WI", None, "last", 2024), ("SU", "future", None, 2026), ("SU", None, "next", 2026)],
)
def test_season_year_nearest(season: str, tense: str | None, rel: str | None, year: int) -> None:
    assert anchor.season_year(SAT, season, tense, rel) == year


@pytest.mark.parametrize(
    ("unit", "amount", "expected"),
    [("D", -1, "2025-12-05"), ("W", 0, "2025-W49"), ("M", -1, "2025-11"), ("Q", -1, "2025-Q3"),
     ("Y", -5, "2020"), ("DE", -1, "201")],
)
def test_offset_value_units(unit: str, amount: int, expected: str) -> None:
    assert anchor.offset_value(SAT, unit, amount)[0] == expected  # type: ignore[index]


@pytest.mark.parametrize(
    ("sentence", "expression", "expected"),
    [
        ("The ministers met on Tuesday.", "Tuesday", "past"),
        ("The envoy will travel on Wednesday.", "Wednesday", "future"),
        ("The envoy is set to travel on Friday.", "Friday", "future"),
        ("Rebels planned a rally on Sunday.", "Sunday", "future"),
        ("The offer had been scheduled to expire on Friday.", "Friday", None),
        ("The summit opens on Tuesday.", "Tuesday", "present"),
    ],
)
def test_direction_reads_governing_verb(nlp: Language, sentence: str, expression: str,
                                        expected: str | None) -> None:
    doc = nlp(sentence)
    start = sentence.index(expression)
    assert direction(doc, start, start + len(expression)) == expected
