"""The story-event pages: ``/stories``, the list of real-world events across documents, and
``/stories/{id}``, one event with every report of it (sentence, outlet, date) and the figures side by side.

Why through ``store.story_queries``: the pages show exactly what ``eventwire stories`` / ``eventwire story``
print (docs/stories.md), the same filters, the same timeline order, the same ``contested`` figures; the web
layer only pages and lays them out. Pages are capped offsets (``start``): the order is the CLI's timeline
(a computed precision bucket, then dates), so the sort runs whole anyway, and the whole story objects are
built only for the rows shown.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from ..errors import Serve
from ..store.story_queries import resolve, stories, story, story_filters
from .db import Conn, fetch
from .filters import Filters
from .render import page

router = APIRouter()
PAGE_ROWS = 50
MAX_PAGE_ROWS = 200
#: The deepest offset a page may start at (narrow the filters beyond it).
MAX_START = 20_000
FACET_VALUES = 12
#: "Reported by at least N outlets" links.
SOURCE_STEPS = (2, 3, 5)


@dataclass(frozen=True, slots=True)
class StoryFilters(Filters):
    """The shared filters plus the story events' own: at least N outlets, at least N documents."""

    min_sources: str | None = None
    min_documents: str | None = None

    @classmethod
    def read(cls, params: Any) -> StoryFilters:
        """``Filters.parse`` typed as this class."""
        found = cls.parse(params)
        assert isinstance(found, StoryFilters)
        return found

    def check(self) -> None:
        Filters.check(self)
        for name in ("min_sources", "min_documents"):
            value = getattr(self, name)
            if value and (not value.isdigit() or int(value) > 1_000_000):
                raise Serve.BAD_FILTER.error(name=name, value=value, problem="a whole number (0 or more)")

    def story_terms(self) -> tuple[list[str], list[Any]]:
        """WHERE terms over ``story_events s`` (``story_queries.story_filters``)."""
        return story_filters(**self.arguments())

    def arguments(self) -> dict[str, Any]:
        return {"type": self.type, "country": self.country, "actor": self.actor, "place": self.place,
                "since": self.since, "until": self.until, "status": self.status, "source": self.source,
                "min_sources": int(self.min_sources) if self.min_sources else None,
                "min_documents": int(self.min_documents) if self.min_documents else None}


def _where(filters: StoryFilters) -> tuple[str, list[Any]]:
    where, params = filters.story_terms()
    return (" WHERE " + " AND ".join(where)) if where else "", params


#: Facet name → SQL expression over ``story_events s``.
FACETS = {"type": "s.type", "country": "json_extract(s.place, '$.country')", "status": "s.status"}


def facets(conn: sqlite3.Connection, filters: StoryFilters) -> dict[str, list[dict[str, Any]]]:
    """The most frequent types, place countries and statuses among the matching story events."""
    where, params = _where(filters)
    out = {}
    for name, expr in FACETS.items():
        sql = (f"SELECT {expr} AS value, count(*) AS n FROM story_events s{where}"
               f"{' AND' if where else ' WHERE'} {expr} IS NOT NULL GROUP BY value ORDER BY n DESC, value "
               f"LIMIT {FACET_VALUES}")
        out[name] = fetch(conn, sql, params)
    return out


def _list_row(whole: dict[str, Any]) -> dict[str, Any]:
    """A list row: the story's summary without its reports (the story page has those)."""
    row = {k: whole[k] for k in ("id", "type", "mode", "status", "date_start", "date_end", "place", "actors",
                                 "recipients", "num_mentions", "num_documents", "num_sources", "sources")}
    row["figures"] = [{k: f[k] for k in ("field", "low", "high", "contested")} for f in whole["figures"]]
    row["contested"] = any(f["contested"] for f in whole["figures"])
    return row


def _number(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query_params.get(name) or str(default)
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise Serve.BAD_FILTER.error(name=name, value=raw, problem=f"a whole number from {low} to {high}")
    return int(raw)


@router.get("/stories")
def stories_page(request: Request, conn: Conn) -> Response:
    filters = StoryFilters.read(request.query_params)
    size = _number(request, "size", PAGE_ROWS, 1, MAX_PAGE_ROWS)
    start = _number(request, "start", 0, 0, MAX_START)
    found = stories(conn, **filters.arguments(), limit=size + 1, offset=start)
    more = len(found) > size
    where, params = _where(filters)
    total = fetch(conn, f"SELECT count(*) AS n FROM story_events s{where}", params)[0]["n"]
    data = {
        "filters": filters.given(),
        "total": total,
        "start": start,
        "rows": [_list_row(s) for s in found[:size]],
        "next": start + size if more and start + size <= MAX_START else None,
        "facets": facets(conn, filters),
    }
    return page(request, "stories.html", data, title="Story events", f=filters, size=size,
                source_steps=SOURCE_STEPS)


def _reports(conn: sqlite3.Connection, whole: dict[str, Any]) -> list[dict[str, Any]]:
    """Every member report with its document's title and the figures that document gives."""
    ids = whole["documents"]
    titles = {r["id"]: r["title"] for r in fetch(
        conn, f"SELECT id, title FROM documents WHERE id IN ({', '.join('?' * len(ids))})", ids)} if ids else {}
    given: dict[str, list[dict[str, Any]]] = {}
    for fig in whole["figures"]:
        for v in fig["values"]:
            given.setdefault(v["document"], []).append({"field": fig["field"], "value": v["value"],
                                                        "qualifier": v["qualifier"]})
    return [{**m, "title": titles.get(m["document"]), "figures": given.get(m["document"], [])}
            for m in whole["mentions"]]


def _not_found(sid: str) -> Response:
    raise Serve.NOT_FOUND.error(what="story event", id=sid, hint=" (story ids are S + 12 hex digits)")


@router.get("/stories/{sid}")
def story_page(request: Request, conn: Conn, sid: str) -> Response:
    now = resolve(conn, sid)
    if now is None:
        return _not_found(sid)
    if now != sid:  # merged into an older story: that one is the page
        query = {"merged_from": sid, **({"format": "json"} if request.query_params.get("format") == "json" else {})}
        return RedirectResponse(f"/stories/{now}?{urlencode(query)}", status_code=302)
    whole = story(conn, now)
    if whole is None:
        return _not_found(sid)
    merged_from = request.query_params.get("merged_from")
    merged = merged_from and merged_from != now and resolve(conn, merged_from) == now
    whole["merged_from"] = merged_from if merged else None
    whole["reports"] = _reports(conn, whole)
    del whole["mentions"]  # each is in ``reports``, with its title and figures
    return page(request, "story.html", {"story": whole}, title=_title(whole))


def _title(whole: dict[str, Any]) -> str:
    """"ASSAULT (drone) in Kharkiv, 2025-11-03": what happened, where and when, as the page's heading."""
    what = f"{whole['type'] or 'Event'}" + (f" ({whole['mode']})" if whole["mode"] else "")
    where = f" in {whole['place']['name']}" if whole["place"] and whole["place"].get("name") else ""
    start, end = whole["date_start"], whole["date_end"]
    when = f", {start}" + (f" to {end}" if end and end != start else "") if start else ""
    return what + where + when
