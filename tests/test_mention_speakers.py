"""A name the model missed that is the subject of a speech verb is a person (``mention_speakers``)."""

from __future__ import annotations

import eventwire


def _people_and_speakers(text: str) -> tuple[dict[str, str], list[str | None]]:
    rec = eventwire.extract(text, clean=False)
    names = {a.id: a.name for a in rec.actors}
    return {a.name: a.kind for a in rec.actors}, [names.get(s.speaker) if s.speaker else None for s in rec.statements]


def test_mention_speakers_untagged_name_after_a_quote_is_the_speaker() -> None:
    kinds, speakers = _people_and_speakers('"This is completely false," Vassily Nebrenzia told the council.')
    assert kinds.get("Vassily Nebrenzia") == "person"
    assert speakers == ["Vassily Nebrenzia"]


def test_mention_speakers_name_with_a_title_apposition_is_the_speaker() -> None:
    kinds, speakers = _people_and_speakers(
        '"So far, it is calm," Imrat Hayder, the railway superintendent, told reporters.')
    assert kinds.get("Imrat Hayder") == "person"
    assert speakers == ["Imrat Hayder"]


def test_mention_speakers_title_before_the_name_is_left_out() -> None:
    kinds, speakers = _people_and_speakers("Solo Mayor Hadin Rudyatmo said the supply of fish was plentiful.")
    assert kinds.get("Hadin Rudyatmo") == "person"
    assert speakers == ["Hadin Rudyatmo"]


def test_mention_speakers_full_name_ending_in_a_speaker_is_that_person() -> None:
    kinds, speakers = _people_and_speakers('"We are still colonized," Evenoor said. Maxwell Evenoor lives in Crawley.')
    assert kinds.get("Maxwell Evenoor") == "person"
    assert speakers == ["Maxwell Evenoor"]


def test_mention_speakers_organisation_name_stays_an_organisation() -> None:
    kinds, _ = _people_and_speakers('Ostrava Mining said profits fell. "Demand is weak," Ostrava Mining said.')
    assert kinds.get("Ostrava Mining") == "organization"


def test_mention_speakers_a_name_after_an_article_or_a_common_noun_is_no_person() -> None:
    kinds, _ = _people_and_speakers("The cargo ship Jairo departed on Monday. The Jairo reported its destination.")
    assert "person" not in kinds.values()


def test_mention_speakers_a_document_with_a_year_is_no_person() -> None:
    kinds, _ = _people_and_speakers("According to the Global Peace Index 2025, attacks rose.")
    assert "person" not in kinds.values()
