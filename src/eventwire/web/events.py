"""The events page (also the home page): a filtered table of events with facets, keyset pages, CSV.

Why keyset pagination: ``OFFSET`` re-reads every skipped row, so page 200 of a large store would be slow;
``after=<date>~<key>`` continues from the last row shown, in the same order (newest first).
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response, StreamingResponse

from ..errors import Serve
from .db import Conn, fetch
from .filters import EVENTS_FROM, Filters
from .render import page

router = APIRouter()
PAGE_ROWS = 50
MAX_PAGE_ROWS = 500
#: Rows one CSV download may hold (a whole store is ``eventwire export``'s job).
MAX_CSV_ROWS = 100_000
FACET_VALUES = 12

FROM = EVENTS_FROM
_ROW = """
SELECT e.key, e.doc_id, e.id AS event_id, e.type, e.mode, e.status, e.date, e.date_start, e.date_end,
       e.fatalities, e.trigger, e.sentence, p.name AS place, p.country AS place_country,
       d.title, d.source, d.published,
       (SELECT json_group_array(a.name) FROM event_participants ep JOIN actors a
           ON a.doc_id = ep.doc_id AND a.id = ep.actor
         WHERE ep.doc_id = e.doc_id AND ep.event = e.id AND ep.role = 'actor') AS actors,
       (SELECT json_group_array(a.name) FROM event_participants ep JOIN actors a
           ON a.doc_id = ep.doc_id AND a.id = ep.actor
         WHERE ep.doc_id = e.doc_id AND ep.event = e.id AND ep.role = 'recipient') AS recipients
""" + FROM
ORDER = " ORDER BY COALESCE(e.date_start, '') DESC, e.key DESC"
CSV_FIELDS = ("doc_id", "event_id", "type", "mode", "status", "date", "date_start", "date_end", "place",
              "place_country", "actors", "recipients", "fatalities", "trigger", "sentence", "title", "source",
              "published")
#: Facet name → (SQL expression, joins it needs beyond ``FROM``).
FACETS = {
    "type": ("e.type", ""),
    "status": ("e.status", ""),
    "country": ("p.country", ""),
    "place": ("p.name", ""),
    "source": ("d.source", ""),
    "actor": ("a.name", " JOIN event_participants ep ON ep.doc_id = e.doc_id AND ep.event = e.id"
                        " JOIN actors a ON a.doc_id = ep.doc_id AND a.id = ep.actor"),
}


def _where(filters: Filters, extra: list[str] | None = None) -> tuple[str, list[Any]]:
    where, params = filters.where()
    where += extra or []
    return (" WHERE " + " AND ".join(where)) if where else "", params


def _cursor(after: str | None) -> tuple[list[str], list[Any]]:
    if not after:
        return [], []
    date, sep, key = after.rpartition("~")
    if not sep or not key.isdigit():
        raise Serve.BAD_FILTER.error(name="after", value=after, problem="not a page cursor (DATE~KEY)")
    return ["(COALESCE(e.date_start, '') < ? OR (COALESCE(e.date_start, '') = ? AND e.key < ?))"], [date, date,
                                                                                                      int(key)]


def _row(raw: dict[str, Any]) -> dict[str, Any]:
    raw["actors"] = json.loads(raw["actors"] or "[]")
    raw["recipients"] = json.loads(raw["recipients"] or "[]")
    return raw


def rows(conn: sqlite3.Connection, filters: Filters, *, after: str | None = None,
         limit: int = PAGE_ROWS) -> list[dict[str, Any]]:
    """One page of events matching ``filters``, newest first, after the cursor ``after``."""
    extra, extra_params = _cursor(after)
    where, params = _where(filters, extra)
    found = fetch(conn, _ROW + where + ORDER + " LIMIT ?", [*params, *extra_params, limit])
    return [_row(r) for r in found]


def facets(conn: sqlite3.Connection, filters: Filters) -> dict[str, list[dict[str, Any]]]:
    """The most frequent values of each facet among the matching events, each with its count."""
    where, params = _where(filters)
    out = {}
    for name, (expr, joins) in FACETS.items():
        sql = (f"SELECT {expr} AS value, count(DISTINCT e.key) AS n {FROM}{joins}{where}"
               f"{' AND' if where else ' WHERE'} {expr} IS NOT NULL AND {expr} != '' "
               f"GROUP BY {expr} ORDER BY n DESC, value LIMIT {FACET_VALUES}")
        out[name] = fetch(conn, sql, params)
    return out


def summary(conn: sqlite3.Connection, filters: Filters) -> dict[str, Any]:
    where, params = _where(filters)
    found = fetch(conn, f"SELECT count(*) AS n, min(e.date_start) AS first, max(e.date_end) AS last {FROM}{where}",
                  params)[0]
    return {"count": found["n"], "first": found["first"], "last": found["last"]}


def _size(request: Request) -> int:
    raw = request.query_params.get("size") or str(PAGE_ROWS)
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE_ROWS:
        raise Serve.BAD_FILTER.error(name="size", value=raw, problem=f"a page size is 1 to {MAX_PAGE_ROWS}")
    return int(raw)


@router.get("/")
@router.get("/events")
def events_page(request: Request, conn: Conn) -> Response:
    filters = Filters.parse(request.query_params)
    size = _size(request)
    after = request.query_params.get("after") or None
    found = rows(conn, filters, after=after, limit=size + 1)
    more = len(found) > size
    found = found[:size]
    last = found[-1] if found and more else None
    data = {
        "filters": filters.given(),
        "summary": summary(conn, filters),
        "facets": facets(conn, filters),
        "rows": found,
        "next": f"{last['date_start'] or ''}~{last['key']}" if last else None,
    }
    return page(request, "events.html", data, title="Events", f=filters, size=size)


@router.get("/events.csv")
def events_csv(request: Request, conn: Conn) -> Response:
    """Every matching event (up to ``MAX_CSV_ROWS``) as CSV, newest first."""
    filters = Filters.parse(request.query_params)
    found = rows(conn, filters, limit=MAX_CSV_ROWS)

    def lines() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_FIELDS)
        for row in found:
            writer.writerow(["; ".join(row[k]) if isinstance(row[k], list) else row[k] for k in CSV_FIELDS])
            if buffer.tell() > 64_000:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    return StreamingResponse(lines(), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="events.csv"'})
