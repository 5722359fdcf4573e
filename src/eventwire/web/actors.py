"""The actors pages: ``/actors``, a sortable list of the store-wide actors with their counts and who acts on
whom, and ``/actors/{id}``, one actor's names, country, events, statements and counterparts.

Why store-wide identities (``identities``/``actor_identities``, docs/stories.md): an actor of one document
(``A1``) means nothing on another; the identity ``I…`` is the same minister across every story, so its id is
the one in the URL and its counts add up across documents.

Why keyset pages over a sort key: the list may hold 100k identities and ``OFFSET`` re-reads every skipped
row. Every sort is one ascending (or, reversed, descending) tuple ending in the identity id; the cursor
``after`` is the last row's tuple, so the next page continues exactly there, whatever the sort.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ..errors import Serve
from ..store.queries import like, overlaps
from .db import Conn, fetch
from .filters import Filters
from .render import page

router = APIRouter()
PAGE_ROWS = 50
MAX_PAGE_ROWS = 200
PAIRS = 15
#: Events and statements one actor's page lists (the counts above them are whole).
ACTOR_ROWS = 100
COUNTERPARTS = 12

#: ``sort`` → the ascending key columns (after ``-`` the page reverses all of them); ties end on the id.
SORTS = {
    "events": ("-(r.as_actor + r.as_recipient)", "-r.statements", "r.id"),
    "statements": ("-r.statements", "-(r.as_actor + r.as_recipient)", "r.id"),
    "name": ("lower(COALESCE(r.name, ''))", "r.id"),
    "country": ("COALESCE(r.country, '~')", "-(r.as_actor + r.as_recipient)", "r.id"),
}
#: The direction a column reads in its natural (unreversed) sort, for ``aria-sort``.
NATURAL = {"events": "descending", "statements": "descending", "name": "ascending", "country": "ascending"}
#: Filters that only events have: with one of them an actor is listed only for its matching events.
EVENT_ONLY = ("type", "country", "place", "status")

_EVENTS = """
SELECT e.key, e.doc_id, e.id, e.type FROM events e
  JOIN documents d ON d.id = e.doc_id
  LEFT JOIN places p ON p.doc_id = e.doc_id AND p.id = e.place
"""


def counted_events(filters: Filters) -> tuple[str, list[Any]]:
    """The events the counts are over: every filter but ``actor`` (which picks the listed actors)."""
    where, params = replace(filters, actor=None).where()
    return _EVENTS + (" WHERE " + " AND ".join(where) if where else ""), params


def _statement_terms(filters: Filters) -> tuple[str, list[Any]]:
    """Statements count within the date range and source; the other filters are about events."""
    where: list[str] = []
    params: list[Any] = []
    overlaps("s", filters.since, filters.until, where, params)
    if filters.source:
        where.append("(d.source LIKE ? ESCAPE '\\' OR d.url LIKE ? ESCAPE '\\')")
        params += [like(filters.source)] * 2
    return (" WHERE " + " AND ".join(where)) if where else "", params


def _counts_sql(filters: Filters) -> tuple[str, list[Any]]:
    """Every listed actor with its counts, as ``r``: identities with a counted event or statement."""
    events_sql, params = counted_events(filters)
    st_where, st_params = _statement_terms(filters)
    name_term, name_params = "", []
    if filters.actor:
        name_term = " AND i.name LIKE ? ESCAPE '\\'"
        name_params = [like(filters.actor)]
    needs_event = any(getattr(filters, k) for k in EVENT_ONLY)
    sql = f"""
WITH ev AS ({events_sql}),
part AS (
  SELECT ai.identity, ev.doc_id,
         count(DISTINCT CASE WHEN ep.role = 'actor' THEN ev.key END) AS as_actor,
         count(DISTINCT CASE WHEN ep.role = 'recipient' THEN ev.key END) AS as_recipient
    FROM ev JOIN event_participants ep ON ep.doc_id = ev.doc_id AND ep.event = ev.id
    JOIN actor_identities ai ON ai.doc_id = ep.doc_id AND ai.actor = ep.actor
   GROUP BY ai.identity, ev.doc_id),
st AS (
  SELECT ai.identity, s.doc_id, count(*) AS n
    FROM statements s JOIN documents d ON d.id = s.doc_id
    JOIN actor_identities ai ON ai.doc_id = s.doc_id AND ai.actor = s.speaker{st_where}
   GROUP BY ai.identity, s.doc_id),
