"""Behaviour of eventwire.times.find_times on sentences written for these tests.

All relative values are normalised against Saturday 2025-12-06 unless a test says otherwise.
"""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from eventwire.times import TimeMention, find_times

PUB = dt.date(2025, 12, 6)  # a Saturday


def _find(nlp: Language, sentence: str, expression: str, published: dt.date | None = PUB) -> TimeMention:
    found = find_times(nlp(sentence), published)
    matches = [m for m in found if m.text == expression]
    assert matches, f"{expression!r} not found in {[m.text for m in found]}"
    return matches[0]


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("The ministers met on Tuesday.", "Tuesday", "2025-12-02"),
        ("The envoy will travel on Wednesday.", "Wednesday", "2025-12-10"),
        ("The envoy is set to travel on Wednesday.", "Wednesday", "2025-12-10"),
        ("Negotiators held talks Saturday.", "Saturday", "2025-12-06"),
        ("Strikes continued overnight into Saturday.", "Saturday", "2025-12-06"),
        ("Tuesday's meeting ended without a deal.", "Tuesday", "2025-12-02"),
        ("The minister said Friday that the border would reopen.", "Friday", "2025-12-05"),
        ("The rebels attacked the town last Sunday.", "last Sunday", "2025-11-30"),
        ("The council meets next Monday.", "next Monday", "2025-12-08"),
    ],
)
def test_find_times_weekday_follows_tense(nlp: Language, sentence: str, expression: str, value: str) -> None:
    mention = _find(nlp, sentence, expression)
    assert (mention.value, mention.kind, mention.precision) == (value, "date", "day")


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("The port was shelled yesterday.", "yesterday", "2025-12-05"),
        ("The market is closed today.", "today", "2025-12-06"),
        ("The results come out tomorrow.", "tomorrow", "2025-12-07"),
        ("Rates rose last month.", "last month", "2025-11"),
        ("Talks resume this week.", "this week", "2025-W49"),
        ("Fighting eased this weekend.", "this weekend", "2025-W49-WE"),
        ("The court will rule next week.", "next week", "2025-W50"),
        ("Growth slowed this year.", "this year", "2025"),
        ("Inflation fell last year.", "last year", "2024"),
        ("Exports fell in January.", "January", "2025-01"),
        ("Talks will resume in January.", "January", "2026-01"),
        ("The war began in February 2022.", "February 2022", "2022-02"),
        ("The accord was signed on Feb. 18.", "Feb. 18", "2025-02-18"),
        ("The accord was signed on 18 February.", "18 February", "2025-02-18"),
        ("The vote took place on March 8.", "March 8", "2025-03-08"),
        ("The summit will open on March 8.", "March 8", "2026-03-08"),
        ("The bank cut rates in 2009.", "2009", "2009"),
        ("Prices have climbed since spring.", "spring", "2025-SP"),
        ("Growth slowed in the 1990s.", "the 1990s", "199"),
        ("Revenue doubled in the first quarter.", "the first quarter", "2025-Q1"),
        ("The 1995 Dayton Accords ended the war.", "1995", "1995"),
    ],
)
def test_find_times_date_values(nlp: Language, sentence: str, expression: str, value: str) -> None:
    mention = _find(nlp, sentence, expression)
    assert (mention.value, mention.kind) == (value, "date")


@pytest.mark.parametrize(
    ("sentence", "expression", "precision"),
    [
        ("Rates rose last month.", "last month", "month"),
        ("Talks resume this week.", "this week", "week"),
        ("Growth slowed in the 1990s.", "the 1990s", "decade"),
        ("Prices have climbed since spring.", "spring", "season"),
        ("Inflation fell last year.", "last year", "year"),
        ("Revenue doubled in the first quarter.", "the first quarter", "quarter"),
        ("Aid arrived at 3 p.m. Friday.", "3 p.m. Friday", "day"),
        ("The meeting lasted 18 hours.", "18 hours", None),
        ("The border is now closed.", "now", None),
    ],
)
def test_find_times_precision_matches_value(nlp: Language, sentence: str, expression: str,
                                            precision: str | None) -> None:
    assert _find(nlp, sentence, expression).precision == precision


