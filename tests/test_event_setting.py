"""Dates and places from an event's discourse (``events/setting.py``); sentences are made up."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from eventwire import extract
from eventwire.coverage import coverage
from eventwire.record import Event, Record

SCHEMA = json.loads((Path(__file__).parents[1] / "schema" / "eventwire-1.json").read_text(encoding="utf-8"))
DAY = "2025-03-07"  # a Friday


def _event(rec: Record, trigger: str) -> Event:
    return next(e for e in rec.events if e.trigger.text == trigger)


def test_coordinated_event_shares_the_time_phrase_of_its_conjunct() -> None:
    rec = extract("Last month, Kenyan police arrested Tom Mboya and Kenya sanctioned Uganda.", published=DAY)
    sanctioned = _event(rec, "sanctioned")
    assert (sanctioned.date, sanctioned.date_source) == ("2025-02", "discourse")
    assert _event(rec, "arrested").date_source == "clause"


def test_conjunct_set_apart_in_time_keeps_no_date() -> None:
    rec = extract("Kenyan police detained Tom Mboya on Monday and later released him.", published=DAY)
    released = _event(rec, "released")
    assert (released.date, released.date_source) == (None, "none")


def test_participial_adjunct_dates_its_head() -> None:
    rec = extract("Mayor Tom Mboya rejected the ruling, telling reporters on Wednesday that it was unfair.",
                  published=DAY)
    rejected = _event(rec, "rejected")
    assert (rejected.date, rejected.date_source) == ("2025-03-05", "discourse")


def test_event_inside_a_statement_is_not_dated_by_the_saying() -> None:
    rec = extract("Officials said on Tuesday that Russia attacked Ukraine.", published=DAY)
    attacked = _event(rec, "attacked")
    assert (attacked.date, attacked.date_source) == (None, "none")


def test_day_of_a_saying_dates_no_deed_of_its_sentence() -> None:
    rec = extract("Kenya expelled the Ugandan envoy and said on Friday that the border would stay closed.",
                  published=DAY)
    expelled = _event(rec, "expelled")
    assert (expelled.date, expelled.date_source) == (None, "none")


def test_pluperfect_conjunct_is_not_dated_by_a_simple_past() -> None:
    rec = extract("Thousands marched through Nairobi on Sunday, and Kenya had urged Uganda to act.", published=DAY)
    urged = _event(rec, "urged")
    assert (urged.date, urged.date_source) == (None, "none")


def test_event_after_a_time_preposition_takes_no_date_of_the_sentence() -> None:
    rec = extract("The Malian army freed 40 hostages on Wednesday, a day after rebels attacked Niger's army.",
                  published=DAY)
    attacked = _event(rec, "attacked")
    assert (attacked.date, attacked.date_source) == (None, "none")


def test_future_event_takes_no_date_from_a_neighbour() -> None:
    rec = extract("The French envoy arrived on Monday and will meet President Tom Mboya.", published=DAY)
    meet = _event(rec, "meet")
    assert (meet.date, meet.date_source) == (None, "none")


def test_as_clause_shares_the_time_of_its_main_clause() -> None:
    rec = extract("Somali forces seized the port on Tuesday as Kenya sanctioned Ethiopia.", published=DAY)
    sanctioned = _event(rec, "sanctioned")
    assert (sanctioned.date, sanctioned.date_source) == ("2025-03-04", "discourse")


def test_present_progressive_event_falls_back_on_the_publication_day() -> None:
    rec = extract("Kenya is urging Uganda to reopen the border.", published=DAY)
    urging = _event(rec, "urging")
    assert (urging.date, urging.time, urging.date_source) == (DAY, None, "published")


def test_simple_present_and_reported_present_take_no_publication_day() -> None:
    habit = _event(extract("Kenya urges Uganda to reopen the border.", published=DAY), "urges")
    reported = _event(extract("Officials said Kenya is urging Uganda to reopen the border.", published=DAY), "urging")
    assert (habit.date, habit.date_source) == (None, "none")
    assert (reported.date, reported.date_source) == (None, "none")


def test_publication_day_fallback_does_not_count_as_dated_and_validates() -> None:
    rec = extract("Kenya is urging Uganda to reopen the border.", published=DAY)
    assert coverage([rec.to_dict()]).events_dated.hits == 0
    jsonschema.validate(rec.to_dict(), SCHEMA)


def test_stopped_or_suspected_progressive_takes_no_publication_day() -> None:
    stopped = extract("Papa Johns suspended operations in Russia and is no longer accepting payments from Kenya.",
                      published=DAY)
    suspected = extract("Kenya voiced suspicions that Uganda is helping the rebels.", published=DAY)
    assert _event(stopped, "accepting").date_source == "none"
    assert _event(suspected, "helping").date_source == "none"


def test_when_clause_on_a_time_expression_happens_then() -> None:
    rec = extract("Prices doubled in mid-June, when Russia sanctioned Germany.", published="2025-07-07")
    sanctioned = _event(rec, "sanctioned")
    assert (sanctioned.date, sanctioned.date_source) == ("2025-06", "discourse")


def test_conjunct_of_a_participle_shares_its_head_time() -> None:
    rec = extract("On 8 April, Russian missiles exploded over Kramatorsk, killing 59 people and injuring "
                  "Ukraine's envoy.", published="2025-07-07")
    injuring = _event(rec, "injuring")
    assert (injuring.date, injuring.date_source) == ("2025-04-08", "discourse")


def test_where_clause_on_a_place_happens_there() -> None:
    rec = extract("Strikes were reported in Kharkiv, where Russia hit a residential area.", published=DAY)
    hit = _event(rec, "hit")
    assert hit.place_source == "discourse"
    assert hit.place is not None and rec.places[int(hit.place[1:]) - 1].name == "Kharkiv"


def _place_name(rec: Record, e: Event) -> str | None:
    return next((p.name for p in rec.places if p.id == e.place), None)


def test_area_noun_places_the_event_at_the_place_it_is_told_of() -> None:
    rec = extract("Police arrested dozens of protesters in the region of the capital, Nairobi.", published=DAY)
    arrested = _event(rec, "arrested")
    assert arrested.place_source == "clause" and _place_name(rec, arrested) == "Nairobi"


def test_compound_of_an_area_or_site_noun_places_the_event() -> None:
    for text in ("Soldiers detained three journalists in Ukraine's Kharkiv region on Monday.",
                 "Soldiers detained three journalists at a Kharkiv hotel on Monday."):
        rec = extract(text, published=DAY)
        assert _place_name(rec, _event(rec, "detained")) == "Kharkiv"


def test_area_noun_places_no_abstract_event() -> None:
    rec = extract("Kenya sanctioned two officials at a hearing in the region of the capital, Nairobi.",
                  published=DAY)
    assert _event(rec, "sanctioned").place is None


def test_town_hit_is_where_the_attack_happened() -> None:
    rec = extract("Russian forces shelled Kharkiv on Tuesday, officials said.", published=DAY)
    shelled = _event(rec, "shelled")
    assert shelled.place_source == "clause" and _place_name(rec, shelled) == "Kharkiv"


def test_country_attacked_is_not_taken_as_the_place() -> None:
    rec = extract("Ukrainian troops fought Russia for three days.", published=DAY)
    assert _event(rec, "fought").place is None


def test_invasion_happens_in_the_country_invaded() -> None:
    rec = extract("Russia invaded Ukraine in 2022. Many people still live in Ukraine.", published=DAY)
    invaded = _event(rec, "invaded")
    assert invaded.place_source == "clause" and _place_name(rec, invaded) == "Ukraine"
    rec = extract("The invasion of Iraq by American forces began in 2003. Many people still live in Iraq.",
                  published=DAY)
    assert _place_name(rec, _event(rec, "invasion")) == "Iraq"


def test_a_time_phrase_that_starts_a_stretch_dates_nothing() -> None:
    rec = extract("Chad has frozen 4 billion dollars of Sudanese assets since May.", published="2025-06-10")
    sanction = next(e for e in rec.events if e.type == "SANCTION")
    assert sanction.date is None and sanction.date_source == "none"


def test_a_year_modifying_another_noun_dates_that_noun_not_the_trigger() -> None:
    rec = extract("Two Chadian soldiers stand accused of the 2004 bombing of a French base.",
                  published="2025-06-10")
    accuse = next(e for e in rec.events if e.type == "ACCUSE")
    assert accuse.date is None
