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
    e = next(e for e in rec.events if e.type == "AGREE")  # aid promised: PLOVER's AGREE
    assert names(rec, e.actors) == {"Norway"}
    assert names(rec, e.recipients) == {"Chad"}


def test_events_travel_destination_is_a_place_not_a_recipient() -> None:
    rec = extract("The Kenyan president travelled to Chad on Monday for talks.")
    assert all("Chad" not in names(rec, e.recipients) for e in rec.events)


# --- PLOVER's folded types (events/typing.py, resources/en/events/readings.tsv) ---------------------------


def types(rec: Record) -> list[str]:
    return [e.type for e in rec.events]


@pytest.mark.parametrize(("text", "etype", "was"), [
    ("The Norwegian government said on Monday it will send aid to Chad.", "AGREE", "AID"),
    ("Chile said it would withdraw its troops from the border.", "CONCEDE", "RETREAT"),
    ("The farmers' union said it would blockade the capital next week.", "THREATEN", "PROTEST"),
    ("Peru said it will not accept the proposal.", "REJECT", "AGREE"),
    ("Brazil refused to meet the envoy.", "REJECT", "CONSULT"),
    ("Peru will not send troops, nor will it provide aid to Chile.", "REJECT", "AGREE"),
])
def test_events_announced_or_refused_act_takes_plovers_single_type(text: str, etype: str, was: str) -> None:
    rec = extract(text)
    assert etype in types(rec) and was not in types(rec), [(e.type, e.trigger.text) for e in rec.events]


def test_events_a_guessed_will_is_no_promise() -> None:
    rec = extract("Analysts think Chile and Peru will meet next year.")
    assert "AGREE" not in types(rec) and "CONSULT" in types(rec)


def test_events_demand_on_a_named_party_is_the_speakers_request() -> None:
    rec = extract("The French foreign ministry said Iran must release the two journalists.")
    e = only(rec, "REQUEST")
    assert names(rec, e.recipients) == {"Iran"}
    assert "RETREAT" not in types(rec)  # the release is asked for, not done
    assert "REQUEST" not in types(extract("Chile's foreign minister said we must release the report."))


def test_events_attack_in_words_is_accuse() -> None:
    rec = extract("The Labour Party attacked the minister for comparing protesters to criminals.")
    assert "ACCUSE" in types(rec) and "ASSAULT" not in types(rec)
    rec = extract("The talks ended after a clash between President Jane Roe and Prime Minister John Doe.")
    assert "ACCUSE" in types(rec) and "ASSAULT" not in types(rec)


def test_events_launch_is_an_attack_only_with_a_weapon_or_operation() -> None:
    assert "ASSAULT" not in types(extract("Chile launched a new tourism website on Monday."))
    assert "ASSAULT" in types(extract("Russia launched a wave of attacks on the town."))


@pytest.mark.parametrize(("text", "etype"), [
    ("The Chilean teachers' union Colegio de Profesores called off a four-day strike.", "CONCEDE"),
    ("Chile lifted a state of emergency in the north.", "CONCEDE"),
    ("Chile handed over the weapons to the peacekeepers.", "RETREAT"),
    ("Ukraine exchanged four Russian captives for five Ukrainian soldiers on Friday.", "RETREAT"),
    ("Chile and Peru exchanged information on the border.", "COOPERATE"),
])
def test_events_object_decides_the_phrase(text: str, etype: str) -> None:
    assert types(extract(text))[:1] == [etype], [(e.type, e.trigger.text) for e in extract(text).events]


def test_events_no_promise_read_into_judgements_or_things() -> None:
    assert "AGREE" not in types(extract("Chile said Peru will be able to defend itself."))
    assert "AGREE" not in types(extract("Peru said the money was intended to help Chile."))
    assert "CONSULT" not in types(extract("Chile said its army is ready to meet the challenges of the war."))
    assert "CONCEDE" not in types(extract("Chile called a Russian strike on the port a crime."))
