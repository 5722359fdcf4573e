"""Event parties beyond a trigger's own subject and objects (events/parties.py), on invented sentences."""

from __future__ import annotations

import eventwire
from eventwire.record import Event, Record


def extract(text: str) -> Record:
    return eventwire.extract(text, published="2025-12-06")


def names(rec: Record, ids: list[str]) -> set[str]:
    by_id = {a.id: a.name for a in rec.actors}
    return {by_id[i] for i in ids}


def first(rec: Record, etype: str) -> Event:
    return next(e for e in rec.events if e.type == etype)


def test_parties_willing_to_inherits_the_copula_subject() -> None:
    rec = extract("Norway is willing to withdraw its troops from Chad.")
    assert names(rec, first(rec, "CONCEDE").actors) == {"Norway"}  # an announced retreat


def test_parties_speakers_they_is_the_group_that_spoke() -> None:
    rec = extract("Chadian rebels said on Monday they would release two hostages.")
    e = first(rec, "CONCEDE")  # an announced release
    assert {a.country for a in rec.actors if a.id in e.actors} == {"TCD"}


def test_parties_a_persons_they_stays_open() -> None:
    rec = extract("Jane Roe said they would release two hostages.")
    assert first(rec, "CONCEDE").actors == []


def test_parties_request_recipient_is_the_that_clause_subject() -> None:
    rec = extract("Chile demanded on Monday that Peru withdraw its ambassador.")
    e = first(rec, "REQUEST")
    assert names(rec, e.actors) == {"Chile"} and names(rec, e.recipients) == {"Peru"}


def test_parties_object_of_phrase_is_the_target() -> None:
    rec = extract("Chadian troops shelled positions of the Sudanese army on Monday.")
    e = first(rec, "ASSAULT")
    assert {a.country for a in rec.actors if a.id in e.recipients} == {"SDN"}


def test_parties_event_noun_takes_its_verbs_indirect_object() -> None:
    rec = extract("Norway will give Chad a grant of 10 million dollars.")
    e = first(rec, "AGREE")  # aid promised
    assert names(rec, e.actors) == {"Norway"} and names(rec, e.recipients) == {"Chad"}


def test_parties_of_phrase_of_an_event_object_is_not_the_target() -> None:
    rec = extract("Norway condemned the occupation of Chad on Monday.")
    assert names(rec, first(rec, "ACCUSE").recipients) == set()


def test_parties_of_phrase_of_a_talks_object_is_no_party() -> None:
    rec = extract("Norway and Peru discussed the future of Chad on Monday.")
    assert "Chad" not in names(rec, first(rec, "CONSULT").actors)
