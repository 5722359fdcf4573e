"""Segments of a text under overlapping spans: nested, split cleanly when they cross, never a character lost
or doubled (the document page renders them)."""

from __future__ import annotations

import random
from itertools import pairwise
from typing import Any

from eventwire.web.documents import document_data, safe_link
from eventwire.web.segments import build, flatten, merge, pieces

TEXT = "Rebel fighters and army units clashed near the river town on Sunday, a witness said."


def _check(text: str, segments: list[dict[str, Any]]) -> None:
    """The invariants the page relies on: the text, pieces inside their spans and parents, spans tiled."""
    assert flatten(segments) == text

    def walk(items: list[dict[str, Any]], lo: int, hi: int) -> None:
        at = lo
        for s in items:
            if "text" in s:
                at += len(s["text"])
                continue
            assert s["start"] == at and lo <= s["start"] < s["end"] <= hi
            assert s["span"][0] <= s["start"] and s["end"] <= s["span"][1]
            walk(s["segments"], s["start"], s["end"])
            at = s["end"]
        assert at == hi

    walk(segments, 0, len(text))
    tiles: dict[tuple[str, int, int], list[tuple[int, int]]] = {}
    for p in pieces(segments):
        tiles.setdefault((p["kind"], *p["span"]), []).append((p["start"], p["end"]))
    for (_, start, end), parts in tiles.items():
        parts.sort()
        assert parts[0][0] == start and parts[-1][1] == end
        assert all(a[1] == b[0] for a, b in pairwise(parts))


def test_a_name_inside_a_longer_name_nests() -> None:
    spans = merge([(0, 29, "actor", "A1"), (19, 29, "actor", "A2")], len(TEXT))  # "… and army units" ⊃ "army units"
    segments = build(TEXT, spans)
    _check(TEXT, segments)
    outer = segments[0]
    assert (outer["ids"], outer["start"], outer["end"]) == (["A1"], 0, 29)
    inner = [s for s in outer["segments"] if "kind" in s]
    assert [(s["ids"], TEXT[s["start"]:s["end"]]) for s in inner] == [(["A2"], "army units")]


def test_a_span_crossing_another_is_split_at_its_end() -> None:
    # a quote that starts inside a sentence and runs past its end
    spans = merge([(0, 68, "sentence", "E1"), (47, 84, "quote", "S1"), (59, 68, "time", "T1")], len(TEXT))
    segments = build(TEXT, spans)
    _check(TEXT, segments)
    quote = [(p["start"], p["end"], p["span"]) for p in pieces(segments) if p["kind"] == "quote"]
    assert quote == [(47, 68, [47, 84]), (68, 84, [47, 84])]
    anchors = [p["anchor"] for p in pieces(segments) if p["kind"] == "quote"]
    assert anchors == ["S1", None]  # only the first piece is the #S1 anchor


def test_spans_of_one_kind_over_the_same_words_are_one_piece_and_bad_spans_are_dropped() -> None:
    spans = merge([(0, 68, "sentence", "E1"), (0, 68, "sentence", "E2"), (5, 5, "actor", "A1"),
                   (None, 4, "time", "T1"), (70, 999, "quote", "S1"), (1, 3, "colour", "X")], len(TEXT))
    assert sorted((s.kind, s.ids, s.start, s.end) for s in spans) == [
        ("quote", ("S1",), 70, len(TEXT)), ("sentence", ("E1", "E2"), 0, 68)]
    _check(TEXT, build(TEXT, spans))


def test_random_overlapping_spans_never_lose_or_double_a_character() -> None:
    rng = random.Random(13)
    kinds = ("sentence", "quote", "actor", "place", "time", "trigger")
    for _ in range(300):
        raw = []
        for n in range(rng.randint(0, 12)):
            start = rng.randint(0, len(TEXT) - 1)
            raw.append((start, rng.randint(start, len(TEXT) + 3), rng.choice(kinds), f"X{n}"))
        _check(TEXT, build(TEXT, merge(raw, len(TEXT))))


def test_only_http_urls_become_links() -> None:
    assert safe_link("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for url in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<b>", "//evil.example/x",
                "http://", "ftp://example.org", None, ""):
        assert safe_link(url) is None, url


def test_document_data_describes_events_and_statements() -> None:
    text = "Soldiers shelled the village on Monday, killing 3 people. \u201cWe saw it,\u201d a farmer said."
    record = {
        "document": {"id": "d1", "title": "T", "source": "S", "url": "javascript:x", "published": "2025-01-07",
                     "text": text},
        "actors": [{"id": "A1", "name": "Soldiers", "kind": "group", "mentions": [[0, 8]]},
                   {"id": "A2", "name": "a farmer", "kind": "person", "mentions": [[72, 80]]}],
        "places": [{"id": "P1", "name": "Village", "kind": "city", "country": "XXX", "mentions": [[21, 28]]}],
        "times": [{"id": "T1", "text": "Monday", "value": "2025-01-06", "span": [32, 38]}],
        "statements": [{"id": "S1", "speaker": "A2", "speaker_text": "a farmer", "content": "We saw it",
                        "span": [59, 68], "direct": True, "cue": {"text": "said", "span": [81, 85]}}],
        "events": [{"id": "E1", "type": "ASSAULT", "mode": "heavy-weapons", "status": "reported", "actors": ["A1"],
                    "recipients": [], "time": "T1", "date": "2025-01-06", "place": "P1",
                    "fatalities": {"value": 3, "qualifier": None}, "quantities": [],
                    "trigger": {"text": "shelled", "span": [9, 16]}, "sentence": [0, 57]}],
    }
    data = document_data(record)
    assert data["document"]["link"] is None and data["document"]["url"] == "javascript:x"
    assert flatten(data["segments"]) == text
    event = data["events"][0]
    assert event["actors"] == [{"id": "A1", "name": "Soldiers"}] and event["when"] == "Monday"
    assert event["place"] == {"id": "P1", "name": "Village", "country": "XXX"}
    assert data["statements"][0]["speaker"] == {"id": "A2", "name": "a farmer"}
    assert {k["kind"]: k["count"] for k in data["legend"]} == {
        "actor": 2, "place": 1, "time": 1, "quote": 1, "trigger": 1, "sentence": 1}
    triggers = [p for p in pieces(data["segments"]) if p["kind"] == "trigger"]
    assert [(p["anchor"], text[p["start"]:p["end"]]) for p in triggers] == [("E1", "shelled")]
