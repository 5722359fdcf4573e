"""One actor per real-world actor (eventwire.actor_merge), on sentences and names made up for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from eventwire.actor_merge import OrgNames, PersonNames, declared_acronyms
from eventwire.actors import build_actors
from eventwire.mentions import Mention, find_mentions
from eventwire.record import Actor


def actors_of(nlp: Language, text: str) -> list[Actor]:
    doc = nlp(text)
    return build_actors(doc, find_mentions(doc))


def people(actors: list[Actor]) -> dict[str, list[str]]:
    return {a.name: a.aliases for a in actors if a.kind == "person"}


def person(text: str, at: int = 0, kind: str = "person") -> Mention:
    return Mention(at, at + len(text), text, kind, 0, 1, None)  # type: ignore[arg-type]


def test_merge_transliteration_variants_are_one_key() -> None:
    owners = PersonNames.of_story([person("Dmytro Zaliznyy"), person("Dmytro Zalizniy", 40),
                                   person("Zaliznyi", 80), person("Yelena Brovkina", 90),
                                   person("Elena Brovkina", 120)])
    assert owners.of("Dmytro Zalizniy") == owners.of("Zaliznyi") == "Dmytro Zaliznyy"
    assert owners.of("Elena Brovkina") == "Yelena Brovkina"


def test_merge_arabic_article_and_diacritics() -> None:
    owners = PersonNames.of_story([person("Hamid al-Rashidi"), person("el-Rashidi", 30), person("Hámid Rashidi", 50)])
    assert owners.of("el-Rashidi") == owners.of("Hámid Rashidi") == "Hamid al-Rashidi"


def test_merge_shared_surname_with_different_first_names_stays_apart() -> None:
    owners = PersonNames.of_story([person("Petra Lindqvist"), person("Anton Lindqvist", 30), person("Lindqvist", 60)])
    assert owners.of("Petra Lindqvist") != owners.of("Anton Lindqvist")
    assert owners.of("Lindqvist") == "Lindqvist"  # ambiguous: joins neither


def test_merge_surname_made_ambiguous_by_a_name_typed_organisation() -> None:
    owners = PersonNames.of_story([person("Petra Lindqvist"), person("Anton Lindqvist", 30, "organization"),
                                   person("Lindqvist", 60)])
    assert owners.of("Lindqvist") == "Lindqvist"


def test_merge_middle_name_form_joins_the_longer_name() -> None:
    owners = PersonNames.of_story([person("Maria Luisa Fernwood"), person("Maria Fernwood", 30)])
    assert owners.of("Maria Fernwood") == "Maria Luisa Fernwood"


def test_merge_surname_in_a_possessive_before_the_full_name(nlp: Language) -> None:
    text = ("Kovrenko's office said on Monday that talks would resume. "
            "Defence Minister Oleh Kovrenko told reporters he expected progress.")
    assert people(actors_of(nlp, text)) == {"Oleh Kovrenko": ["Kovrenko"]}


def test_merge_shared_surname_people_stay_apart_in_a_story(nlp: Language) -> None:
    text = "Jana Ostrova met Pavel Ostrova in Prague. Ostrova said nothing."
    found = people(actors_of(nlp, text))
    assert "Jana Ostrova" in found and "Pavel Ostrova" in found
    assert "Ostrova" not in found["Jana Ostrova"] + found["Pavel Ostrova"]


def test_merge_also_known_as(nlp: Language) -> None:
    text = "Jana Kvetova, also known as Jana Ostra, told reporters the talks had failed."
    assert people(actors_of(nlp, text)) == {"Jana Kvetova": ["Jana Ostra"]}


@pytest.mark.parametrize(("text", "name", "alias"), [
    ("The Group of Seven (G7) met in Rome. The G7 said sanctions would stay.", "Group of Seven", "G7"),
    ("The Northern Shield Front (NSF) attacked a convoy. The NSF later claimed it.", "Northern Shield Front", "NSF"),
])
def test_merge_acronym_declared_in_the_text(nlp: Language, text: str, name: str, alias: str) -> None:
    orgs = {a.name: a.aliases for a in actors_of(nlp, text) if a.kind == "organization"}
    assert alias in orgs.get(name, []), orgs
    assert alias not in orgs


def test_merge_declared_acronym_needs_the_initial() -> None:
    text = "the Northern Shield Front (NSF) and Acme Mining (Zed)"
    mentions = [Mention(4, 25, "Northern Shield Front", "organization", 1, 4, None),
                Mention(36, 47, "Acme Mining", "organization", 7, 9, None)]
    assert declared_acronyms(text, mentions) == {"nsf": "Northern Shield Front"}


def test_merge_lexicon_short_forms_are_one_organisation() -> None:
    names = OrgNames()
    assert {names.canonical(t) for t in ("ISIS", "ISIL", "the Islamic State", "Daesh")} == {"Islamic State"}
    assert names.canonical("G-7") == "Group of Seven"
    assert names.canonical("Acme Mining") == "Acme Mining"


def test_merge_kiev_and_kyiv_are_one_place(nlp: Language) -> None:
    import eventwire

    rec = eventwire.extract("Officials in Kyiv said on Monday that the mayor of Kiev was safe.", published="2025-12-06")
    assert len({p.name for p in rec.places}) == 1


def test_merge_a_mistyped_copy_of_the_full_name_does_not_block_its_surname() -> None:
    owners = PersonNames.of_story([person("Petra Lindqvist"), person("Swedes Petra Lindqvist", 30, "organization"),
                                   person("Lindqvist", 60)])
    assert owners.of("Lindqvist") == "Petra Lindqvist"
