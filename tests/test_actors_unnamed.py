"""Unnamed actors from a country word and a person noun (institutions.tsv kind ``person``), and the
country of well-known organisations (organizations.tsv ``country``)."""

from __future__ import annotations

import eventwire

PUBLISHED = "2025-12-06"


def actors(text: str) -> dict[str, tuple[str, str | None, str | None]]:
    rec = eventwire.extract(text, published=PUBLISHED)
    return {a.name: (a.kind, a.country, a.sector) for a in rec.actors}


def test_an_indefinite_person_noun_with_a_demonym_is_a_group_actor() -> None:
    assert actors("A senior Peruvian minister said the talks would resume.")["Peruvian minister"] == (
        "group", "PER", "GOV")
    assert actors("An Argentine judge ordered the arrest of John Doe.")["Argentine judge"] == ("group", "ARG", "JUD")
    assert actors("Swiss doctors treated the wounded.")["Swiss doctors"] == ("group", "CHE", "MED")


def test_the_event_source_is_the_unnamed_actor() -> None:
    rec = eventwire.extract("A Russian official accused Ukraine of shelling the plant.", published=PUBLISHED)
    names = {a.id: a.name for a in rec.actors}
    assert any(names[i] == "Russian official" for e in rec.events for i in e.actors)


def test_a_singular_and_its_plural_are_kept_apart() -> None:
    found = actors("A Chilean official said Chilean officials would meet on Monday.")
    assert found["Chilean official"][1] == "CHL" and found["Chilean officials"][1] == "CHL"


def test_a_person_noun_describing_a_named_person_makes_no_actor() -> None:
    for text in ("John Doe, a Peruvian minister, said the talks would resume.",
                 "Peruvian minister Jane Roe said the talks would resume.",
                 "John Doe is an Argentine judge.",
                 "A Palestinian activist and legal resident Jane Roe was arrested."):
        assert all(kind != "group" for kind, _, _ in actors(text).values()), text


def test_a_definite_singular_is_left_to_the_person_the_story_names() -> None:
    assert "Peruvian foreign minister" not in actors("The Peruvian foreign minister said the talks had failed.")


def test_a_person_noun_is_no_employer_in_a_role() -> None:
    assert actors("Jane Roe, the journalist's lawyer, said the case was closed.")["Jane Roe"][2] == "JUD"


def test_a_country_name_tagged_as_a_nationality_still_gives_the_country() -> None:
    assert actors("The Mozambique government accused rebels of attacking villages.")[
        "Mozambique government"][1:] == ("MOZ", "GOV")


def test_well_known_organisations_have_their_country() -> None:
    assert actors("Hezbollah fired rockets at a border post.")["Hezbollah"] == ("organization", "LBN", "REB")
    assert actors("The FBI arrested two men.")["Federal Bureau of Investigation"][1:] == ("USA", "COP")
    assert actors("Hamas fighters attacked a checkpoint.")["Hamas fighters"][1] == "PSE"


def test_transnational_groups_stay_without_a_country() -> None:
    found = actors("Fighters of ISIS attacked a checkpoint. The Islamic State later claimed the attack.")
    assert found["Islamic State"][1] is None