@pytest.mark.parametrize(
    ("sentence", "expression", "value", "mod"),
    [
        ("Fighting flared late Monday.", "late Monday", "2025-12-01", "END"),
        ("The convoy left early Wednesday.", "early Wednesday", "2025-12-03", "START"),
        ("Output rose in mid-November.", "mid-November", "2025-11", "MID"),
        ("The nearly four-year war has displaced millions.", "nearly four-year", "P4Y", "APPROX"),
        ("The talks have dragged on for more than three years.", "more than three years", "P3Y", "MORE_THAN"),
        ("The siege lasted at least ten days.", "at least ten days", "P10D", "EQUAL_OR_MORE"),
    ],
)
def test_find_times_modifier_attached(nlp: Language, sentence: str, expression: str, value: str, mod: str) -> None:
    mention = _find(nlp, sentence, expression)
    assert (mention.value, mention.mod) == (value, mod)


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("Delegates met for a five-hour session.", "five-hour", "PT5H"),
        ("The meeting lasted 18 hours.", "18 hours", "PT18H"),
        ("Both sides agreed a 30-day ceasefire.", "30-day", "P30D"),
        ("He was jailed for six years.", "six years", "P6Y"),
        ("A 42-year-old man was arrested.", "42-year-old", "P42Y"),
        ("The truce held for two decades.", "two decades", "P20Y"),
        ("Rebels held the town for several weeks.", "several weeks", "PXW"),
    ],
)
def test_find_times_durations_are_never_dates(nlp: Language, sentence: str, expression: str, value: str) -> None:
    mention = _find(nlp, sentence, expression)
    assert (mention.value, mention.kind) == (value, "duration")


@pytest.mark.parametrize(
    ("sentence", "expression", "value", "kind"),
    [
        ("Inspectors visit the site weekly.", "weekly", "P1W", "set"),
        ("Inspectors check the line every Monday.", "every Monday", "XXXX-WXX-1", "set"),
        ("Aid arrived at 3 p.m. Friday.", "3 p.m. Friday", "2025-12-05T15:00", "time"),
        ("Shelling resumed at dawn this morning.", "dawn this morning", "2025-12-06TMO", "time"),
        ("The president will speak tonight.", "tonight", "2025-12-06TNI", "time"),
        ("The border is now closed.", "now", "PRESENT_REF", "date"),
        ("Aid is currently blocked.", "currently", "PRESENT_REF", "date"),
    ],
)
def test_find_times_sets_and_clock_times(nlp: Language, sentence: str, expression: str, value: str,
                                         kind: str) -> None:
    mention = _find(nlp, sentence, expression)
    assert (mention.value, mention.kind) == (value, kind)


@pytest.mark.parametrize(
    "sentence",
    [
        "Russia launched over 700 drones.",
        "The fund is worth $28 billion.",
        "He threatened 200% tariffs.",
        "Officials counted 155,221 bags of grain.",
        "The council passed Resolution 2231 unanimously.",
        "Some 1500 troops crossed the river.",
        "They worked overnight to repair the line.",
        "Theresa May spoke to reporters.",
        "Prices may fall further.",
    ],
)
def test_find_times_invents_no_dates(nlp: Language, sentence: str) -> None:
    assert find_times(nlp(sentence), PUB) == []


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("Officers met on Tuesday.", "Tuesday", "XXXX-WXX-2"),
        ("Rates rose last month.", "last month", "XXXX-XX"),
        ("Talks resume this week.", "this week", "XXXX-WXX"),
        ("The port was shelled yesterday.", "yesterday", "XXXX-XX-XX"),
        ("Exports fell in January.", "January", "XXXX-01"),
        ("The accord was signed on March 8, 2025.", "March 8, 2025", "2025-03-08"),
        ("The meeting lasted 18 hours.", "18 hours", "PT18H"),
    ],
)
def test_find_times_without_publication_date_stays_underspecified(
    nlp: Language, sentence: str, expression: str, value: str
) -> None:
    assert _find(nlp, sentence, expression, published=None).value == value


def test_find_times_offsets_cover_the_text_in_order(nlp: Language) -> None:
    doc = nlp("On Tuesday the army said it had shelled the town for five hours, and will withdraw next week.")
    found = find_times(doc, PUB)
    assert [m.text for m in found] == ["Tuesday", "five hours", "next week"]
    assert all(doc.text[m.start : m.end] == m.text for m in found)
    assert [m.start for m in found] == sorted(m.start for m in found)


def test_find_times_empty_doc_yields_nothing(nlp: Language) -> None:
    assert find_times(nlp(""), PUB) == []
