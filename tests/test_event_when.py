"""Dates an event takes from the saying that reports it or from a misattached subject phrase
(``events/when.py``); sentences are made up."""

from __future__ import annotations

from eventwire import extract
from eventwire.record import Event, Record

DAY = "2025-03-07"  # a Friday


def _event(rec: Record, trigger: str) -> Event:
    return next(e for e in rec.events if e.trigger.text == trigger)


def test_present_event_of_a_dated_saying_takes_its_day() -> None:
    rec = extract("Mayor Tom Mboya said on Tuesday that Kenya supports the Ugandan proposal.", published=DAY)
    supports = _event(rec, "supports")
    assert (supports.date, supports.date_source) == ("2025-03-04", "discourse")


def test_reported_progressive_holds_on_the_day_of_the_saying() -> None:
    rec = extract("The Kenyan minister said on Monday that Uganda was seeking drones from Ethiopia.", published=DAY)
    seeking = _event(rec, "seeking")
    assert (seeking.date, seeking.date_source) == ("2025-03-03", "discourse")


def test_past_event_of_a_dated_saying_keeps_no_date() -> None:
    rec = extract("Kenyan officials said on Tuesday that Ugandan troops had attacked the border post.",
                  published=DAY)
    attacked = _event(rec, "attacked")
    assert (attacked.date, attacked.date_source) == (None, "none")


def test_planned_event_of_a_dated_saying_keeps_no_date() -> None:
    rec = extract("Kenyan officials said on Tuesday that Kenya would sanction Uganda.", published=DAY)
    assert all(e.date_source != "discourse" for e in rec.events)


def test_time_between_subject_and_verb_dates_the_conjunct() -> None:
    # the parser hangs "on Sunday" from the name here, not from "made"
    rec = extract("Odhiambo on Sunday made a surprise appearance in Nairobi and appealed to Uganda for help.",
                  published=DAY)
    appealed = _event(rec, "appealed")
    assert (appealed.date, appealed.date_source) == ("2025-03-02", "discourse")


def test_conjunct_with_its_own_subject_takes_no_subject_time() -> None:
    rec = extract("Odhiambo on Sunday made a surprise appearance in Nairobi and Uganda had appealed to Kenya "
                  "for help.", published=DAY)
    appealed = _event(rec, "appealed")
    assert (appealed.date, appealed.date_source) == (None, "none")


def test_headline_glued_to_the_next_paragraph_is_not_dated_by_its_saying() -> None:
    rec = extract("Kenya seizes Uganda border post\n\nUganda's military said Sunday that it had withdrawn from the "
                  "border post.", published="2022-07-03")
    seizes = _event(rec, "seizes")
    assert (seizes.date, seizes.date_source) == (None, "none")


def test_event_noun_subject_of_a_present_verb_takes_the_saying_day() -> None:
    rec = extract("Kenya said on Sunday that negotiations with Uganda are progressing well.", published=DAY)
    negotiations = _event(rec, "negotiations")
    assert (negotiations.date, negotiations.date_source) == ("2025-03-02", "discourse")


def test_event_noun_subject_of_be_keeps_no_date() -> None:
    rec = extract("Kenya said on Friday that recent agreements with Uganda are a positive step.", published=DAY)
    agreements = _event(rec, "agreements")
    assert (agreements.date, agreements.date_source) == (None, "none")


def test_saying_dated_by_its_statement_phrase() -> None:
    rec = extract("In a statement on Tuesday, the Kenyan ministry said that Uganda is seeking drones from Ethiopia.",
                  published=DAY)
    seeking = _event(rec, "seeking")
    assert (seeking.date, seeking.date_source) == ("2025-03-04", "discourse")