per_doc AS (
  SELECT identity, doc_id, sum(as_actor) AS as_actor, sum(as_recipient) AS as_recipient, sum(n) AS n FROM (
    SELECT identity, doc_id, as_actor, as_recipient, 0 AS n FROM part
    UNION ALL SELECT identity, doc_id, 0, 0, n FROM st)
  GROUP BY identity, doc_id),
r AS (
  SELECT i.id, i.name, i.kind, i.country, sum(pd.as_actor) AS as_actor, sum(pd.as_recipient) AS as_recipient,
         sum(pd.n) AS statements, count(*) AS documents
    FROM per_doc pd JOIN identities i ON i.id = pd.identity
   WHERE 1{name_term}
   GROUP BY i.id{" HAVING sum(pd.as_actor) + sum(pd.as_recipient) > 0" if needs_event else ""})
"""
    return sql, [*params, *st_params, *name_params]


def _sort(raw: str | None) -> tuple[str, bool]:
    value = raw or "events"
    name, reverse = value.removeprefix("-"), value.startswith("-")
    if name not in SORTS:
        raise Serve.BAD_FILTER.error(name="sort", value=value,
                                     problem=f"sort by one of {', '.join(SORTS)} (a leading - reverses)")
    return name, reverse


def _cursor(raw: str | None, width: int) -> list[Any]:
    if not raw:
        return []
    try:
        values = json.loads(raw)
    except ValueError:
        values = None
    if (not isinstance(values, list) or len(values) != width
            or not all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in values)):
        raise Serve.BAD_FILTER.error(name="after", value=raw, problem="not a page cursor of this sort")
    return values


def actor_rows(conn: sqlite3.Connection, filters: Filters, *, sort: str = "events", reverse: bool = False,
               after: list[Any] | None = None, limit: int = PAGE_ROWS) -> list[dict[str, Any]]:
    """One page of actors with their counts under ``filters``, in ``sort`` order, after the cursor ``after``;
    each row carries its own cursor (``key``)."""
    sql, params = _counts_sql(filters)
    keys = SORTS[sort]
    key_list = ", ".join(f"{k} AS k{n}" for n, k in enumerate(keys))
    direction = " DESC" if reverse else ""
    sql += f"SELECT r.*, {key_list} FROM r"
    if after:
        tuple_sql = "(" + ", ".join(keys) + ")"
        sql += f" WHERE {tuple_sql} {'<' if reverse else '>'} ({', '.join('?' * len(keys))})"
        params += after
    sql += " ORDER BY " + ", ".join(k + direction for k in keys) + " LIMIT ?"
    out = []
    for row in fetch(conn, sql, [*params, limit]):
        row["key"] = [row.pop(f"k{n}") for n in range(len(keys))]
        row["events"] = row["as_actor"] + row["as_recipient"]
        out.append(row)
    return out


def actor_total(conn: sqlite3.Connection, filters: Filters) -> int:
    sql, params = _counts_sql(filters)
    return int(fetch(conn, sql + "SELECT count(*) AS n FROM r", params)[0]["n"])


def pairs(conn: sqlite3.Connection, filters: Filters, limit: int = PAIRS) -> list[dict[str, Any]]:
    """Who acts on whom: the most frequent (actor identity, recipient identity, event type) among the events
    matching every filter, ``actor`` included (the pairs around the actors it names)."""
    where, params = filters.where()
    sql = f"""
WITH ev AS ({_EVENTS}{" WHERE " + " AND ".join(where) if where else ""}),
pr AS (
  SELECT aa.identity AS source, ar.identity AS target, ev.type, count(DISTINCT ev.key) AS n
    FROM ev
    JOIN event_participants pa ON pa.doc_id = ev.doc_id AND pa.event = ev.id AND pa.role = 'actor'
    JOIN actor_identities aa ON aa.doc_id = pa.doc_id AND aa.actor = pa.actor
    JOIN event_participants pb ON pb.doc_id = ev.doc_id AND pb.event = ev.id AND pb.role = 'recipient'
    JOIN actor_identities ar ON ar.doc_id = pb.doc_id AND ar.actor = pb.actor
   WHERE aa.identity != ar.identity
   GROUP BY aa.identity, ar.identity, ev.type
   ORDER BY n DESC, aa.identity, ar.identity, ev.type LIMIT ?)
