"""``eventwire export --format plover``: one self-contained PLOVER event per line (the manual's JSON record).

Why a second shape beside the ``eventwire/1`` record: POLECAT and the PLOVER manual exchange events one per
line, each carrying its actors, place, dates and citation, with no document to look ids up in. Fields follow
the manual's tables (PLOVER JSON, entity, location, size and citation objects); what has no manual field
(the event's status, the TIMEX3 value, where the date came from) goes under ``eventwire``, as the manual allows
providers to add named fields.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from pathlib import Path
from typing import Any

from . import __version__
from .geo import country_name
from .stories.mention import source_of
from .stories.score import QUADS

#: Events read per query (memory stays flat however large the store).
BATCH = 5000
CODEBOOK = "plover-base (eventwire reading: docs/plover.md)"
#: The manual's location resolution codes by gazetteer kind: 5 sub-city, 4 city, 3 district, 2 province, 1 country.
RESOLUTION = {"site": 5, "city": 4, "other": 4, "admin2": 3, "admin1": 2, "region": 1, "country": 1}

_EVENTS = """
SELECT e.doc_id, e.id, e.type, e.mode, e.contexts, e.status, e.date, e.date_start, e.date_end, e.date_precision,
       e.fatalities, e.sentence, e.sentence_start, e.sentence_end, e.trigger,
       p.name, p.kind, p.country, p.admin1, p.lat, p.lon, p.geonameid,
       d.title, d.url, d.source, d.language, d.added_at
  FROM events e JOIN documents d ON d.id = e.doc_id LEFT JOIN places p ON p.doc_id = e.doc_id AND p.id = e.place
 WHERE e.key > ? AND {chosen} ORDER BY e.key LIMIT ?
"""
_PARTIES = """
SELECT ep.doc_id, ep.event, ep.role, a.name, a.country, a.sector, a.kind FROM event_participants ep
  JOIN actors a ON a.doc_id = ep.doc_id AND a.id = ep.actor
 WHERE (ep.doc_id, ep.event) IN (SELECT e.doc_id, e.id FROM events e WHERE e.key > ? AND e.key <= ? AND {chosen})
"""


def _entity(name: str, country: str | None, sector: str | None, kind: str | None) -> dict[str, Any]:
    """The manual's entity object: ``code`` the top-level (country) code, ``sector``, the text."""
    out: dict[str, Any] = {"code": country, "sector": sector, "entity_text": name}
    if kind:
        out["entity_kind"] = kind  # eventwire's actor kind: person, organization, country, group, …
    return out


def _location(row: tuple[Any, ...]) -> dict[str, Any] | None:
    name, kind, country, admin1, lat, lon, geonameid = row
    if not name:
        return None
    return {"extracted_place": name, "resolved_place": name, "geonameid": geonameid, "lat": lat, "lon": lon,
            "city": name if kind == "city" else None, "province": admin1, "country": country_name(country) or None,
            "country_code": country, "resolution": RESOLUTION.get(kind or "")}


def write(conn: sqlite3.Connection, path: Path, chosen: tuple[str, list[Any]] = ("1", [])) -> int:
    """Every stored event (``chosen``: an ``e.key IN (…)`` clause and its parameters) as one PLOVER JSON
    line in ``path``; return how many."""
    clause, params = chosen
    events_sql, parties_sql = _EVENTS.format(chosen=clause), _PARTIES.format(chosen=clause)
    n = 0
    last = 0
    with path.open("w", encoding="utf-8") as fh:
        while True:
            keys = conn.execute(f"SELECT e.key FROM events e WHERE e.key > ? AND {clause} ORDER BY e.key LIMIT ?",
                                (last, *params, BATCH)).fetchall()
            if not keys:
                break
            top = keys[-1][0]
            parties: dict[tuple[str, str], dict[str, list[dict[str, Any]]]] = defaultdict(
                lambda: {"actor": [], "recipient": []})
            for doc, event, role, name, country, sector, kind in conn.execute(parties_sql, (last, top, *params)):
                parties[(doc, event)][role].append(_entity(name, country, sector, kind))
            for row in conn.execute(events_sql, (last, *params, BATCH)):
                fh.write(json.dumps(_record(row, parties[(row[0], row[1])]), ensure_ascii=False))
                fh.write("\n")
                n += 1
            last = top
    return n


def _record(row: tuple[Any, ...], parties: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    (doc, eid, type_, mode, contexts, status, date, start, end, precision, fatalities, sentence, s_start, s_end,
     trigger) = row[:15]
    title, url, source, language, added_at = row[22:27]
    record: dict[str, Any] = {
        "id": f"{doc}-{eid}", "date": start}
    if end and end != start:
        record["enddate"] = end
    record.update({
        "actor": parties["actor"], "recipient": parties["recipient"], "event": [type_] if type_ else [],
        "event_loc": _location(row[15:22]), "event_text": [sentence] if sentence else [],
        "quad_code": QUADS.get(type_ or ""), "mode": [mode] if mode else [],
        "context": json.loads(contexts or "[]"),
        "size": {"dead": fatalities} if fatalities is not None else {},
        "text_info": {"start": s_start, "end": s_end},
        "cite_info": {"citation": doc, "url": url, "title": title, "language": language,
                      "publication": source_of({"source": source, "url": url}),
                      "coder": f"eventwire {__version__}", "codebook": CODEBOOK},
        "coder": f"eventwire {__version__}", "coded_date": (added_at or "")[:10] or None,
        "eventwire": {"document": doc, "event": eid, "status": status, "date": date, "date_precision": precision,
                      "trigger": trigger},
    })
    return record
