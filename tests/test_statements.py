"""Statements: one behaviour per test, each on a sentence written for it, through the real pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

import eventwire
from eventwire import record
from eventwire.lexicon import read_table
from eventwire.statements.text import find_quotes

RESOURCES = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "resources" / "en" / "statements"


def _extract(nlp: Language, text: str) -> record.Record:
    """``nlp`` is requested so the session fixture loads the model once for the whole run."""
    return eventwire.extract(text, published="2025-12-06")


def _speaker(rec: record.Record, st: record.Statement) -> str | None:
    return next((a.name for a in rec.actors if a.id == st.speaker), None)


def _one(rec: record.Record) -> record.Statement:
    assert len(rec.statements) == 1, [s.content for s in rec.statements]
    return rec.statements[0]


def test_statements_quote_before_cue_has_speaker_date_and_bare_span(nlp: Language) -> None:
    rec = _extract(nlp, "“We will not give up on the harbour project,” Mayor Helena Marsh said on Friday.")
    st = _one(rec)
    assert st.direct and st.content == "We will not give up on the harbour project"
    assert rec.document.text[st.span[0]:st.span[1]] == st.content
    assert _speaker(rec, st) == "Helena Marsh"
    assert st.cue is not None and st.cue.text == "said"
    assert st.date == "2025-12-05" and st.time is not None


def test_statements_quote_split_around_adding_gives_two_statements(nlp: Language) -> None:
    rec = _extract(nlp, "“The dam is safe,” Governor Tomas Reyne said on X after the storm, "
                        "adding, “Nobody needs to leave their homes tonight.”")
    assert [s.content for s in rec.statements] == ["The dam is safe", "Nobody needs to leave their homes tonight"]
    assert {_speaker(rec, s) for s in rec.statements} == {"Tomas Reyne"}
    assert [s.channel for s in rec.statements] == ["X", "X"]
    assert [s.id for s in rec.statements] == ["S1", "S2"]


def test_statements_indirect_that_clause_drops_that_and_keeps_cue_date(nlp: Language) -> None:
    rec = _extract(nlp, "Helena Marsh said Friday that the bridge would reopen next week.")
    st = _one(rec)
    assert st.content == "the bridge would reopen next week" and not st.direct
    assert st.date == "2025-12-05"  # the day it was said, not the week in the content


def test_statements_scare_quote_without_cue_is_not_a_statement(nlp: Language) -> None:
    rec = _extract(nlp, "The two delegations had a “very productive meeting” in Geneva on Tuesday.")
    assert rec.statements == []


def test_statements_scare_quote_inside_reported_clause_belongs_to_it(nlp: Language) -> None:
    rec = _extract(nlp, "Tomas Reyne said the delegations had a “very productive meeting” in Geneva.")
    st = _one(rec)
    assert "very productive meeting" in st.content and not st.direct


def test_statements_readout_posted_by_someone_on_x(nlp: Language) -> None:
    rec = _extract(nlp, "Tomas Reyne met the rebels on Thursday.\n\n“Both sides agreed to meet again in March,” "
                        "said a readout of the talks posted Friday on X by Reyne.")
    st = _one(rec)
    assert _speaker(rec, st) == "Tomas Reyne"
    assert st.channel == "X" and st.date == "2025-12-05"


def test_statements_state_tv_is_television(nlp: Language) -> None:
    rec = _extract(nlp, "Kremlin spokesman Oleg Varin said on Russian state TV that the talks were useful.")
    st = _one(rec)
    assert st.channel == "television" and st.content == "the talks were useful"


def test_statements_told_news_outlet_is_interview(nlp: Language) -> None:
    rec = _extract(nlp, "Senator Paul Hendry told VOA that the bill would pass.")
    assert _one(rec).channel == "interview"


def test_statements_according_to_reports_host_clause(nlp: Language) -> None:
    rec = _extract(nlp, "The strike killed 12 people, according to the regional health ministry.")
    st = _one(rec)
    assert st.cue is not None and st.cue.text == "according to"
    assert st.content == "The strike killed 12 people"
    assert st.speaker_text == "the regional health ministry"


def test_statements_pronoun_speaker_resolved(nlp: Language) -> None:
    rec = _extract(nlp, "Tomas Reyne arrived in Lisbon on Monday. He said the talks had gone well.")
    st = _one(rec)
    assert st.speaker_text == "He" and _speaker(rec, st) == "Tomas Reyne"


def test_statements_quote_only_paragraph_continues_previous_speaker(nlp: Language) -> None:
    rec = _extract(nlp, "“We are ready to sign,” Tomas Reyne said.\n\n“The other side must now show that it "
                        "wants peace as much as we do.”")
    assert len(rec.statements) == 2
    second = rec.statements[1]
    assert second.cue is None and second.direct and _speaker(rec, second) == "Tomas Reyne"


def test_statements_colon_before_quote_paragraph(nlp: Language) -> None:
    rec = _extract(nlp, "Tomas Reyne said:\n\n“We are ready to sign the agreement today.”")
    st = _one(rec)
    assert st.content == "We are ready to sign the agreement today" and _speaker(rec, st) == "Tomas Reyne"


def test_statements_description_speaker_matches_role(nlp: Language) -> None:
    rec = _extract(nlp, "Foreign Minister Helena Marsh arrived in Cairo on Monday. "
                        "The top diplomat said the ceasefire must hold.")
    st = _one(rec)
    assert _speaker(rec, st) == "Helena Marsh"


def test_statements_praise_reports_object(nlp: Language) -> None:
    rec = _extract(nlp, "Tomas Reyne praised the rescue teams for their courage.")
    st = _one(rec)
    assert st.cue is not None and st.cue.text == "praised"
    assert st.content == "the rescue teams for their courage"


def test_statements_participle_cue_keeps_main_speaker(nlp: Language) -> None:
    rec = _extract(nlp, "Helena Marsh said Wednesday that the envoys had a good meeting, "
                        "insisting they had the impression a deal was close.")
    assert [_speaker(rec, s) for s in rec.statements] == ["Helena Marsh", "Helena Marsh"]
    assert rec.statements[1].content == "they had the impression a deal was close"


def test_statements_sentence_span_holds_the_cue(nlp: Language) -> None:
    text = "Rain fell all day. “The roads are closed,” Tomas Reyne said."
    st = _one(_extract(nlp, text))
    assert text[st.sentence[0]:st.sentence[1]] == "“The roads are closed,” Tomas Reyne said."


def test_statements_quotes_paired_per_paragraph() -> None:
    text = 'He said "yes" and ''maybe''.\n“An open quote runs to the end of its paragraph\n“next”'
    inner = [text[q.inner[0]:q.inner[1]] for q in find_quotes(text)]
    assert inner == ["yes", "An open quote runs to the end of its paragraph", "next"]


@pytest.mark.parametrize("name", sorted(p.name for p in RESOURCES.iterdir()))
def test_statements_resources_document_format_and_examples(name: str) -> None:
    assert read_table(f"statements/{name}").examples  # the reader requires the FORMAT line
