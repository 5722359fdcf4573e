"""Flatten one ``eventwire/1`` record into the store's rows, and TIMEX3 values into day intervals.

Why intervals: a filter such as ``since=2025-12-15`` must match an event dated only ``2025-12``
(it may have happened on the 20th). Storing each value as its first and last day lets SQLite
answer "does the event's interval overlap the asked one" with two indexed comparisons.
"""

from __future__ import annotations

import json
from typing import Any

from .. import timex


def interval(value: str | None) -> tuple[str, str] | None:
    """First and last day (``YYYY-MM-DD``) a TIMEX3 date value covers, or ``None`` when it has none
    (``eventwire.timex.interval``: ``2025-12`` → the month, ``202`` → the decade, ``P4Y`` → ``None``)."""
    span = timex.interval(value)
    return span.iso() if span else None


def _js(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def record_rows(data: dict[str, Any], origin: str | None, added_at: str) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of every table for one record dict (``Record.to_dict()``), keyed by table name."""
    doc = data["document"]
    doc_id = doc["id"]
    text: str = doc.get("text") or ""
    published = doc.get("published")
    published_day = interval(published)
    times = {t["id"]: t for t in data.get("times", [])}
    rows: dict[str, list[tuple[Any, ...]]] = {
        "documents": [(
            doc_id, doc.get("content_hash"), doc.get("title"), doc.get("source"), doc.get("url"), published,
            doc.get("published_at"), doc.get("language"), origin, _js(data.get("producer")),
            json.dumps(data, ensure_ascii=False), added_at,
        )],
        "actors": [
            (doc_id, a["id"], a["name"], a.get("kind"), a.get("country"), a.get("sector"), _js(a.get("aliases", [])),
             _js([r["text"] for r in a.get("roles", [])]), len(a.get("mentions", [])))
            for a in data.get("actors", [])
        ],
        "places": [
            (doc_id, p["id"], p["name"], p.get("kind"), p.get("country"), p.get("admin1"), p.get("lat"), p.get("lon"),
             p.get("geonameid"), len(p.get("mentions", [])))
            for p in data.get("places", [])
        ],
        "times": [
            (doc_id, t["id"], t.get("text"), t.get("value"), t.get("kind"), t.get("precision"), t.get("mod"),
             *(interval(t.get("value")) or (None, None)))
            for t in data.get("times", [])
        ],
        "statements": [],
        "events": [],
        "event_participants": [],
    }
    for s in data.get("statements", []):
        span = interval(s.get("date")) or published_day or (None, None)
        sent = s.get("sentence") or s["span"]
        cue = s.get("cue")
        rows["statements"].append((
            doc_id, s["id"], s.get("speaker"), s.get("speaker_text"), cue["text"] if cue else None, s.get("content"),
            int(bool(s.get("direct"))), s.get("channel"), s.get("time"), s.get("date"), *span,
            s["span"][0], s["span"][1], text[sent[0]:sent[1]],
        ))
    for e in data.get("events", []):
        own = interval(e.get("date"))
        if own:
            precision = (times.get(e.get("time") or "") or {}).get("precision") or _precision(e.get("date"))
        else:
            precision = "published" if published_day else None
        span = own or published_day or (None, None)
        fat = e.get("fatalities") or {}
        trig = e.get("trigger") or {"text": None, "span": [None, None]}
        sent = e.get("sentence") or [None, None]
        rows["events"].append((
            doc_id, e["id"], e.get("type"), e.get("mode"), _js(e.get("contexts", [])), e.get("status"), e.get("time"),
            e.get("date"), *span, precision, e.get("place"), fat.get("value"), fat.get("qualifier"),
            _js(e.get("quantities", [])), _js(e.get("objects", [])), e.get("claimed_by"), trig["text"],
            trig["span"][0], trig["span"][1], sent[0], sent[1],
            text[sent[0]:sent[1]] if sent[0] is not None else None, len(e.get("mentions", [])),
        ))
        seen: set[tuple[str, str]] = set()
        for role, key in (("actor", "actors"), ("recipient", "recipients")):
            for actor in e.get(key, []):
                if (actor, role) not in seen:
                    seen.add((actor, role))
                    rows["event_participants"].append((doc_id, e["id"], actor, role))
    return rows


# The store's own precision for a date without a time expression has always called quarters, halves and
# seasons "year"; kept so existing stores and exports do not change.
_STORE_PRECISION = {"quarter": "year", "half": "year", "season": "year"}


def _precision(value: str | None) -> str | None:
    """A precision for a date value when its time expression did not give one."""
    span = timex.interval(value)
    if span is None:
        return None
    return _STORE_PRECISION.get(span.precision, span.precision)


#: Column names per table, in the order ``record_rows`` produces them (``key`` columns excluded).
COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("id", "content_hash", "title", "source", "url", "published", "published_at", "language", "origin",
                  "producer", "record", "added_at"),
    "actors": ("doc_id", "id", "name", "kind", "country", "sector", "aliases", "roles", "n_mentions"),
    "places": ("doc_id", "id", "name", "kind", "country", "admin1", "lat", "lon", "geonameid", "n_mentions"),
    "times": ("doc_id", "id", "text", "value", "kind", "precision", "mod", "date_start", "date_end"),
    "statements": ("doc_id", "id", "speaker", "speaker_text", "cue", "content", "direct", "channel", "time", "date",
                   "date_start", "date_end", "span_start", "span_end", "sentence"),
    "events": ("doc_id", "id", "type", "mode", "contexts", "status", "time", "date", "date_start", "date_end",
               "date_precision", "place", "fatalities", "fatalities_qualifier", "quantities", "objects", "claimed_by",
               "trigger", "trigger_start", "trigger_end", "sentence_start", "sentence_end", "sentence", "n_mentions"),
    "event_participants": ("doc_id", "event", "actor", "role"),
}
