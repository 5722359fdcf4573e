"""The map page: events by place on the world outline shipped with the package, one circle per place.

Why circles by place, not tiles: the app works offline, so the outline is a static SVG built from Natural Earth
(``scripts/build_world_map.py``, equirectangular in tenths of a degree) and each place with coordinates is a
circle whose area is proportional to its number of matching events, coloured by its most frequent event type
(legend and tooltips name it too). Every circle and every row of the table below is a link to the events page
filtered to that place and its country, keeping the current filters. ``?format=json`` gives the points in the
order they are drawn (most events first, so small circles lie on top) and listed.
"""

from __future__ import annotations

import math
import sqlite3
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from .db import Conn, fetch
from .filters import Filters
from .render import page

router = APIRouter()
#: Circles drawn at most (the places with most events); the table lists the first ``TABLE_ROWS``.
MAX_POINTS = 2000
TABLE_ROWS = 100
#: Radius of the biggest circle and of the smallest, in map units (tenths of a degree).
MAX_RADIUS, MIN_RADIUS = 60.0, 7.0
#: The map's viewBox: the whole longitude range, latitudes 84°N to 60°S (Antarctica's coast is cut).
VIEW = (0, 60, 3600, 1440)


def points(conn: sqlite3.Connection, filters: Filters) -> tuple[list[dict[str, Any]], int]:
    """The places of the matching events that have coordinates, most events first (at most ``MAX_POINTS``),
    each with its count and most frequent type, and how many such places there are in all."""
    where, params = filters.where()
    where += ["p.lat IS NOT NULL", "p.lon IS NOT NULL", "p.name IS NOT NULL"]
    rows = fetch(conn, "SELECT p.name AS name, COALESCE(p.country, '') AS country, e.type AS type, count(*) AS n, "
                       "min(p.lat) AS lat, min(p.lon) AS lon FROM events e JOIN documents d ON d.id = e.doc_id "
                       "JOIN places p ON p.doc_id = e.doc_id AND p.id = e.place WHERE " + " AND ".join(where)
                       + " GROUP BY p.name, p.country, e.type", params)
    places: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        key = (row["name"], row["country"])
        place = places.setdefault(key, {"name": row["name"], "country": row["country"] or None,
                                        "lat": round(row["lat"], 3), "lon": round(row["lon"], 3), "count": 0,
                                        "types": {}})
        place["count"] += row["n"]
        place["types"][row["type"]] = place["types"].get(row["type"], 0) + row["n"]
    out = []
    for place in places.values():
        types = place.pop("types")
        place["top_type"] = min(types, key=lambda t: (-types[t], t or ""))
        out.append(place)
    out.sort(key=lambda p: (-p["count"], p["name"], p["country"] or ""))
    return out[:MAX_POINTS], len(out)


def circles(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Where and how big each point is drawn: x = (lon + 180) × 10, y = (90 − lat) × 10, area ∝ count."""
    top = max((p["count"] for p in found), default=1)
    return [{"x": round((p["lon"] + 180) * 10, 1), "y": round((90 - p["lat"]) * 10, 1),
             "r": round(max(MIN_RADIUS, MAX_RADIUS * math.sqrt(p["count"] / top)), 1)} for p in found]


@router.get("/map")
def map_page(request: Request, conn: Conn) -> Response:
    filters = Filters.parse(request.query_params)
    found, total = points(conn, filters)
    counts: dict[str, int] = {}
    for p in found:
        counts[p["top_type"]] = counts.get(p["top_type"], 0) + 1
    data = {
        "filters": filters.given(),
        "summary": {"places": total, "drawn": len(found), "events": sum(p["count"] for p in found)},
        "points": found,
    }
    return page(request, "map.html", data, title="Map", f=filters, circles=circles(found), view=VIEW,
                legend=sorted(counts, key=lambda t: (-counts[t], t)), table_rows=TABLE_ROWS)
