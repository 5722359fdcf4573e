"""The Python API end to end: records, determinism, dates, language, chunking, failures, schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import eventwire
from eventwire import nlp as nlp_module
from eventwire.pipeline import Failure

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "schema" / "eventwire-1.json").read_text())
STORY = (
    "Kenyan President Samuel Otieno met Ethiopian Prime Minister Abebe Girma in Nairobi on Tuesday. "
    "Otieno said he wanted a lasting peace, and Addis Ababa welcomed the talks.\n\n"
    "READ ALSO: Floods Hit Coastal Towns\n\n"
    "The two leaders will meet again in March."
)


def validate(rec: eventwire.Record) -> dict:
    data = json.loads(rec.to_json())
    jsonschema.validate(data, SCHEMA)
    return data


def test_extract_returns_a_valid_record() -> None:
    rec = eventwire.extract(STORY, published="2025-12-06", title="Leaders meet", source="Test Wire")
    data = validate(rec)
    assert data["schema"] == "eventwire/1"
    assert data["document"]["published"] == "2025-12-06"
    assert data["document"]["source"] == "Test Wire"
    assert isinstance(data["statements"], list) and isinstance(data["events"], list)


def test_extract_every_span_points_at_its_text() -> None:
    rec = eventwire.extract(STORY, published="2025-12-06")
    text = rec.document.text
    for actor in rec.actors:
        for start, end in actor.mentions:
            assert text[start:end].strip() == text[start:end] and text[start:end]
    for place in rec.places:
        for start, end in place.mentions:
            assert text[start:end]
    for t in rec.times:
        assert text[t.span[0] : t.span[1]] == t.text


def test_extract_is_deterministic() -> None:
    first = eventwire.extract(STORY, published="2025-12-06").to_json()
    second = eventwire.extract(STORY, published="2025-12-06").to_json()
    assert first == second


def test_extract_removes_boilerplate_but_raw_keeps_it() -> None:
    assert "READ ALSO" not in eventwire.extract(STORY, published="2025-12-06").document.text
    assert eventwire.extract(STORY, published="2025-12-06", clean=False).document.text == STORY


def test_extract_resolves_people_places_and_dates() -> None:
    rec = eventwire.extract(STORY, published="2025-12-06")
    names = {a.name: a for a in rec.actors}
    assert names["Samuel Otieno"].country == "KEN"
    assert names["Abebe Girma"].country == "ETH"
    nairobi = next(p for p in rec.places if p.name == "Nairobi")
    assert nairobi.country == "KEN" and abs(nairobi.lat - (-1.28)) < 0.5
    values = {t.text: t.value for t in rec.times}
    assert values["Tuesday"] == "2025-12-02"


def test_extract_without_date_warns_and_never_uses_the_clock() -> None:
    rec = eventwire.extract("The ministers met on Tuesday in Geneva.")
    assert rec.document.published is None
    assert any(t.value.startswith("XXXX") for t in rec.times)
    assert [w.code for w in rec.warnings] == ["EW-W10"]


def test_extract_document_id_and_hash() -> None:
    rec = eventwire.extract(STORY, published="2025-12-06")
    assert len(rec.document.id) == 16 and len(rec.document.content_hash) == 64
    assert eventwire.extract(STORY, id="story-7").document.id == "story-7"


def test_extract_non_english_is_warned_not_extracted() -> None:
    french = ("Le président de la République a rencontré les ministres mardi à Paris pour discuter "
              "de la situation économique et des réformes prévues pour l'année prochaine.")
    rec = eventwire.extract(french, published="2025-12-06")
    assert rec.document.language == "fr"
    assert rec.actors == [] and rec.times == []
    assert "EW-W20" in [w.code for w in rec.warnings]


def test_extract_empty_text_is_an_input_error() -> None:
    with pytest.raises(eventwire.InputError):
        eventwire.extract("   \n ")


def test_extract_many_keeps_order_and_reports_bad_items() -> None:
    items = ["Rain fell in Oslo on Monday.", {"id": "no-text"}, {"id": "b", "text": "Peru voted on Sunday."}]
    out = list(eventwire.extract_many(items, published="2025-12-06"))
    assert isinstance(out[0], eventwire.Record)
    assert isinstance(out[1], Failure)
    assert isinstance(out[2], eventwire.Record) and out[2].document.id == "b"


def test_extract_long_story_is_chunked_with_offsets_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    nlp = nlp_module.load()
    paragraph = "Officials in Lima met on Tuesday to discuss the budget with Chilean envoys."
    text = "\n\n".join([paragraph] * 30)
    monkeypatch.setattr(nlp, "max_length", 400)
    rec = eventwire.extract(text, published="2025-12-06")
    assert rec.document.text == text
    tuesdays = [t for t in rec.times if t.text == "Tuesday"]
    assert len(tuesdays) == 30
    assert all(text[t.span[0] : t.span[1]] == "Tuesday" for t in tuesdays)
    assert "EW-W30" in [w.code for w in rec.warnings]


def test_nlp_chunks_concatenate_back() -> None:
    text = "One.\n\nTwo two.\nThree three three. Four " * 50
    pieces = nlp_module.chunks(text, 120)
    assert "".join(pieces) == text
    assert all(len(p) <= 120 for p in pieces)


def test_public_api_is_exported() -> None:
    assert set(eventwire.__all__) >= {"extract", "extract_many", "Record", "Failure", "EventwireError"}
    for name in eventwire.__all__:
        assert hasattr(eventwire, name)
