"""Behaviour of eventwire.quantities on sentences written for these tests, plus the resource EXAMPLE lines."""

from __future__ import annotations

import pytest
from spacy.language import Language

from eventwire.lexicon import read_table
from eventwire.quantities import QuantityMention, fatality_count, find_quantities

RESOURCES = ("numbers", "vague", "qualifiers", "non_counts", "people", "casualties")


def _one(nlp: Language, sentence: str, text: str) -> tuple[QuantityMention, bool]:
    doc = nlp(sentence)
    found = find_quantities(doc)
    matches = [q for q in found if q.text == text]
    assert matches, f"{text!r} not found in {[q.text for q in found]}"
    return matches[0], fatality_count(doc, matches[0])


@pytest.mark.parametrize(
    ("sentence", "text", "value", "qualifier", "unit"),
    [
        ("The army fired over 700 drones and missiles overnight.", "over 700 drones and missiles", 700, "over",
         "drones and missiles"),
        ("Nearly 4,000 troops massed at the border.", "Nearly 4,000 troops", 4000, "nearly", "troops"),
        ("About 1.5 million refugees crossed into the north.", "About 1.5 million refugees", 1_500_000, "about",
         "refugees"),
        ("A dozen soldiers guarded the bridge.", "A dozen soldiers", 12, None, "soldiers"),
        ("The patrol shot down two drones.", "two drones", 2, None, "drones"),
        ("Twenty-four sailors were rescued.", "Twenty-four sailors", 24, None, "sailors"),
        ("Two hundred and fifty families were moved.", "Two hundred and fifty families", 250, None, "families"),
        ("More than 100 soldiers surrendered.", "More than 100 soldiers", 100, "more than", "soldiers"),
        ("Some 300 protesters gathered downtown.", "Some 300 protesters", 300, "some", "protesters"),
        ("Roughly 60 tanks crossed the river.", "Roughly 60 tanks", 60, "about", "tanks"),
        ("Almost 90 ships were turned back.", "Almost 90 ships", 90, "almost", "ships"),
        ("Up to 10 fatalities were reported.", "Up to 10 fatalities", 10, "up to", "fatalities"),
        ("The ministry sent 1.5m rounds of ammunition.", "1.5m rounds", 1_500_000, None, "rounds"),
        ("Three armoured vehicles were destroyed.", "Three armoured vehicles", 3, None, "armoured vehicles"),
    ],
)
def test_quantities_number_qualifier_and_unit(nlp: Language, sentence: str, text: str, value: float,
                                              qualifier: str | None, unit: str) -> None:
    q, _ = _one(nlp, sentence, text)
    assert (q.value, q.qualifier, q.unit) == (value, qualifier, unit)


@pytest.mark.parametrize(
    ("sentence", "text", "value", "qualifier", "unit"),
    [
        ("The strikes left thousands of households without heating.", "thousands of households", 1000,
         "thousands", "households"),
        ("Tens of thousands of people fled the city.", "Tens of thousands of people", 10_000, "tens of thousands",
         "people"),
        ("Dozens of soldiers were captured.", "Dozens of soldiers", 12, "dozens", "soldiers"),
        ("Several hundred troops arrived by train.", "Several hundred troops", 100, "hundreds", "troops"),
        ("Hundreds of villagers sheltered in the school.", "Hundreds of villagers", 100, "hundreds", "villagers"),
    ],
)
def test_quantities_vague_plurals_keep_their_qualifier(nlp: Language, sentence: str, text: str, value: int,
                                                       qualifier: str, unit: str) -> None:
    q, _ = _one(nlp, sentence, text)
    assert (q.value, q.qualifier, q.unit) == (value, qualifier, unit)


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("Between 10 and 15 people were arrested.", "Between 10 and 15 people", 10),
        ("Officials said 20 to 30 houses burned.", "20 to 30 houses", 20),
    ],
)
def test_quantities_range_takes_lower_bound(nlp: Language, sentence: str, text: str, value: int) -> None:
    q, _ = _one(nlp, sentence, text)
    assert (q.value, q.qualifier) == (value, "between")


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("The shelling killed at least 50, officials said.", "at least 50"),
        ("Six were killed in the raid.", "Six"),
        ("Police arrested 40 overnight.", "40"),
        ("The death toll has risen to 31, medics said.", "31"),
    ],
)
def test_quantities_implied_people(nlp: Language, sentence: str, text: str) -> None:
    q, _ = _one(nlp, sentence, text)
    assert q.unit == "people"
    assert q.head == q.number


