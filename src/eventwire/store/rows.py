"""Flatten one ``eventwire/1`` record into the store's rows, and TIMEX3 values into day intervals.

Why intervals: a filter such as ``since=2025-12-15`` must match an event dated only ``2025-12``
(it may have happened on the 20th). Storing each value as its first and last day lets SQLite
answer "does the event's interval overlap the asked one" with two indexed comparisons.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from typing import Any

_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 14)}
_DATE = re.compile(
    r"^(?P<y>\d{2,4})(?:-(?:(?P<m>\d{2})(?:-(?P<d>\d{2}))?|W(?P<w>\d{2})(?P<we>-WE)?|Q(?P<q>[1-4])|H(?P<h>[12])"
    r"|(?P<s>SP|SU|FA|AU|WI)))?(?:T.*)?$"
)


def interval(value: str | None) -> tuple[str, str] | None:
    """First and last day (``YYYY-MM-DD``) a TIMEX3 date value covers, or ``None`` when it has none.

    ``2025-12-02`` → the day; ``2025-12`` → the month; ``2025`` → the year; ``202`` → the decade;
    ``20`` → the century; ``2025-W49`` (``-WE``) → the ISO week (its weekend); ``2025-Q1``,
    ``2025-H1``, ``2025-SP`` (winter runs into the next year). Durations, ``XXXX`` and
    ``PRESENT_REF`` have no calendar interval.
    """
    if not value:
        return None
    match = _DATE.match(value)
    if not match:
        return None
    g = match.groupdict()
    year_text = g["y"]
    try:
        if len(year_text) == 2:  # century
            first = int(year_text) * 100
            return f"{first:04d}-01-01", f"{first + 99:04d}-12-31"
        if len(year_text) == 3:  # decade
            first = int(year_text) * 10
            return f"{first:04d}-01-01", f"{first + 9:04d}-12-31"
        year = int(year_text)
        if g["d"]:
            day = dt.date(year, int(g["m"]), int(g["d"]))
            return day.isoformat(), day.isoformat()
        if g["m"]:
            return _months(year, int(g["m"]), int(g["m"]))
        if g["w"]:
            monday = dt.date.fromisocalendar(year, int(g["w"]), 1)
            if g["we"]:
                return (monday + dt.timedelta(days=5)).isoformat(), (monday + dt.timedelta(days=6)).isoformat()
            return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()
        if g["q"]:
            q = int(g["q"])
            return _months(year, 3 * q - 2, 3 * q)
        if g["h"]:
            h = int(g["h"])
            return _months(year, 6 * h - 5, 6 * h)
        if g["s"]:
            first_month, last_month = _SEASONS[g["s"]]
            return _months(year, first_month, last_month)
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    except ValueError:
        return None


def _months(year: int, first: int, last: int) -> tuple[str, str]:
    """Interval from the first day of month ``first`` to the last of ``last`` (``last`` may pass 12)."""
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    end_day = calendar.monthrange(end_year, end_month)[1]
    return f"{year:04d}-{first:02d}-01", f"{end_year:04d}-{end_month:02d}-{end_day:02d}"


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


def _precision(value: str | None) -> str | None:
    """A precision for a date value when its time expression did not give one."""
    if not value:
        return None
    match = _DATE.match(value)
    if not match:
        return None
    g = match.groupdict()
    if g["d"]:
        return "day"
    if g["m"]:
        return "month"
    if g["w"]:
        return "week"
    return {2: "century", 3: "decade"}.get(len(g["y"]), "year")


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
