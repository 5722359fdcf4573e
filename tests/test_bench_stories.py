"""scripts/bench_stories.py: the re-keyed copies it streams are new, later events with the same evidence."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from eventwire.stories.mention import from_record

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "bench_stories.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_stories", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


TEXT = "Rebels shelled Port Avel on Monday. The harbour master said the quay was closed for repairs."


def _record() -> dict[str, Any]:
    return {
        "schema": "eventwire/1",
        "document": {"id": "d1", "published": "2024-03-06", "published_at": "2024-03-06T08:00:00Z",
                     "url": "https://news.example.org/a/1", "source": None, "text": TEXT, "content_hash": "x"},
        "actors": [{"id": "A1", "name": "rebels", "country": None}],
        "places": [],
        "times": [{"id": "T1", "text": "Monday", "value": "2024-03-04", "precision": "day"},
                  {"id": "T2", "text": "this week", "value": "2024-W10", "precision": "week"},
                  {"id": "T3", "text": "for years", "value": "P2Y", "precision": None}],
        "statements": [{"id": "S1", "date": "2024-03"}],
        "events": [{"id": "E1", "type": "ASSAULT", "mode": None, "actors": ["A1"], "recipients": [],
                    "time": "T1", "date": "2024-03-04", "place": None, "status": "reported",
                    "trigger": {"text": "shelled", "span": [7, 14]}, "sentence": [0, 35]}],
    }


@pytest.mark.parametrize(("value", "expected"), [
    ("2024-03-04", "2024-03-18"),            # a day moves exactly
    ("2024-03-04TMO", "2024-03-18TMO"),      # its part of day stays
    ("2024-W10", "2024-W12"),                # an ISO week moves exactly
    ("2024-W10-WE", "2024-W12-WE"),
    ("2024-12", "2024-12"),                  # the 15th plus two weeks is still December
    ("2024-Q1", "2024-Q1"),
    ("2024", "2024"),
    ("PRESENT_REF", "PRESENT_REF"),          # names no day
    ("P2Y", "P2Y"),
    ("202", "202"),                          # a decade is left alone
    ("2021-W53", "2021-W53"),                # not a real week: left as written
    (None, None),
])
def test_shift_timex_two_weeks(bench: ModuleType, value: str | None, expected: str | None) -> None:
    assert bench.shift_timex(value, 2) == expected


def test_shift_timex_coarse_units_move_by_their_middle(bench: ModuleType) -> None:
    assert bench.shift_timex("2024-12", 3) == "2025-01"   # 15 December + 21 days
    assert bench.shift_timex("2024-Q4", 52) == "2025-Q4"
    assert bench.shift_timex("2024-H2", 26) == "2025-H1"
    assert bench.shift_timex("2024-SU", 52) == "2025-SU"


def test_copy_zero_is_the_record(bench: ModuleType) -> None:
    assert bench.rekey(_record(), 0, 10) == _record()


def test_a_copy_is_a_new_later_document_with_the_same_evidence(bench: ModuleType) -> None:
    original = _record()
    copy = bench.rekey(original, 2, 10)     # 20 weeks later
    assert original == _record()            # the input is not changed
    doc = copy["document"]
    assert doc["id"] == "d1~c2" and bench.copy_of(doc["id"]) == 2 and bench.copy_of("d1") == 0
    assert doc["published"] == "2024-07-24" and doc["published_at"] == "2024-07-24T08:00:00Z"
    assert doc["url"].startswith("https://news.example.org/")
    assert [t["value"] for t in copy["times"]] == ["2024-07-22", "2024-W30", "P2Y"]
    assert copy["statements"][0]["date"] == "2024-08"   # its middle, 15 March, moved 20 weeks
    assert copy["events"][0]["date"] == "2024-07-22"
    # Same length, the event sentence verbatim, the rest of the words changed.
    assert len(doc["text"]) == len(TEXT)
    assert doc["text"][:35] == TEXT[:35]
    assert "harbour" not in doc["text"] and doc["content_hash"] != "x"
    # Clustering sees the same evidence, later.
    (a,), (b,) = from_record(original), from_record(copy)
    assert (b.terms, b.lemma, b.sentence, b.type) == (a.terms, a.lemma, a.sentence, a.type)
    assert (a.date_start, b.date_start) == ("2024-03-04", "2024-07-22")
    assert a.key != b.key


def test_stream_stops_at_the_first_whole_document_reaching_the_size(bench: ModuleType) -> None:
    records = [_record(), {**_record(), "events": _record()["events"] * 2}]
    records[1]["document"] = {**records[1]["document"], "id": "d2"}
    docs = list(bench.stream(records, 4, 10))
    assert [d["document"]["id"] for d in docs] == ["d1", "d2", "d1~c1"]
    assert sum(len(d["events"]) for d in docs) == 4
    assert list(bench.stream([{**_record(), "events": []}], 5, 10)) == []