@pytest.mark.parametrize(
    ("sentence", "text", "fatal"),
    [
        ("The shelling killed at least 50, officials said.", "at least 50", True),
        ("At least five people were dead after the blast.", "At least five people", True),
        ("A death toll of 10 was confirmed by the hospital.", "10", True),
        ("Up to 10 fatalities were reported.", "Up to 10 fatalities", True),
        ("The bombing killed more than 100 soldiers.", "more than 100 soldiers", True),
        ("Dozens of people were killed in the fighting.", "Dozens of people", True),
        ("Twenty soldiers and 300 civilians died in the siege.", "300 civilians", True),
        ("The gunmen killed 12 villagers, leaving 30 people dead.", "30 people", True),
        ("The war has claimed 500 lives.", "500 lives", True),
        ("The toll stood at 25 on Monday.", "25", True),
        ("The number of dead rose to 8.", "8", True),
        ("One of the soldiers was killed.", "One of the soldiers", True),
        ("50 gunmen killed three police officers.", "50 gunmen", False),
        ("The blast left at least 10 dead and 40 wounded.", "40", False),
        ("A dozen soldiers were wounded by two drones.", "A dozen soldiers", False),
        ("The storm killed 40 cattle.", "40 cattle", False),
        ("Police arrested 40 overnight.", "40", False),
    ],
)
def test_quantities_fatality_count(nlp: Language, sentence: str, text: str, fatal: bool) -> None:
    _, is_fatal = _one(nlp, sentence, text)
    assert is_fatal is fatal


@pytest.mark.parametrize(
    "sentence",
    [
        "The war began in 2022.",
        "The talks opened on Feb. 18 in the capital.",
        "The vote is set for 18 February.",
        "The session resumed at 10 a.m. local time.",
        "Donors pledged $28 billion for reconstruction.",
        "Donors pledged 28 billion dollars for reconstruction.",
        "Prices rose 200% in a year.",
        "Turnout fell 12 percent.",
        "He was the first of the envoys to arrive.",
        "A 42-year-old man was detained.",
        "The five-hour meeting ended without a deal.",
        "Negotiators spent five hours at the table.",
        "The convoy drove 300 kilometres north.",
        "Flight 17 was diverted.",
        "The 10,000-strong force withdrew.",
        "The COVID-19 rules were lifted.",
        "Article 5 of the treaty was invoked.",
        "The vote was held on 10 May.",
        "Rates saw a 1.25 percentage point increase.",
        "Patients with type 2 diabetes were treated.",
        "He made one argument against the plan.",
        "It was one of the most harrowing conflicts of the decade.",
    ],
)
def test_quantities_non_counts_are_skipped(nlp: Language, sentence: str) -> None:
    assert find_quantities(nlp(sentence)) == []


def test_quantities_span_matches_text(nlp: Language) -> None:
    doc = nlp("Overnight, the army fired over 700 drones and missiles and about 40 shells at 3 towns.")
    found = find_quantities(doc)
    assert [q.text for q in found] == ["over 700 drones and missiles", "about 40 shells", "3 towns"]
    for q in found:
        assert doc.text[q.start : q.end] == q.text
        assert doc[q.number].idx >= q.start
        assert q.start <= doc[q.head].idx < q.end


def test_quantities_head_attaches_to_verb(nlp: Language) -> None:
    doc = nlp("The army fired over 700 drones and missiles.")
    (q,) = find_quantities(doc)
    assert doc[q.head].head.lemma_ == "fire"
    assert doc[q.number].text == "700"


def _examples(name: str) -> list[tuple[str, str]]:
    return [(name, e.text) for e in read_table(f"quantities/{name}.tsv").examples]


EXAMPLES = [row for name in RESOURCES for row in _examples(name)]


@pytest.mark.parametrize(("name", "example"), EXAMPLES, ids=[f"{n}:{e[:40]}" for n, e in EXAMPLES])
def test_quantities_resource_examples(nlp: Language, name: str, example: str) -> None:
    """``sentence | expression [| value [| qualifier]]``, ``sentence | expression | unit | [not ]fatality``,
    or ``sentence | -`` for a sentence with no count."""
    sentence, *expected = [part.strip() for part in example.split("|")]
    doc = nlp(sentence)
    found = find_quantities(doc)
    if expected == ["-"]:
        assert found == []
        return
    q, fatal = _one(nlp, sentence, expected[0])
    for field in expected[1:]:
        if field.endswith("fatality"):
            assert fatal is (not field.startswith("not")), example
        elif field.replace(".", "", 1).isdigit():
            assert q.value == float(field), example
        else:
            assert field in {q.qualifier, q.unit}, example


def test_quantities_every_resource_has_format_and_example() -> None:
    for name in RESOURCES:
        assert read_table(f"quantities/{name}.tsv").examples, name  # the reader requires the FORMAT line