SELECT pr.source, s.name AS source_name, s.country AS source_country, pr.target, t.name AS target_name,
       t.country AS target_country, pr.type, pr.n
  FROM pr JOIN identities s ON s.id = pr.source JOIN identities t ON t.id = pr.target
 ORDER BY pr.n DESC, pr.source, pr.target, pr.type
"""
    return fetch(conn, sql, [*params, limit])


def _size(request: Request) -> int:
    raw = request.query_params.get("size") or str(PAGE_ROWS)
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE_ROWS:
        raise Serve.BAD_FILTER.error(name="size", value=raw, problem=f"a page size is 1 to {MAX_PAGE_ROWS}")
    return int(raw)


@router.get("/actors")
def actors_page(request: Request, conn: Conn) -> Response:
    filters = Filters.parse(request.query_params)
    sort, reverse = _sort(request.query_params.get("sort"))
    size = _size(request)
    after = _cursor(request.query_params.get("after"), len(SORTS[sort]))
    found = actor_rows(conn, filters, sort=sort, reverse=reverse, after=after, limit=size + 1)
    more = len(found) > size
    found = found[:size]
    sort_param = ("-" if reverse else "") + sort
    data = {
        "filters": filters.given(),
        "sort": sort_param,
        "total": actor_total(conn, filters),
        "rows": found,
        "next": json.dumps(found[-1]["key"]) if found and more else None,
        "pairs": pairs(conn, filters),
    }
    return page(request, "actors.html", data, title="Actors", f=filters, size=size,
                sort_links=_sort_links(filters, sort, reverse, size))


def _sort_links(filters: Filters, sort: str, reverse: bool, size: int) -> dict[str, dict[str, str | None]]:
    """Per column: the header's href (the active column's reverses it) and its ``aria-sort``."""
    out: dict[str, dict[str, str | None]] = {}
    flip = {"ascending": "descending", "descending": "ascending"}
    for name in SORTS:
        active = name == sort
        target = ("" if active and reverse else "-" if active else "") + name
        aria = (flip[NATURAL[name]] if reverse else NATURAL[name]) if active else None
        out[name] = {"href": filters.link("/actors", sort=None if target == "events" else target, after=None,
                                          size=None if size == PAGE_ROWS else str(size)),
                     "aria": aria}
    return out


def _not_found(ident: str) -> Response:
    raise Serve.NOT_FOUND.error(what="actor", id=ident, hint=" (actor ids are I + 12 hex digits)")


_ACTOR_EVENTS = """
SELECT e.doc_id, e.id AS event_id, ep.role, e.type, e.mode, e.status, e.date, e.date_start, e.fatalities,
       e.sentence, p.name AS place, p.country AS place_country, d.title, d.source,
       (SELECT json_group_array(json_object('id', ai2.identity, 'name', a2.name))
          FROM event_participants ep2
          JOIN actors a2 ON a2.doc_id = ep2.doc_id AND a2.id = ep2.actor
          LEFT JOIN actor_identities ai2 ON ai2.doc_id = ep2.doc_id AND ai2.actor = ep2.actor
         WHERE ep2.doc_id = e.doc_id AND ep2.event = e.id AND ep2.role != ep.role) AS counterparts
  FROM actor_identities ai
  JOIN event_participants ep ON ep.doc_id = ai.doc_id AND ep.actor = ai.actor
  JOIN events e ON e.doc_id = ep.doc_id AND e.id = ep.event
  JOIN documents d ON d.id = e.doc_id
  LEFT JOIN places p ON p.doc_id = e.doc_id AND p.id = e.place
 WHERE ai.identity = ? AND ep.role = ?
 GROUP BY e.key
 ORDER BY COALESCE(e.date_start, '') DESC, e.key DESC
 LIMIT ?
"""

_ACTOR_COUNTS = """
SELECT ep.role, count(DISTINCT e.key) AS n
  FROM actor_identities ai
  JOIN event_participants ep ON ep.doc_id = ai.doc_id AND ep.actor = ai.actor
  JOIN events e ON e.doc_id = ep.doc_id AND e.id = ep.event
 WHERE ai.identity = ? GROUP BY ep.role
