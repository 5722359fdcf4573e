"""The document page ``/documents/{id}``: the story's text with its actors, places, times and quotes
highlighted, its events beside it (type, who → whom, when, where, how many, the evidence) and its
statements (speaker → quote).

Why from the stored record and not the tables: the record (``documents.record``) keeps every offset —
each actor's and place's mentions, each time's and quote's span, each event's trigger and sentence —
while the tables keep one row per item. Offsets index ``record.text``; ``segments.build`` turns them into
nested, escaped pieces, and each event's list entry links to its trigger (``#E1``, the anchor the events
page links to), so the evidence shows without JavaScript through ``:target``; ``document.js`` adds the
hover/focus highlight.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ..errors import Serve
from .db import Conn, fetch
from .render import page
from .segments import Span, build, merge

router = APIRouter()

#: The legend: kind → what it marks (the same words label each highlight for screen readers).
LEGEND = (("actor", "Actor"), ("place", "Place"), ("time", "Date or time"), ("quote", "Quote"),
          ("trigger", "Event trigger"), ("sentence", "Event evidence"))


def safe_link(url: str | None) -> str | None:
    """``url`` when it is an http(s) address with a host, else ``None``: a ``javascript:`` or ``data:``
    URL from a feed is shown as text, never made a link."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _spans(record: dict[str, Any]) -> list[Span]:
    """Every highlighted span of the record, as ``segments.merge`` takes them."""
    raw: list[tuple[int | None, int | None, str, str]] = []
    for actor in record.get("actors") or []:
        raw += [(s, e, "actor", actor["id"]) for s, e in actor.get("mentions") or []]
    for place in record.get("places") or []:
        raw += [(s, e, "place", place["id"]) for s, e in place.get("mentions") or []]
    for time in record.get("times") or []:
        raw.append((*(time.get("span") or (None, None)), "time", time["id"]))
    for statement in record.get("statements") or []:
        raw.append((*(statement.get("span") or (None, None)), "quote", statement["id"]))
    for event in record.get("events") or []:
        raw.append((*((event.get("trigger") or {}).get("span") or (None, None)), "trigger", event["id"]))
        raw.append((*(event.get("sentence") or (None, None)), "sentence", event["id"]))
    return merge(raw, len(record["document"].get("text") or ""))


def _who(ids: list[str], actors: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"id": i, "name": actors[i]["name"] if i in actors else i} for i in ids]


def _event(event: dict[str, Any], actors: dict[str, dict[str, Any]], places: dict[str, dict[str, Any]],
           times: dict[str, dict[str, Any]]) -> dict[str, Any]:
    place = places.get(event.get("place") or "")
    time = times.get(event.get("time") or "")
    trigger = event.get("trigger") or {}
    return {
        "id": event["id"], "type": event.get("type"), "mode": event.get("mode"), "status": event.get("status"),
        "actors": _who(event.get("actors") or [], actors), "recipients": _who(event.get("recipients") or [], actors),
        "date": event.get("date"), "when": time["text"] if time else None,
        "place": {"id": place["id"], "name": place["name"], "country": place.get("country")} if place else None,
        "fatalities": event.get("fatalities"),
        "quantities": [q.get("text") or " ".join(str(q[k]) for k in ("qualifier", "value", "unit") if q.get(k))
                       for q in event.get("quantities") or []],
        "trigger": {"text": trigger.get("text"), "span": trigger.get("span")},
        "sentence": event.get("sentence"), "claimed_by": event.get("claimed_by"),
    }


def _statement(statement: dict[str, Any], actors: dict[str, dict[str, Any]]) -> dict[str, Any]:
    speaker = actors.get(statement.get("speaker") or "")
    return {
        "id": statement["id"], "speaker": {"id": speaker["id"], "name": speaker["name"]} if speaker else None,
        "speaker_text": statement.get("speaker_text"), "cue": (statement.get("cue") or {}).get("text"),
        "content": statement.get("content"), "span": statement.get("span"), "direct": statement.get("direct"),
        "channel": statement.get("channel"), "date": statement.get("date"),
    }


def _labels(record: dict[str, Any]) -> dict[str, str]:
    """id → the words that name a highlight (its ``title``, and the entity lists)."""
    labels: dict[str, str] = {}
    for a in record.get("actors") or []:
        extra = ", ".join(x for x in (a.get("kind"), a.get("country"), a.get("sector")) if x)
        labels[a["id"]] = f"actor {a['name']}" + (f" ({extra})" if extra else "")
    for p in record.get("places") or []:
        extra = ", ".join(x for x in (p.get("kind"), p.get("admin1"), p.get("country")) if x)
        labels[p["id"]] = f"place {p['name']}" + (f" ({extra})" if extra else "")
    for t in record.get("times") or []:
        labels[t["id"]] = f"time {t.get('text')} = {t.get('value') or '?'}"
    for s in record.get("statements") or []:
        labels[s["id"]] = f"quote of {s.get('speaker_text') or 'an unnamed speaker'}"
    for e in record.get("events") or []:
        labels[e["id"]] = f"event {e['id']} {e.get('type')}" + (f" {e['mode']}" if e.get("mode") else "")
    return labels


def document_data(record: dict[str, Any]) -> dict[str, Any]:
    """What the page shows of one record (and ``?format=json`` returns)."""
    doc = record["document"]
    text = doc.get("text") or ""
    actors = {a["id"]: a for a in record.get("actors") or []}
    places = {p["id"]: p for p in record.get("places") or []}
    times = {t["id"]: t for t in record.get("times") or []}
    segments = build(text, _spans(record))
    counts = {"actor": sum(len(a.get("mentions") or []) for a in actors.values()),
              "place": sum(len(p.get("mentions") or []) for p in places.values()), "time": len(times),
              "quote": len(record.get("statements") or []), "trigger": len(record.get("events") or []),
              "sentence": len(record.get("events") or [])}
    dateline = doc.get("dateline") or {}
    return {
        "document": {"id": doc.get("id"), "title": doc.get("title"), "source": doc.get("source"),
                     "url": doc.get("url"), "link": safe_link(doc.get("url")), "published": doc.get("published"),
                     "byline": doc.get("byline"), "dateline": dateline.get("text"), "language": doc.get("language"),
                     "length": len(text)},
        "legend": [{"kind": k, "label": label, "count": counts[k]} for k, label in LEGEND],
        "labels": _labels(record),
        "segments": segments,
        "events": [_event(e, actors, places, times) for e in record.get("events") or []],
        "statements": [_statement(s, actors) for s in record.get("statements") or []],
        "actors": [{"id": a["id"], "name": a["name"], "kind": a.get("kind"), "country": a.get("country"),
                    "sector": a.get("sector"), "mentions": len(a.get("mentions") or [])} for a in actors.values()],
        "places": [{"id": p["id"], "name": p["name"], "kind": p.get("kind"), "country": p.get("country"),
                    "mentions": len(p.get("mentions") or [])} for p in places.values()],
        "times": [{"id": t["id"], "text": t.get("text"), "value": t.get("value")} for t in times.values()],
    }


@router.get("/documents/{doc_id:path}")
def document_page(request: Request, conn: Conn, doc_id: str) -> Response:
    found = fetch(conn, "SELECT record FROM documents WHERE id = ?", [doc_id])
    if not found:
        raise Serve.NOT_FOUND.error(what="document", id=doc_id, hint="")
    data = document_data(json.loads(found[0]["record"]))
    doc = data["document"]
    return page(request, "document.html", data, title=doc["title"] or f"Document {doc['id']}")
