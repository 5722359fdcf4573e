"""Name typing cues (eventwire.mention_cues) and span repairs (eventwire.mention_spans), on invented sentences."""

from __future__ import annotations

from spacy.language import Language

from eventwire.mentions import Mention, find_mentions


def typed(nlp: Language, text: str) -> dict[str, str]:
    ms: list[Mention] = find_mentions(nlp(text))
    return {m.text: m.type for m in ms}


def test_known_armed_group_tagged_person_is_an_organisation(nlp: Language) -> None:
    types = typed(nlp, "Villagers fled after Boko Haram fighters attacked the town of Dorsa.")
    assert types.get("Boko Haram") == "organization"


def test_news_outlet_told_is_an_organisation(nlp: Language) -> None:
    types = typed(nlp, '"We must act," Senator Hal Brenner told Politico on Monday.')
    assert types.get("Politico") != "person"


def test_lower_case_words_are_no_person(nlp: Language) -> None:
    types = typed(nlp, "Refugees arrived by train. Photograph: ed ram/The Daily Lantern")
    assert "ed ram" not in types


def test_word_with_a_digit_or_inner_capital_is_no_person(nlp: Language) -> None:
    types = typed(nlp, "The head of MI6, Richard Vantor, spoke on Saturday. Northrop Grumman and SpaceX bid.")
    assert types.get("MI6") != "person" and types.get("SpaceX") != "person"
    assert types.get("Richard Vantor") == "person"


def test_org_word_ending_a_name_makes_it_an_organisation(nlp: Language) -> None:
    types = typed(nlp, "Daniel Okoro, president of Brightwater Lin Sheng Company, said prices fell.")
    assert types.get("Brightwater Lin Sheng Company") == "organization"
    assert types.get("Daniel Okoro") == "person"


def test_apposition_with_that_makes_a_name_a_company(nlp: Language) -> None:
    types = typed(nlp, "Mr Garov also owns part of Bestrolservis, a construction investor that owns a depot.")
    assert types.get("Bestrolservis") != "person"


def test_feature_suffix_makes_a_place(nlp: Language) -> None:
    types = typed(nlp, "Coast guard ships blocked boats near Tamber Shoal and Second Halvard reef on Sunday.")
    assert types.get("Tamber Shoal") == "place"
    assert "person" not in {types.get("Second Halvard"), types.get("Halvard")}


def test_plural_demonym_and_community_are_no_person(nlp: Language) -> None:
    types = typed(nlp, "Hong Kongers are also among those relocating to Japan.")
    assert types.get("Hong Kongers") != "person"
    types = typed(nlp, "The fighters were members of the country's Alawite minority.")
    assert types.get("Alawite") != "person"


def test_make_of_a_weapon_is_no_person(nlp: Language) -> None:
    types = typed(nlp, "Germany will deliver 16 Kestrel bridge-layer tanks to the army.")
    assert types.get("Kestrel") != "person"


def test_title_in_quotes_is_no_person(nlp: Language) -> None:
    types = typed(nlp, 'Ms Doran, 33, asked why the book, "Siyasi Jaj" or "Political Analysis," was banned.')
    assert types.get("Siyasi Jaj") != "person"


def test_name_cut_at_a_particle_runs_on(nlp: Language) -> None:
    types = typed(nlp, "The head of the commission, Ursula von der Leyen, said she was appalled.")
    assert types.get("Ursula von der Leyen") == "person"


def test_given_name_left_out_after_a_title_is_taken_back(nlp: Language) -> None:
    types = typed(nlp, "The group, led by former NATO Secretary General Anders Fogh Rasmussen, met this week.")
    assert types.get("Anders Fogh Rasmussen") == "person"


def test_name_does_not_cross_a_line_break(nlp: Language) -> None:
    ms = find_mentions(nlp("By Jana Kowalska\nGENEVA, March 3 - Talks resumed on Monday."))
    assert all("\n" not in m.text for m in ms)


def test_relative_who_makes_a_place_named_word_a_person(nlp: Language) -> None:
    types = typed(nlp, "The champion beat Okafor easily. Later Durban, who turned 45 this week, said he was tired.")
    assert types.get("Durban") == "person"


def test_country_ending_a_titled_name_does_not_make_it_an_organisation(nlp: Language) -> None:
    types = typed(nlp, "Film director Neil Jordan defended the film. Jordan, who wrote it, said so.")
    assert types.get("Neil Jordan") == "person"


def test_rank_is_peeled_off_a_name(nlp: Language) -> None:
    types = typed(nlp, "Former army chief Lord Brantley said talks could start soon.")
    assert types.get("Brantley") == "person" and "Lord Brantley" not in types
