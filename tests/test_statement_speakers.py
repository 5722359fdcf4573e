"""Speakers that need the story around the cue (``statements/resolve.py``) and the added cue verbs,
each on a sentence written for it, through the real pipeline."""

from __future__ import annotations

from spacy.language import Language

import eventwire
from eventwire import record


def _extract(nlp: Language, text: str) -> record.Record:
    """``nlp`` is requested so the session fixture loads the model once for the whole run."""
    return eventwire.extract(text, published="2025-12-06")


def _speakers(rec: record.Record) -> list[tuple[str | None, str | None]]:
    names = {a.id: a.name for a in rec.actors}
    return [(s.cue.text if s.cue else None, names.get(s.speaker or "")) for s in rec.statements]


def test_relative_pronoun_speaker_is_its_antecedent(nlp: Language) -> None:
    rec = _extract(nlp, "The harbour was opened on Friday by Mayor Helena Marsh, who said it would bring jobs.")
    assert _speakers(rec) == [("said", "Helena Marsh")]
    assert rec.statements[0].speaker_text == "Mayor Helena Marsh"


def test_it_said_is_the_organisation_of_the_sentence_before(nlp: Language) -> None:
    rec = _extract(nlp, "Norland Freight cut 300 jobs on Monday. “We had no choice,” it said in a statement.")
    assert _speakers(rec) == [("said", "Norland Freight")]


def test_they_said_is_the_named_organisation_subject_of_its_sentence(nlp: Language) -> None:
    rec = _extract(nlp, "The Tamsk Residents Association marched on Friday, and they said the harbour would ruin "
                        "the coast.")
    assert _speakers(rec) == [("said", "Tamsk Residents Association")]


def test_they_said_in_the_next_sentence_is_not_guessed(nlp: Language) -> None:
    rec = _extract(nlp, "The Tamsk Residents Association organised a march on Friday. "
                        "They said the harbour would ruin the coast.")
    assert [s.speaker for s in rec.statements] == [None]


def test_they_said_after_people_who_are_no_actor_stays_without_speaker(nlp: Language) -> None:
    rec = _extract(nlp, "Residents of Tamsk marched on Friday. “We will not give up,” they said.")
    assert [s.speaker for s in rec.statements] == [None]


def test_pronoun_with_a_non_actor_subject_before_it_is_not_resolved(nlp: Language) -> None:
    rec = _extract(nlp, "Norland Freight cut 300 jobs on Monday. The plan, although it says nothing about pay, "
                        "was approved.")
    assert all(s.speaker is None for s in rec.statements if s.speaker_text == "it")


def test_definite_document_speaks_for_its_earlier_author(nlp: Language) -> None:
    rec = _extract(nlp, "A report by the Norland Institute of Health was published on Monday. "
                        "The report found that smoking had fallen by a third.")
    assert _speakers(rec) == [("found", "Norland Institute of Health")]


def test_unnamed_document_has_no_speaker_actor(nlp: Language) -> None:
    rec = _extract(nlp, "A new study shows that smoking has fallen by a third.")
    assert [(s.speaker, s.speaker_text) for s in rec.statements] == [(None, "A new study")]


def test_definite_organisation_noun_is_the_organisation_before(nlp: Language) -> None:
    rec = _extract(nlp, "The Tamsk Liberation Front attacked a convoy on Monday. "
                        "The militant group said it had killed ten soldiers.")
    assert _speakers(rec) == [("said", "Tamsk Liberation Front")]


def test_passive_cue_subject_is_not_the_speaker(nlp: Language) -> None:
    rec = _extract(nlp, "Mayor Helena Marsh was described by critics as a danger to the town.")
    names = {a.id: a.name for a in rec.actors}
    # the one described is never the speaker; the "by" agent is ("critics": an unnamed group actor)
    assert all(s.speaker is None or names[s.speaker] == "Critics" for s in rec.statements)


def test_phrasal_verb_with_another_particle_is_no_cue(nlp: Language) -> None:
    rec = _extract(nlp, "Mayor Helena Marsh, who showed up late, opened the harbour.")
    assert rec.statements == []


def test_transcript_turns_take_the_named_person(nlp: Language) -> None:
    rec = eventwire.extract("The host Chris Wallace spoke with Governor Mike Pence.\n\n"
                            "WALLACE: Let us start with the news on the debate tonight.\n\n"
                            "PENCE: Well, look, this is an episode of a show and we know it.\n",
                            published="2025-12-06", clean=False)
    assert _speakers(rec) == [(":", "Chris Wallace"), (":", "Mike Pence")]


def test_quotation_signed_with_a_glued_dash(nlp: Language) -> None:
    rec = eventwire.extract("Readers wrote in.\n\n“He makes blanket statements about people he does not know.”― Pamela "
                            "Padrino\n\nMore letters follow.", published="2025-12-06", clean=False)
    assert _speakers(rec) == [("”―", "Pamela Padrino")]


def test_describe_as_is_a_statement(nlp: Language) -> None:
    rec = _extract(nlp, "Mayor Helena Marsh described the harbour plan as a disaster for the town.")
    assert _speakers(rec) == [("described", "Helena Marsh")]
    assert rec.statements[0].content == "the harbour plan as a disaster for the town"


def test_rejected_claims_is_a_statement(nlp: Language) -> None:
    rec = _extract(nlp, "Minister Karl Brandt rejected the claims that the ministry had hidden the report.")
    assert _speakers(rec) == [("rejected", "Karl Brandt")]


def test_cue_coordinated_inside_reported_content_keeps_the_main_speaker(nlp: Language) -> None:
    rec = _extract(nlp, "Mayor Helena Marsh claimed the images were taken by her grandfather and said she wanted "
                        "to donate them.")
    assert ("said", "Helena Marsh") in _speakers(rec)


def test_aside_between_subject_and_verb_reports_the_whole_sentence(nlp: Language) -> None:
    rec = _extract(nlp, "The harbour, Mayor Helena Marsh said, will bring hundreds of jobs to the town.")
    assert _speakers(rec) == [("said", "Helena Marsh")]
    assert "will bring hundreds of jobs" in rec.statements[0].content


def test_according_to_around_a_report_is_a_second_attribution(nlp: Language) -> None:
    rec = _extract(nlp, "Minister Karl Brandt said the harbour would open in May, according to the Tamsk Herald.")
    assert sorted(s.cue.text for s in rec.statements if s.cue) == ["according to", "said"]


def test_bare_past_participle_cue_takes_no_speaker_from_the_clause_it_hangs_from(nlp: Language) -> None:
    rec = _extract(nlp, "Mayor Helena Marsh shared a chart of the budget, described in a caption as a fair plan.")
    assert all(s.speaker is None for s in rec.statements if s.cue and s.cue.text == "described")


def test_cue_tagged_as_participle_after_an_apposition_keeps_its_subject(nlp: Language) -> None:
    rec = _extract(nlp, "Kviv Herald defence reporter, Ilona Marsh, tweeted late Tuesday night: “We have another "
                        "heavy strike upon the bridge, the key supply line.”")
    assert _speakers(rec) == [("tweeted", "Ilona Marsh")]
