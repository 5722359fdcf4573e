"""Typing of names: person, organisation, state, place, demonym (model mislabels fixed by rules)."""

from __future__ import annotations

import pytest
from spacy.language import Language

import eventwire
from eventwire.mentions import Mention, find_mentions, name_key


def typed(nlp: Language, text: str) -> dict[str, str]:
    ms: list[Mention] = find_mentions(nlp(text))
    return {m.text: m.type for m in ms}


def test_mentions_bare_surname_is_the_person(nlp: Language) -> None:
    types = typed(nlp, "Senator Robert Kowalczyk spoke on Monday. Critics said Kowalczyk was wrong.")
    assert types["Kowalczyk"] == "person"


def test_mentions_subject_capital_is_state(nlp: Language) -> None:
    types = typed(nlp, "Beijing warned Taipei against the move.")
    assert types["Beijing"] == "state"


def test_mentions_capital_after_in_is_place(nlp: Language) -> None:
    types = typed(nlp, "Protesters gathered in Nairobi on Sunday.")
    assert types["Nairobi"] == "place"


def test_mentions_demonym_is_typed_with_country(nlp: Language) -> None:
    ms = find_mentions(nlp("Nigerian soldiers patrolled the area."))
    dem = [m for m in ms if m.type == "demonym"]
    assert dem and dem[0].country == "NGA"


def test_mentions_org_described_as_group_is_organization(nlp: Language) -> None:
    types = typed(nlp, "The militant group Harakat Zed claimed the attack.")
    assert types.get("Harakat Zed") == "organization"


def test_mentions_name_key_normalises_apostrophes_and_article() -> None:
    assert name_key("al-Rufay’i") == name_key("Rufay'i")


def test_mentions_igo_abbreviation_is_an_organisation_not_a_town(nlp: Language) -> None:
    ms = [m for m in find_mentions(nlp("Exports to other E.U. countries fell sharply.")) if "E.U." in m.text]
    assert ms and ms[0].type == "organization" and ms[0].country == "IGO"


def test_mentions_untagged_gazetteer_name_in_place_slot_is_a_place(nlp: Language) -> None:
    types = typed(nlp, "Gunmen stormed a hotel in the Somali city of Afgooye on Tuesday.")
    assert types.get("Afgooye") == "place"


@pytest.mark.parametrize("city", ["Bosaso", "Hargeisa", "Borama"])
def test_mentions_city_in_a_place_slot_is_a_place_whatever_the_model_says(nlp: Language, city: str) -> None:
    types = typed(nlp, f"Gunmen stormed a hotel in the Somali city of {city} on Tuesday.")
    assert types.get(city) == "place"


def test_mentions_company_named_after_a_country_does_not_make_the_country_a_person(nlp: Language) -> None:
    ms = find_mentions(nlp("Acme Russia cut ties with its parent. Russia said the move was illegal."))
    assert all(m.type != "person" for m in ms if m.text == "Russia")


def test_mentions_middle_name_of_a_long_name_is_a_surname(nlp: Language) -> None:
    types = typed(nlp, "Spanish diplomat Josep Ferrer Puigdollers spoke first. Later Ferrer agreed.")
    assert types.get("Ferrer") == "person"


def test_mentions_given_name_makes_an_org_tagged_name_a_person(nlp: Language) -> None:
    ms = {m.text: m for m in find_mentions(nlp("Volodymyr Kovalchuk, the deputy mayor, said the road was closed."))}
    assert ms["Volodymyr Kovalchuk"].type == "person"
    assert any("given name" in e for e in ms["Volodymyr Kovalchuk"].evidence)


def test_mentions_given_name_does_not_make_a_company_a_person(nlp: Language) -> None:
    types = typed(nlp, "Shares of Roosevelt Financial Group rose on Monday.")
    assert types.get("Roosevelt Financial Group") != "person"


def test_mentions_word_before_oblast_or_region_is_a_place(nlp: Language) -> None:
    assert typed(nlp, "Troops advanced in Zaporizhzhia Oblast on Monday.").get("Zaporizhzhia Oblast") == "place"
    assert typed(nlp, "Shelling hit villages in the Kharkiv region overnight.").get("Kharkiv") == "place"


def test_mentions_place_once_is_a_place_everywhere(nlp: Language) -> None:
    ms = find_mentions(nlp("Fighting was reported near Tavildara. Tavildara was quiet on Sunday, said officials."))
    assert [m.type for m in ms if m.text == "Tavildara"] == ["place", "place"]


def test_mentions_titled_single_name_is_a_person_everywhere(nlp: Language) -> None:
    types = typed(nlp, "President Wang arrived on Monday. Wang met the delegation and Wang left.")
    assert types["Wang"] == "person"


def test_mentions_dateline_in_capitals_is_a_place(nlp: Language) -> None:
    types = typed(nlp, "BONN 1996-08-30\nThe committee met on Friday.")
    assert types.get("BONN") == "place"


def test_mentions_given_names_file_is_the_scripts_output(tmp_path) -> None:
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    source = root / "src" / "eventwire" / "resources" / "en" / "kb" / "people.tsv"
    if not source.is_file():
        pytest.skip(f"{source} is absent")
    out = tmp_path / "given_names.txt"
    subprocess.run([sys.executable, str(root / "scripts" / "build_given_names.py"), "--out", str(out)],
                   check=True, capture_output=True)
    shipped = root / "src" / "eventwire" / "resources" / "en" / "mentions" / "given_names.txt"
    assert out.read_text(encoding="utf-8") == shipped.read_text(encoding="utf-8"), (
        "rebuild: python scripts/build_given_names.py")


def test_mentions_a_score_swallowed_by_the_model_is_not_part_of_the_name():
    rec = eventwire.extract("Northshire 312 ( B. Quellton 88 , T. Marrow 41 ) beat Westdale .", clean=False)
    names = {a.name for a in rec.actors if a.kind == "person"}
    assert "B. Quellton" in names and not any(any(c.isdigit() for c in n) for n in names)


def test_mentions_an_age_in_commas_makes_a_single_name_a_person_everywhere():
    rec = eventwire.extract("Police detained Quarrin on Friday . Quarrin , 45 , was sentenced last month .",
                            clean=False)
    assert [(a.name, a.kind) for a in rec.actors if a.name == "Quarrin"] == [("Quarrin", "person")]
