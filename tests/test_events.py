"""Events from sentences written for these tests: types, parties, dates, places, counts, status."""

from __future__ import annotations

import pytest

import eventwire
from eventwire.record import Event, Record

PUBLISHED = "2025-12-06"  # a Saturday


def extract(text: str) -> Record:
    return eventwire.extract(text, published=PUBLISHED)


def names(rec: Record, ids: list[str]) -> set[str]:
    by_id = {a.id: a.name for a in rec.actors}
    return {by_id[i] for i in ids}


def only(rec: Record, etype: str) -> Event:
    found = [e for e in rec.events if e.type == etype]
    assert len(found) == 1, [(e.type, e.trigger.text) for e in rec.events]
    return found[0]


def test_events_directional_attack_with_count_target_and_date() -> None:
    rec = extract("Overnight into Saturday, Moscow launched over 300 drones at Ukraine, targeting its power plants.")
    e = only(rec, "ASSAULT")
    assert names(rec, e.actors) == {"Russia"} and names(rec, e.recipients) == {"Ukraine"}
    assert e.date == "2025-12-06"
    assert [(q.value, q.qualifier) for q in e.quantities] == [(300, "over")]
    assert e.mode == "drone"
    assert e.objects == ["power plants"]


def test_events_reciprocal_meeting_puts_every_party_in_actors() -> None:
    rec = extract("German Chancellor Otto Brandt met French President Claire Dubois in Paris on Tuesday.")
    e = only(rec, "CONSULT")
    assert names(rec, e.actors) == {"Otto Brandt", "Claire Dubois"}
    assert e.recipients == []
    assert e.date == "2025-12-02"
    place = next(p for p in rec.places if p.id == e.place)
    assert place.name == "Paris"


def test_events_noun_event_borrows_parties_from_its_verb() -> None:
    rec = extract("Chilean and Peruvian officials were set for talks on Saturday in Lima.")
    e = only(rec, "CONSULT")
    assert {rec.actors[int(a[1:]) - 1].country for a in e.actors} == {"CHL", "PER"}


def test_events_mentions_of_one_event_merge() -> None:
    rec = extract("Rebels attacked the town of Kidal on Monday. The attack destroyed a bridge. "
                  "Residents said the attack lasted hours.")
    attacks = [e for e in rec.events if e.type == "ASSAULT"]
    assert len(attacks) == 1 and len(attacks[0].mentions) >= 2


def test_events_light_verb_sanctions_with_target() -> None:
    rec = extract("The European Union slapped sanctions on Iranian oil firms last month.")
    e = only(rec, "SANCTION")
    assert names(rec, e.actors) == {"European Union"}
    assert any("Iranian" in n for n in names(rec, e.recipients))
    assert e.date == "2025-11"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Sudan invaded the region in February 2022.", "historical"),
        ("The two presidents will meet in Cairo next week.", "future"),
        ("Egypt did not attend the summit in Rome.", "negated"),
        ("Sudanese troops could attack the border town.", "hypothetical"),
        ("Troops attacked the border town on Friday.", "reported"),
    ],
)
def test_events_status(text: str, status: str) -> None:
    rec = extract(text)
    assert rec.events, text
    assert rec.events[0].status == status


def test_events_fatalities() -> None:
    rec = extract("Gunmen stormed a hotel in Mogadishu on Tuesday, killing at least 12 people.")
    e = next(e for e in rec.events if e.type == "ASSAULT")
    assert e.fatalities is not None and (e.fatalities.value, e.fatalities.qualifier) == (12, "at least")


def test_events_claimed_inside_a_statement() -> None:
    rec = extract("The army said its forces had shelled rebel positions near Goma.")
    e = next(e for e in rec.events if e.type == "ASSAULT")
    assert e.claimed_by is not None
    assert e.claimed_by in {s.id for s in rec.statements}


def test_events_reporting_verb_with_clause_is_not_an_event() -> None:
    rec = extract("The minister insisted that the economy was strong.")
    assert all(e.trigger.text != "insisted" for e in rec.events)


def test_events_indefinite_bare_noun_is_not_an_event() -> None:
    rec = extract("The statement called for the cessation of killings.")
    assert all(e.type != "ASSAULT" for e in rec.events)


def test_events_confidence_is_not_made_up() -> None:
    rec = extract("Police arrested 40 protesters in Nairobi on Friday.")
    assert rec.events and all(e.confidence is None for e in rec.events)
    e = next(e for e in rec.events if e.type == "COERCE")
    assert e.mode == "arrest"


def test_events_commitment_is_an_agree() -> None:
    rec = extract("Chile agreed to postpone the vote on Monday.")
    assert rec.events[0].type == "AGREE"


def test_events_speaker_it_is_the_state() -> None:
    rec = extract("Norway said it would send aid to Chad.")
    e = next(e for e in rec.events if e.type == "AID")
    assert names(rec, e.actors) == {"Norway"}
    assert names(rec, e.recipients) == {"Chad"}


def test_events_travel_destination_is_a_place_not_a_recipient() -> None:
    rec = extract("The Kenyan president travelled to Chad on Monday for talks.")
    assert all("Chad" not in names(rec, e.recipients) for e in rec.events)
