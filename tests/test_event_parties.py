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


def test_parties_a_weapon_subject_stands_for_its_owner() -> None:
    rec = extract("Chad closed its border on Monday. Chadian missiles hit a depot in Abeche on Tuesday.")
    e = next(e for e in rec.events if e.type == "ASSAULT")
    assert names(rec, e.actors) == {"Chad"}


def test_parties_a_passive_agent_weapon_is_the_actor() -> None:
    rec = extract("Chile protested on Monday. Two depots were hit by Chilean drones on Tuesday.")
    assert names(rec, first(rec, "ASSAULT").actors) == {"Chile"}


def test_parties_a_weapon_without_a_named_owner_gives_no_actor() -> None:
    rec = extract("Two depots were hit by missiles on Tuesday.")
    assert first(rec, "ASSAULT").actors == []


def test_parties_a_demonym_on_an_event_noun_is_the_state() -> None:
    rec = extract("Peru denied the claim. A Peruvian airstrike hit a bridge near the border on Monday.")
    assert "Peru" in names(rec, first(rec, "ASSAULT").actors)


def test_parties_a_demonym_on_a_protest_is_no_state() -> None:
    rec = extract("Peru denied the claim. Peruvian protests spread to the capital on Monday.")
    assert not any(e.actors for e in rec.events if e.type == "PROTEST")


def test_parties_the_event_in_the_subject_is_the_doer() -> None:
    rec = extract("Norway denied the claim. A Norwegian strike killed five people near the port on Monday.")
    assert all(names(rec, e.actors) == {"Norway"} for e in rec.events if e.type == "ASSAULT")


def test_parties_a_passive_act_in_an_event_takes_its_actors() -> None:
    rec = extract("Norway denied the claim. Five people were killed in a Norwegian airstrike on Monday.")
    assert all(names(rec, e.actors) == {"Norway"} for e in rec.events if e.type == "ASSAULT")


def test_parties_relative_pronoun_subject_is_the_antecedent() -> None:
    rec = extract("Chadian troops, who shelled the town on Monday, withdrew on Tuesday.")
    e = first(rec, "ASSAULT")
    assert {a.country for a in rec.actors if a.id in e.actors} == {"TCD"}


def test_parties_relative_clause_with_its_own_subject_keeps_it() -> None:
    rec = extract("Chad praised the town that Sudan attacked on Monday.")
    assert names(rec, first(rec, "ASSAULT").actors) == {"Sudan"}


def test_parties_hosted_visit_separates_guest_and_host() -> None:
    rec = extract("Chilean President Jane Roe hosted Peruvian President John Doe in Santiago on Monday.")
    e = first(rec, "CONSULT")
    assert names(rec, e.actors) == {"John Doe"} and names(rec, e.recipients) == {"Jane Roe"}


def test_parties_hosted_talks_stay_reciprocal() -> None:
    rec = extract("Norway hosted talks between Chile and Peru on Monday.")
    assert first(rec, "CONSULT").recipients == []


def test_parties_a_definite_event_in_the_next_sentence_keeps_its_doer() -> None:
    rec = extract("Chadian troops fired 40 rockets at the town overnight. The barrage hit a school near the market.")
    troops = {a.id for a in rec.actors if a.country == "TCD"}
    assert troops and all(set(e.actors) == troops for e in rec.events if e.type == "ASSAULT")


def test_parties_the_party_behind_a_rejected_proposal_is_the_recipient() -> None:
    rec = extract("Peru rejected a Chilean proposal for a trade deal on Monday. Chile said it would wait.")
    e = first(rec, "REJECT")
    assert names(rec, e.actors) == {"Peru"} and names(rec, e.recipients) == {"Chile"}


def test_parties_calls_by_someone_make_him_the_recipient() -> None:
    rec = extract("Peru rejected calls by Jane Roe to adopt reforms.")
    assert names(rec, first(rec, "REJECT").recipients) == {"Jane Roe"}


def test_parties_a_demonym_on_an_attacks_object_is_no_recipient() -> None:
    rec = extract("Peru denied it. Chile shelled a Peruvian village on Monday.")
    assert first(rec, "ASSAULT").recipients == []


def test_parties_to_phrase_of_an_aid_noun_is_the_recipient() -> None:
    rec = extract("Norway announced on Monday more military aid to the Chadian army.")
    e = first(rec, "AID")
    assert {a.country for a in rec.actors if a.id in e.recipients} == {"TCD"}


def test_parties_a_target_phrase_on_an_infinitives_object() -> None:
    rec = extract("Azerbaijan threatened on Monday to cut ties with Armenia.")
    e = first(rec, "THREATEN")
    assert names(rec, e.actors) == {"Azerbaijan"} and names(rec, e.recipients) == {"Armenia"}


def test_parties_the_object_of_urged_does_the_infinitive() -> None:
    rec = extract("Norway urged Chad to withdraw its troops from the border.")
    assert names(rec, first(rec, "RETREAT").actors) == {"Chad"}


def test_parties_a_promise_to_someone_keeps_the_subject_as_doer() -> None:
    rec = extract("Chad promised Norway to withdraw its troops from the border.")
    # an announced withdrawal is a CONCEDE (PLOVER: never a type plus "future")
    assert names(rec, first(rec, "CONCEDE").actors) == {"Chad"}


def test_parties_a_definite_demonym_mention_brings_no_second_doer() -> None:
    rec = extract("Chadian troops attacked a village near Abeche on Monday. "
                  "Sudan denied any role in the Sudanese attack.")
    sudan = {a.id for a in rec.actors if a.name == "Sudan"}
    assert sudan and not any(sudan & set(e.actors) for e in rec.events if e.type == "ASSAULT")


def test_parties_hosting_refugees_is_no_visit() -> None:
    rec = extract("Norway is hosting 20,000 Chadian refugees.")
    assert all(not e.recipients for e in rec.events if e.type == "CONSULT")


def test_parties_the_possessor_of_an_arrest_or_trial_undergoes_it() -> None:
    rec = extract("Chadian police confirmed Jane Doe's arrest.")
    assert names(rec, first(rec, "COERCE").recipients) == {"Jane Doe"}
    assert not first(rec, "COERCE").actors


def test_parties_with_an_of_phrase_the_possessor_does_it() -> None:
    rec = extract("Chad's release of the prisoners was welcomed.")
    assert names(rec, first(rec, "RETREAT").actors) == {"Chad"}


def test_parties_the_subject_of_face_or_await_undergoes_the_event() -> None:
    rec = extract("Jane Doe faces sanctions imposed by Chad.")
    assert names(rec, first(rec, "SANCTION").recipients) == {"Jane Doe"}
    assert "Jane Doe" not in names(rec, first(rec, "SANCTION").actors)


def test_parties_stand_accused_makes_the_subject_the_accused() -> None:
    rec = extract("Two Chadian soldiers stand accused of the 2004 bombing.")
    accuse = first(rec, "ACCUSE")
    assert names(rec, accuse.recipients) == {"Chadian soldiers"} and not accuse.actors
