"""Country and sector decided once from evidence (``eventwire.affiliation``), on sentences written for these tests.

Every name here is made up; the KB rules run on a small fixture file, never on the shipped people.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
from spacy.language import Language

from eventwire import kb
from eventwire.actors import build_actors
from eventwire.affiliation import Candidate, decide
from eventwire.mentions import find_mentions
from eventwire.record import Actor

SCHEMA = json.loads((Path(__file__).parents[1] / "schema" / "eventwire-1.json").read_text(encoding="utf-8"))
ON = dt.date(2025, 12, 6)


def actors_of(nlp: Language, text: str) -> list[Actor]:
    doc = nlp(text)
    return build_actors(doc, find_mentions(doc), on=ON)


def person(nlp: Language, text: str, name: str) -> Actor:
    found = [a for a in actors_of(nlp, text) if a.name == name]
    assert found, f"no actor {name!r}"
    return found[0]


def chosen(actor: Actor) -> set[tuple[str, str, str]]:
    return {(e.field, e.value, e.source) for e in actor.evidence if e.chosen}


@pytest.mark.parametrize(("text", "name", "country", "source"), [
    ("Chilean President Laura Fenwick arrived in Geneva.", "Laura Fenwick", "CHL", "demonym"),
    ("Peter Hallworth, Kyiv's ambassador, said the talks would resume.", "Peter Hallworth", "UKR", "metonymy"),
    ("Laura Fenwick of the Kremlin said the talks had failed.", "Laura Fenwick", "RUS", "employer"),
    ("Kyiv's negotiators, among them Peter Hallworth, arrived in Geneva on Monday.", "Peter Hallworth", "UKR",
     "frame"),
    ("A Chilean delegation led by Laura Fenwick arrived in Geneva.", "Laura Fenwick", "CHL", "frame"),
    ("On the Ukrainian side, adviser Peter Hallworth wrote that the deal was close.", "Peter Hallworth", "UKR",
     "frame"),
    ("Moscow sent Peter Hallworth, its intelligence chief, to the talks.", "Peter Hallworth", "RUS", "apposition"),
    ("Chilean President Laura Fenwick arrived in Geneva. Fenwick's son-in-law, Peter Hallworth, joined her.",
     "Peter Hallworth", "CHL", "kinship"),
    ("British Deputy U.N. Ambassador Laura Fenwick spoke.", "Laura Fenwick", "GBR", "demonym"),
    ("U.N. envoy Laura Fenwick spoke.", "Laura Fenwick", "IGO", "role"),
])
def test_affiliation_each_source(nlp: Language, text: str, name: str, country: str, source: str) -> None:
    actor = person(nlp, text, name)
    assert actor.country == country
    assert ("country", country, source) in chosen(actor)


def test_affiliation_topic_of_an_envoy_is_not_the_envoys_country(nlp: Language) -> None:
    actor = person(nlp, "Peter Hallworth, the Ukrainian envoy to Russia, said the talks had failed.", "Peter Hallworth")
    assert actor.country == "UKR"
    assert all(e.value != "RUS" for e in actor.evidence)


def test_affiliation_home_town_is_not_an_employer(nlp: Language) -> None:
    assert person(nlp, "Peter Hallworth of Plymouth was detained.", "Peter Hallworth").country is None


def test_affiliation_an_organisation_about_a_state_is_not_its_employer(nlp: Language) -> None:
    actor = person(nlp, "Peter Hallworth of the Inter-Parliamentary Alliance on China spoke.", "Peter Hallworth")
    assert actor.country is None


def test_affiliation_think_tank_named_after_a_capital_gives_no_country(nlp: Language) -> None:
    text = "Peter Hallworth, an analyst at the Vienna Center for Disarmament, said the talks had failed."
    assert person(nlp, text, "Peter Hallworth").country is None


def test_affiliation_think_tank_analyst_stays_null(nlp: Language) -> None:
    actor = person(nlp, "Jane Smith, an analyst at the Carnegie Endowment, said the talks had failed.", "Jane Smith")
    assert actor.country is None
    assert actor.sector == "EDU"


def test_affiliation_conflict_of_equals_leaves_null(nlp: Language) -> None:
    text = "Russian envoy Peter Hallworth met the press. Hallworth, a Ukrainian diplomat, said no."
    actor = person(nlp, text, "Peter Hallworth")
    assert actor.country is None
    values = {e.value for e in actor.evidence if e.field == "country"}
    assert {"RUS", "UKR"} <= values
    assert not any(e.chosen for e in actor.evidence if e.field == "country")


def test_decide_stronger_and_nearer_win() -> None:
    weak = Candidate("country", "RUS", "possessive", (0, 3), 2, 5)
    strong = Candidate("country", "UKR", "role", (10, 13), 5, 40)
    assert decide([weak, strong], "country") == "UKR" and strong.chosen and not weak.chosen
    near = Candidate("country", "CHL", "frame", (0, 3), 3, 2)
    far = Candidate("country", "PER", "frame", (90, 93), 3, 80)
    assert decide([near, far], "country") == "CHL"
    tie = Candidate("country", "PER", "frame", (10, 13), 3, 3)
    assert decide([near, tie], "country") is None


def test_decide_kb_only_without_contrary_story_evidence() -> None:
    known = Candidate("country", "CHL", "kb", None, 1)
    assert decide([known], "country") == "CHL" and known.chosen
    hint = Candidate("country", "PER", "frame", (0, 3), 2, 10)
    assert decide([known, hint], "country") is None  # a hint against the KB: nothing
    role = Candidate("country", "PER", "role", (0, 3), 5, 0)
    assert decide([known, role], "country") == "PER" and not known.chosen


KB_ROWS = [
    # name key variants surname country role class since field profiles
    ("Orrin Bede Quastel", "orin bede quastel", "orin quastel", "quastel", "CHL", "President", "head_of_state",
     "2022-03-11",
     "executive branch: chief of state", "CI"),
    ("Anna Quastel", "ana quastel", "", "quastel", "PER", "ambassador", "ambassador", "2024",
     "diplomatic representation in the us: chief of mission", "PE"),
    ("Marek Tollund", "marek tolund", "", "tolund", "PER", "Prime Minister", "head_of_government", "2030-01-01",
     "executive branch: head of government", "PE"),
    ("Ines Varkoly", "ines varkoly", "", "varkoly", "HUN", "President", "head_of_state", "2020-05-01",
     "executive branch: chief of state", "HU"),
    ("Tomas Brennik", "tomas brenik", "", "brenik", "SVN", "president", "head_of_state", "2019",
     "executive branch: chief of state", "SI"),
    ("Tomas Brennik", "tomas brenik", "", "brenik", "SVN", "candidate", "candidate", "2019",
     "executive branch: election results", "SI"),
    ("Tomas Brennik", "tomas brenik", "", "brenik", "AND", "co-prince", "head_of_state", "2019",
     "executive branch: chief of state", "AN"),
    ("Ida Sorvik", "ida sorvik", "", "sorvik", "NOR", "ambassador", "ambassador", "2024",
     "diplomatic representation in the us: chief of mission", "NO"),
    ("Ida Sorvik", "ida sorvik", "", "sorvik", "SWE", "ambassador", "ambassador", "2024",
     "diplomatic representation in the us: chief of mission", "SW"),
]


@pytest.fixture
def small_kb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> kb.KB:
    header = "# FORMAT: " + "<TAB>".join(
        ["name", "key", "variants?", "surname", "country", "role?", "class", "since?", "field", "profiles"])
    path = tmp_path / "people.tsv"
    path.write_text(header + "\n" + "\n".join("\t".join(r) for r in KB_ROWS) + "\n", encoding="utf-8")
    people = kb.KB.load(path)
    monkeypatch.setattr(kb, "default_kb", lambda: people)
    return people


def test_affiliation_kb_full_name(nlp: Language, small_kb: kb.KB) -> None:
    actor = person(nlp, "Orrin Bede Quastel said the talks had failed.", "Orrin Bede Quastel")
    assert actor.country == "CHL"
    assert chosen(actor) == {("country", "CHL", "kb")}
    # a short variant of the name needs the office's title too, unless the KB has one person of that surname
    assert person(nlp, "Orrin Quastel said the talks had failed.", "Orrin Quastel").country is None
    assert person(nlp, "President Orrin Quastel said the talks had failed.", "Orrin Quastel").country == "CHL"


def test_affiliation_kb_surname_with_role_word(nlp: Language, small_kb: kb.KB) -> None:
    assert person(nlp, "President Quastel said the talks had failed.", "Quastel").country == "CHL"
    # a different first name is a different person; the office is not held yet on the story's date
    assert person(nlp, "President Tom Quastel said the talks had failed.", "Tom Quastel").country is None
    assert person(nlp, "Prime Minister Tollund said the talks had failed.", "Tollund").country is None


def test_affiliation_kb_gives_way_to_the_story_and_ambiguity(nlp: Language, small_kb: kb.KB) -> None:
    actor = person(nlp, "Peruvian President Orrin Quastel said the talks had failed.", "Orrin Quastel")
    assert actor.country == "PER"
    assert ("country", "CHL", "kb") in {(e.field, e.value, e.source) for e in actor.evidence}
    assert person(nlp, "Ida Sorvik said the talks had failed.", "Ida Sorvik").country is None  # two countries


def test_affiliation_evidence_in_json_validates(nlp: Language) -> None:
    import eventwire

    rec = eventwire.extract("Laura Fenwick of the Kremlin said the talks had failed.", published="2025-12-06")
    data = rec.to_dict()
    jsonschema.validate(data, SCHEMA)
    actor = next(a for a in data["actors"] if a["name"] == "Laura Fenwick")
    assert actor["evidence"] == [
        {"field": "country", "value": "RUS", "source": "employer", "span": [21, 28], "chosen": True}]


def test_affiliation_kb_not_for_a_namesake_in_another_sector(nlp: Language, small_kb: kb.KB) -> None:
    actor = person(nlp, "Orrin Quastel, a lawyer, said the evidence was circumstantial.", "Orrin Quastel")
    assert actor.country is None
    assert all(e.source != "kb" for e in actor.evidence)


def test_affiliation_kb_bare_surname_of_a_sitting_head_needs_the_country_in_the_story(
        nlp: Language, small_kb: kb.KB) -> None:
    text = "Last week, Varkoly ordered her generals to advance."
    assert person(nlp, "Mrs. Varkoly said Hungary would not stop.", "Varkoly").country == "HUN"
    assert person(nlp, text + " Hungary said it would not stop.", "Varkoly").country == "HUN"
    assert person(nlp, text, "Varkoly").country is None
    # two people of that surname in the KB: nothing
    assert person(nlp, "Last week, Quastel ordered his generals to advance. Chile said.", "Quastel").country is None


@pytest.mark.parametrize(("text", "name", "country"), [
    # a title phrase completed by its own complement, then the name
    ("Peru's permanent representative to the United Nations, Laura Fenwick, said Lima would act.", "Laura Fenwick",
     "PER"),
    ("Lavrov spoke with the Chilean minister of state, Laura Fenwick, who attended.", "Laura Fenwick", "CHL"),
    ("The head of Ukraine's railways company, Peter Hallworth, said it was the heaviest assault.", "Peter Hallworth",
     "UKR"),
    # a plural title shared by a coordination, also after a dash
    ("The Peruvian senators Laura Fenwick and Peter Hallworth visited Kyiv.", "Peter Hallworth", "PER"),
    ("Three members of the Chilean Senate — Laura Fenwick, Ann Roe and Peter Hallworth — wrote.", "Peter Hallworth",
     "CHL"),
    # a lower-case noun the tagger calls a proper noun stays inside the title
    ("The Russian defence ministry spokesperson Peter Hallworth said it was planned.", "Peter Hallworth", "RUS"),
    # an official serves the state of the region or town the title names
    ("Peter Hallworth, the governor of the Kherson region, said.", "Peter Hallworth", "UKR"),
    ("Texas Governor Peter Hallworth said the border was closed.", "Peter Hallworth", "USA"),
    # a seat of power opening an organisation's name
    ("Peter Hallworth, director of the White House Economic Council, spoke.", "Peter Hallworth", "USA"),
    # a residence stated with "of" and a town one country owns
    ("Senator Peter Hallworth of Arkansas opposed the package.", "Peter Hallworth", "USA"),
    # a nationality on any noun describing the person: apposition, preposed, predicate, "from"
    ("Peter Hallworth, a Chilean student attending college in Ohio, said he missed home.", "Peter Hallworth", "CHL"),
    ("One of the pioneers is a Peruvian internet celebrity, Peter Hallworth, known for his videos.", "Peter Hallworth",
     "PER"),
    ("Peter Hallworth is a Chilean businessman in Austria who repairs cars.", "Peter Hallworth", "CHL"),
    ("Laura Fenwick, a 41-year-old beautician from Zimbabwe, is living with the disease.", "Laura Fenwick", "ZWE"),
])
def test_affiliation_more_role_shapes(nlp: Language, text: str, name: str, country: str) -> None:
    assert person(nlp, text, name).country == country


@pytest.mark.parametrize(("text", "name"), [
    ("After a call with the president of Chile, Laura Fenwick said she was hopeful.", "Laura Fenwick"),
    ("President Laura Fenwick of Chile and Peter Hallworth met.", "Peter Hallworth"),  # a singular title: one person
    ("Laura Fenwick, the Mexican-American woman who was sentenced, spoke.", "Laura Fenwick"),  # a heritage
    ("Laura Fenwick, a professor at the Center for Security Studies in Hawaii, said.", "Laura Fenwick"),
    ("Ardern called Laura Fenwick from Brussels on Thursday.", "Laura Fenwick"),
    ("Peter Hallworth, a lecturer of Istanbul's Koc University, said.", "Peter Hallworth"),
    ("Peter Hallworth is not a Chilean citizen.", "Peter Hallworth"),
    ("Acme, controlled by the Moscow-born Peter Hallworth, caters to Russian oligarchs.", "Peter Hallworth"),
    ("In a message posted to the official Chilean channel, Peter Hallworth said he was safe.", "Peter Hallworth"),
    ("Three days later, Laura Fenwick, a Russian ally, met the president.", "Laura Fenwick"),
])
def test_affiliation_more_role_shapes_that_give_no_country(nlp: Language, text: str, name: str) -> None:
    assert person(nlp, text, name).country is None


def test_affiliation_anaphoric_titles_take_the_one_country_named_just_before(nlp: Language) -> None:
    assert person(nlp, "Peru held elections on Sunday. The country's defence minister, Jane Doe, resigned.",
                  "Jane Doe").country == "PER"
    assert person(nlp, "Attacks in the Kherson region killed 21 civilians, the regional governor, Jane Doe, said.",
                  "Jane Doe").country == "UKR"
    assert person(nlp, "Peru and Chile signed a deal. The country's defence minister, Jane Doe, objected.",
                  "Jane Doe").country is None


def test_affiliation_an_organisations_country_from_the_lexicon(nlp: Language) -> None:
    assert person(nlp, "The head of MI6, Jane Doe, spoke on Saturday.", "Jane Doe").country == "GBR"


def test_affiliation_kb_an_ex_officio_second_office_does_not_hide_the_elected_one(
        nlp: Language, small_kb: kb.KB) -> None:
    assert person(nlp, "Tomas Brennik said the talks would go on.", "Tomas Brennik").country == "SVN"
