"""Bylines and datelines at the top of text, JSONL and HTML stories (invented sentences and people)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import eventwire
from eventwire import record
from eventwire.ingest import RawStory, read_paths
from eventwire.ingest.dateline import find_dateline, normalise_byline, parse_byline, take_byline

BODY = "Sirens sounded across the capital on Monday as officials met to discuss repairs to the grid."


@pytest.mark.parametrize(
    ("text", "dateline", "place", "agency"),
    [
        ("KYIV, Ukraine (AP) — " + BODY, "KYIV, Ukraine (AP) —", "Kyiv", "AP"),
        ("WASHINGTON — " + BODY, "WASHINGTON —", "Washington", None),
        ("GENEVA, March 3 (Reuters) - " + BODY, "GENEVA, March 3 (Reuters) -", "Geneva", "Reuters"),
        ("LONDON (Reuters) - " + BODY, "LONDON (Reuters) -", "London", "Reuters"),
        ("Moscow, Dec 5 (AFP) - " + BODY, "Moscow, Dec 5 (AFP) -", "Moscow", "AFP"),
        ("RIO DE JANEIRO, Brazil — " + BODY, "RIO DE JANEIRO, Brazil —", "Rio de Janeiro", None),
        ("ST. PETERSBURG, Russia, Dec. 5 (Reuters) -- " + BODY, "ST. PETERSBURG, Russia, Dec. 5 (Reuters) --",
         "St. Petersburg", "Reuters"),
        ("DONETSK PROVINCE, Ukraine — " + BODY, "DONETSK PROVINCE, Ukraine —", "Donetsk Province", None),
    ],
)
def test_dateline_shapes(text: str, dateline: str, place: str, agency: str | None) -> None:
    found = find_dateline(text)
    assert found is not None
    assert (found.text, found.place, found.agency) == (dateline, place, agency)
    assert found.span == (0, len(dateline))
    assert text[found.span[0]:found.span[1]] == dateline


@pytest.mark.parametrize(
    "text",
    [
        BODY,
        "UPDATE — " + BODY,
        "EXCLUSIVE - " + BODY,
        "UN — " + BODY,
        "Kyiv — " + BODY,                                  # ordinary case needs an agency
        "The mayor of LONDON — a city of millions — spoke.",
        "ABOARD THE FERRY, in the port of Dover — " + BODY,
        BODY + "\n\nLONDON (Reuters) - A second story pasted below.",   # not at the top
        "WASHINGTON —",                                   # no story after the dash
    ],
)
def test_no_dateline(text: str) -> None:
    assert find_dateline(text) is None


def test_dateline_after_a_short_kicker_line_has_its_span_in_the_text() -> None:
    text = "Analysis\n\nBERLIN (dpa) - " + BODY
    found = find_dateline(text)
    assert found is not None and found.place == "Berlin" and found.agency == "dpa"
    assert found.span is not None and text[found.span[0]:found.span[1]] == "BERLIN (dpa) -"


def test_byline_lines() -> None:
    assert parse_byline("By Jane Doe and John Roe") == "Jane Doe and John Roe"
    assert parse_byline("By Jane Doe | Reuters") == "Jane Doe"
    assert parse_byline("By Ana de la Cruz in Manila") == "Ana de la Cruz"
    assert parse_byline("By the river, the ferry waited.") is None
    assert parse_byline("By Friday Night") is None
    assert take_byline("By Jane Doe\n\nWASHINGTON — " + BODY) == ("Jane Doe", "WASHINGTON — " + BODY)
    assert take_byline("By Jane Doe") == (None, "By Jane Doe")            # the whole text stays
    assert take_byline(BODY) == (None, BODY)


def test_normalise_byline() -> None:
    assert normalise_byline("By Jane Doe; John Roe") == "Jane Doe and John Roe"
    assert normalise_byline(["Jane Doe", "John Roe", "Ana Ruiz"]) == "Jane Doe, John Roe and Ana Ruiz"
    assert normalise_byline("https://example.org/profile/jane-doe") is None
    assert normalise_byline("  ") is None


def test_record_text_story_byline_dateline_and_source(nlp: object) -> None:
    rec = eventwire.extract("By Jane Doe and John Roe\n\nKYIV, Ukraine (AP) — " + BODY, published="2025-03-04")
    doc = rec.document
    assert doc.byline == "Jane Doe and John Roe"
    assert doc.dateline == record.Dateline("KYIV, Ukraine (AP) —", "Kyiv")
    assert doc.text.startswith("KYIV, Ukraine (AP) — Sirens")          # the dateline stays, the byline goes
    assert doc.source == "AP"
    assert not {"Jane Doe", "AP", "Kyiv", "Ukraine"} & {a.name for a in rec.actors}   # dateline: no actors
    assert any(p.name == "Kyiv" and (0, 4) in p.mentions for p in rec.places)
    data = rec.to_dict()["document"]
    assert data["dateline"] == {"text": "KYIV, Ukraine (AP) —", "place": "Kyiv"}
    assert data["byline"] == "Jane Doe and John Roe"


def test_record_source_given_wins_over_the_dateline_agency(nlp: object) -> None:
    rec = eventwire.extract("LONDON (Reuters) - " + BODY, source="Example Daily")
    assert rec.document.source == "Example Daily"
    assert rec.document.dateline == record.Dateline("LONDON (Reuters) -", "London")


def test_record_raw_keeps_the_byline_line(nlp: object) -> None:
    text = "By Jane Doe\n\nWASHINGTON — " + BODY
    rec = eventwire.extract(text, clean=False)
    assert rec.document.text == text and rec.document.byline is None
    assert rec.document.dateline == record.Dateline("WASHINGTON —", "Washington")


def test_record_without_dateline_or_byline(nlp: object) -> None:
    rec = eventwire.extract(BODY)
    assert (rec.document.byline, rec.document.dateline) == (None, None)


def test_jsonl_author_and_dateline_keys(tmp_path: Path, nlp: object) -> None:
    f = tmp_path / "s.jsonl"
    rows = [
        {"id": "1", "author": "Jane Doe", "text": "WASHINGTON — " + BODY},
        {"id": "2", "byline": ["Jane Doe", "John Roe"], "dateline": "NEW YORK, March 5 -", "text": BODY},
        {"id": "3", "text": "By Ana Ruiz\nTIRANA, Albania (AFP) - " + BODY},
    ]
    f.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    stories = list(read_paths([f]))
    assert all(isinstance(s, RawStory) for s in stories)
    recs = [r for r in eventwire.extract_many(stories) if isinstance(r, record.Record)]
    docs = [r.document for r in recs]
    assert [d.byline for d in docs] == ["Jane Doe", "Jane Doe and John Roe", "Ana Ruiz"]
    assert [d.dateline.place if d.dateline else None for d in docs] == ["Washington", "New York", "Tirana"]
    assert docs[1].dateline == record.Dateline("NEW YORK, March 5 -", "New York")   # from the key, not the text
    assert docs[1].text == BODY
    assert docs[2].source == "AFP" and docs[2].text.startswith("TIRANA")


def test_statement_content_starts_after_the_dateline(nlp: object) -> None:
    rec = eventwire.extract("LONDON (Reuters) - Dock workers walked out on Monday over pay, the union said.")
    assert rec.statements
    st = rec.statements[0]
    assert st.content.startswith("Dock workers walked out")
    assert rec.document.text[st.span[0]:st.span[1]] == st.content


def test_no_speaker_from_the_dateline(nlp: object) -> None:
    rec = eventwire.extract("BERLIN — Gazprom said on Monday that it would cut gas flows to 20 percent.")
    for st in rec.statements:
        assert st.speaker_span is None or st.speaker_span[0] >= len("BERLIN —")
