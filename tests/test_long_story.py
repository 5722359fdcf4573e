"""A long story costs in proportion to its length and says the same thing per repeated paragraph as a
short one; ``--max-chars`` cuts for those who prefer, and says so on the record."""

from __future__ import annotations

import json
import logging
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

import eventwire
from eventwire import nlp as nlp_module
from eventwire.cli.extract import extract_command
from eventwire.spans import SpanIndex

UNIT = ("Envoys met in Vienna on Monday. \u201cWe made progress,\u201d the negotiator said. "
        "Soldiers fired 8 rockets at the village. ")
REPEATS = 400  # ~47,000 characters: three chunks, a few seconds


def _shape(rec: eventwire.Record) -> list[tuple[str, str | None, str | None, int]]:
    """Each event's type, date, place name and mentions (the mentions counted per repeated unit)."""
    names = {p.id: p.name for p in rec.places}
    return [(e.type, e.date, names.get(e.place or ""), len(e.mentions)) for e in rec.events]


def test_long_story_says_per_unit_what_a_short_one_says(caplog: pytest.LogCaptureFixture,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    short = eventwire.extract(UNIT, published="2025-12-06", id="short")
    monkeypatch.setattr(nlp_module, "PROGRESS_EVERY", 0.0)   # a progress line after every chunk
    with caplog.at_level(logging.INFO, logger="eventwire"):
        long = eventwire.extract(UNIT * REPEATS, published="2025-12-06", id="long-one")
    assert len(long.document.text) > 2 * nlp_module.CHUNK_CHARS
    assert len(short.statements) >= 1 and len(short.events) >= 1
    assert len(long.statements) == REPEATS * len(short.statements)
    assert len(long.times) == REPEATS * len(short.times)
    # the same events, each told once per unit
    assert _shape(long) == [(t, d, p, n * REPEATS) for t, d, p, n in _shape(short)]
    assert {(s.content, s.speaker_text, s.direct) for s in long.statements} == {
        (s.content, s.speaker_text, s.direct) for s in short.statements}
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("long story long-one:")]
    assert any("% parsed (" in line and "characters)" in line for line in lines)
    assert "running the stages" in lines[-1]


def test_max_chars_cuts_at_a_sentence_and_warns(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps({"id": "s1", "published": "2025-12-06", "text": UNIT * 30}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(extract_command, [str(path), "--format", "jsonl", "--max-chars", "1000"])
    assert result.exit_code == 0, result.output
    rec = json.loads(result.output.strip().splitlines()[-1])
    text = rec["document"]["text"]
    assert 250 < len(text) <= 1000                       # cut at the last sentence end before 1,000
    assert text.rstrip().endswith(".") and (UNIT * 30).startswith(text)
    assert [w["code"] for w in rec["warnings"]] == ["EW-W31"]
    assert "1,000" in rec["warnings"][0]["message"]
    assert all(s["span"][1] <= len(text) for s in rec["statements"])


def test_without_max_chars_nothing_is_cut() -> None:
    rec = eventwire.extract(UNIT * 30, published="2025-12-06")
    assert rec.document.text.strip() == (UNIT * 30).strip()
    assert "EW-W31" not in [w.code for w in rec.warnings]


def test_span_index_answers_as_a_scan_does() -> None:
    rng = random.Random(7)
    spans = [(s, s + rng.randint(0, 30)) for s in (rng.randint(0, 500) for _ in range(300))]
    index = SpanIndex(spans, lambda sp: sp)
    for _ in range(300):
        a = rng.randint(0, 520)
        b = a + rng.randint(0, 60)
        assert index.inside(a, b) == [sp for sp in spans if a <= sp[0] and sp[1] <= b]
        assert index.overlapping(a, b) == [sp for sp in spans if sp[0] < b and a < sp[1]]
        assert index.containing(a, b) == [sp for sp in spans if sp[0] <= a and b <= sp[1]]
