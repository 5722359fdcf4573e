"""Bare descriptions as actors (resources/en/actors/descriptions.tsv) and pronouns for states,
organisations and groups (coref.py): invented sentences."""

from __future__ import annotations

import eventwire
from eventwire import record

PUBLISHED = "2025-12-06"


def extract(text: str) -> record.Record:
    return eventwire.extract(text, published=PUBLISHED)


def doers(rec: record.Record, trigger: str) -> list[str]:
    names = {a.id: a.name for a in rec.actors}
    return [names[i] for e in rec.events if e.trigger.text == trigger for i in e.actors]


def test_a_bare_agent_description_is_an_unnamed_actor() -> None:
    rec = extract("Police fired tear gas at the crowd in the square.")
    police = next(a for a in rec.actors if a.name == "Police")
    assert (police.kind, police.country, police.sector) == ("organization", None, "COP")
    assert doers(rec, "fired") == ["Police"]


def test_the_agent_of_a_passive_is_read_too() -> None:
    rec = extract("Two villagers were abducted by gunmen near the border.")
    assert any(a.name == "Gunmen" and a.sector == "REB" for a in rec.actors)


def test_a_definite_description_joins_the_one_actor_named_before() -> None:
    rec = extract("The Chadian army entered the town on Monday. The army shelled the market.")
    assert doers(rec, "shelled") == ["Chadian army"]
    assert [a.name for a in rec.actors] == ["Chadian army"]


def test_a_definite_description_with_two_candidates_is_left_out() -> None:
    rec = extract("The Nigerian army and the Chadian army met on Monday. The army shelled the market.")
    assert doers(rec, "shelled") == []


def test_descriptions_that_name_no_one_or_have_their_own_phrase_are_no_actor() -> None:
    for text in ("No court has ruled on the case.", "Forces from several countries shelled the town."):
        assert all(a.name not in {"Court", "Forces"} for a in extract(text).actors), text


def test_an_anaphor_joins_the_one_organisation_named_just_before() -> None:
    rec = extract("Hamas fired rockets at the town on Monday. The group also opposes the new border wall.")
    assert doers(rec, "opposes") == ["Hamas"]


def test_an_anaphor_without_an_organisation_before_it_is_no_actor() -> None:
    rec = extract("The group opposes the new border wall.")
    assert rec.actors == []


def test_it_as_subject_is_the_state_that_is_the_nearest_subject() -> None:
    rec = extract("Kenya closed two refugee camps last year. In March it deported 300 refugees.")
    assert doers(rec, "deported") == ["Kenya"]


def test_it_is_never_a_group_and_they_is_left_open() -> None:
    rec = extract("Chadian troops entered the town on Monday. On Tuesday it shelled the market.")
    assert doers(rec, "shelled") == []
    rec = extract("Chadian troops entered the town on Monday. On Tuesday they shelled the market.")
    troops = next(a for a in rec.actors if a.name == "Chadian troops")
    assert len(troops.mentions) == 1


def test_its_as_possessor_is_the_governing_subject() -> None:
    rec = extract("Kenya said on Monday that its police had deported 300 refugees.")
    kenya = next(a for a in rec.actors if a.name == "Kenya")
    assert len(kenya.mentions) == 2


def test_an_unnamed_description_lends_no_party_to_a_noun_its_verb_governs() -> None:
    rec = extract("A court revoked the house arrest of the editor on Monday.")
    assert any(a.name == "Court" for a in rec.actors) and doers(rec, "arrest") == []


def test_a_pronoun_whose_nearest_subject_is_no_actor_stays_open() -> None:
    rec = extract("Kenya signed the deal in May. The ship left port, and it struck a mine.")
    assert all(e.actors == [] for e in rec.events if e.trigger.text == "struck")
    rec = extract("Kenya signed the deal in May. It is unclear whether the deal will hold.")
    kenya = next(a for a in rec.actors if a.name == "Kenya")
    assert len(kenya.mentions) == 1


def test_their_is_not_resolved() -> None:  # the one acted on as often as the doer
    rec = extract("Chadian troops entered the town. Their expulsion of the residents began on Monday.")
    troops = next(a for a in rec.actors if a.name == "Chadian troops")
    assert len(troops.mentions) == 1


def test_a_clause_with_its_own_subject_borrows_no_actor() -> None:
    rec = extract("Chad detained the editor a week before the storm troopers invaded Nigeria.")
    invaded = next(e for e in rec.events if e.trigger.text == "invaded")
    assert invaded.actors == [] and doers(rec, "detained") == ["Chad"]