"""

_STATEMENTS = """
SELECT s.doc_id, s.id AS statement_id, s.content, s.direct, s.cue, s.date, s.date_start, d.title, d.source
  FROM actor_identities ai
  JOIN statements s ON s.doc_id = ai.doc_id AND s.speaker = ai.actor
  JOIN documents d ON d.id = s.doc_id
 WHERE ai.identity = ?
 ORDER BY COALESCE(s.date_start, '') DESC, s.key DESC
"""

_COUNTERPARTS = """
SELECT ai2.identity AS id, i2.name, i2.country, ep.role AS own_role, count(DISTINCT e.key) AS n
  FROM actor_identities ai
  JOIN event_participants ep ON ep.doc_id = ai.doc_id AND ep.actor = ai.actor
  JOIN events e ON e.doc_id = ep.doc_id AND e.id = ep.event
  JOIN event_participants ep2 ON ep2.doc_id = ep.doc_id AND ep2.event = ep.event AND ep2.role != ep.role
  JOIN actor_identities ai2 ON ai2.doc_id = ep2.doc_id AND ai2.actor = ep2.actor
  JOIN identities i2 ON i2.id = ai2.identity
 WHERE ai.identity = ? AND ai2.identity != ai.identity
 GROUP BY ai2.identity, ep.role
 ORDER BY n DESC, i2.name, ai2.identity LIMIT ?
"""

_MENTIONS = """
SELECT a.doc_id, a.name, a.aliases, a.kind, a.sector, ai.country, ai.country_source
  FROM actor_identities ai JOIN actors a ON a.doc_id = ai.doc_id AND a.id = ai.actor
 WHERE ai.identity = ?
"""


def _tally(values: list[Any]) -> list[dict[str, Any]]:
    """Distinct values, most frequent first (then alphabetical), each with its count."""
    counts: dict[Any, int] = {}
    for v in values:
        if v:
            counts[v] = counts.get(v, 0) + 1
    return [{"value": v, "n": n} for v, n in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))]


def actor(conn: sqlite3.Connection, ident: str) -> dict[str, Any] | None:
    """One identity's page: its names, country and where it came from, events, statements, counterparts."""
    found = fetch(conn, "SELECT id, name, kind, country, n_actors FROM identities WHERE id = ?", [ident])
    if not found:
        return None
    out = found[0]
    mentions = fetch(conn, _MENTIONS, [ident])
    aliases: list[str] = []
    for m in mentions:
        aliases += [a for a in json.loads(m["aliases"] or "[]") if isinstance(a, str)]
    names = {str(m["name"]).casefold() for m in mentions if m["name"]}
    out["names"] = _tally([m["name"] for m in mentions])
    out["aliases"] = [a for a in _tally(aliases) if str(a["value"]).casefold() not in names]
    out["sectors"] = _tally([m["sector"] for m in mentions])
    out["kinds"] = _tally([m["kind"] for m in mentions])
    sources = _tally([(m["country"], m["country_source"] or "story") if m["country"] else None for m in mentions])
    out["country_sources"] = [{"country": c["value"][0], "source": c["value"][1], "n": c["n"]} for c in sources]
    out["documents"] = len({m["doc_id"] for m in mentions})
    counts = {r["role"]: r["n"] for r in fetch(conn, _ACTOR_COUNTS, [ident])}
    out["counts"] = {"as_actor": counts.get("actor", 0), "as_recipient": counts.get("recipient", 0)}
    for role, key in (("actor", "as_actor"), ("recipient", "as_recipient")):
        rows = fetch(conn, _ACTOR_EVENTS, [ident, role, ACTOR_ROWS])
        for r in rows:
            r["counterparts"] = [c for c in json.loads(r["counterparts"] or "[]") if c.get("name")]
        out[key] = rows
    statements = fetch(conn, _STATEMENTS, [ident])
    out["counts"]["statements"] = len(statements)
    for s in statements:
        s["direct"] = bool(s["direct"])
    out["statements"] = statements[:ACTOR_ROWS]
    out["counterparts"] = fetch(conn, _COUNTERPARTS, [ident, COUNTERPARTS])
    return out


@router.get("/actors/{ident}")
def actor_page(request: Request, conn: Conn, ident: str) -> Response:
    found = actor(conn, ident)
    if found is None:
        return _not_found(ident)
    return page(request, "actor.html", {"actor": found}, title=found["name"] or found["id"])
