"""The timeline page: events and story events per day (week, month, year) by type, as a server-drawn chart.

Why the events' own dates: a timeline says when things happened, so an event counts on its ``date_start``
(the first day its date covers: a month-precise date counts on the month's first day). Events whose date fell
back to the publication day (``date_precision = 'published'``, most events of a news store) are included by
default, as the best date the store has, and the summary says how many; ``?dates=own`` leaves them out.
Story events count on their agreed ``date_start``. Every bucket is a link to that period's events, and the
chart's JS brush turns a dragged range into the events page's ``since``/``until``. Long ranges are bucketed by
week, month or years so that the chart never has more than ``MAX_BUCKETS`` bars; without ``since``/``until``
the chart spans the 1st to 99th percentile of the dates (a handful of events dated decades back would otherwise
squeeze the rest into one bar) and says how many fell outside (``?span=all`` draws them all).
"""

from __future__ import annotations

import math
import sqlite3
from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ..errors import Serve
from ..store.queries import bounds, overlaps
from .db import Conn, fetch
from .filters import EVENTS_FROM, Filters
from .render import page

router = APIRouter()
MAX_BUCKETS = 400
#: Share of the counted dates the default span may leave out at each end.
TRIM = 0.01
FROM = EVENTS_FROM
#: The chart's drawing box (SVG user units): width, left margin, event panel, story panel, axis line.
WIDTH, LEFT, RIGHT = 1200, 52, 8
EVENTS_TOP, EVENTS_BOTTOM, STORIES_TOP, STORIES_BOTTOM = 12, 222, 252, 330


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def event_days(conn: sqlite3.Connection, filters: Filters, *, own: bool) -> list[dict[str, Any]]:
    """(day, type, n) of the matching events with a date; ``own`` leaves out publication-day fallbacks."""
    where, params = filters.where()
    where.append("e.date_start IS NOT NULL")
    if own:
        where.append("COALESCE(e.date_precision, '') != 'published'")
    return fetch(conn, f"SELECT e.date_start AS day, e.type AS type, count(*) AS n {FROM} WHERE "
                       f"{' AND '.join(where)} GROUP BY day, type", params)


def story_days(conn: sqlite3.Connection, filters: Filters) -> list[dict[str, Any]]:
    """(day, type, n, documents) of the story events on their agreed date; a filter other than the dates
    keeps the story events with a member event it matches."""
    rest, params = filters.without("since").without("until").where()
    where = ["s.date_start IS NOT NULL"]
    if rest:
        where.append("s.id IN (SELECT sm.story FROM story_members sm JOIN events e ON e.doc_id = sm.doc_id "
                     f"AND e.id = sm.event JOIN documents d ON d.id = e.doc_id LEFT JOIN places p "
                     f"ON p.doc_id = e.doc_id AND p.id = e.place WHERE {' AND '.join(rest)})")
    overlaps("s", filters.since, filters.until, where, params)
    return fetch(conn, "SELECT s.date_start AS day, s.type AS type, count(*) AS n, sum(s.num_documents) AS docs "
                       f"FROM story_events s WHERE {' AND '.join(where)} GROUP BY day, type", params)


def _quantile(counts: list[tuple[date, int]], share: float) -> date:
    total = sum(n for _, n in counts)
    seen = 0
    for day, n in counts:
        seen += n
        if seen > total * share:
            return day
    return counts[-1][0]


def span(counts: list[tuple[date, int]], filters: Filters, whole: bool) -> tuple[date, date] | None:
    """The first and last day the chart covers: the asked dates, else the data's (trimmed unless ``whole``)."""
    if not counts:
        return None
    counts = sorted(counts)
    lo, hi = counts[0][0], counts[-1][0]
    if not whole and not (filters.since or filters.until):
        lo, hi = _quantile(counts, TRIM), _quantile(counts, 1 - TRIM)
    start, end = bounds(filters.since, filters.until)
    lo = _day(start) or lo
    hi = _day(end) or hi
    return lo, max(lo, hi)


def unit(lo: date, hi: date) -> tuple[str, int]:
    """The bucket for a span: day, week or month if that gives at most ``MAX_BUCKETS`` bars, else N years."""
    days = (hi - lo).days + 1
    if days <= MAX_BUCKETS:
        return "day", 1
    if days / 7 <= MAX_BUCKETS - 1:
        return "week", 1
    months = (hi.year - lo.year) * 12 + hi.month - lo.month + 1
    if months <= MAX_BUCKETS:
        return "month", 1
    return "year", math.ceil((hi.year - lo.year + 1) / MAX_BUCKETS)


def bucket_start(day: date, kind: str, step: int) -> date:
    if kind == "week":
        return day - timedelta(days=day.weekday())
    if kind == "month":
        return day.replace(day=1)
    if kind == "year":
        return date(day.year - (day.year % step), 1, 1)
    return day


def _next(start: date, kind: str, step: int) -> date:
    if kind == "day":
        return start + timedelta(days=1)
    if kind == "week":
        return start + timedelta(days=7)
    if kind == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return date(min(start.year + step, 9999), 1, 1) if start.year + step <= 9999 else date.max


def _label(start: date, end: date, kind: str, step: int) -> str:
    if kind == "day":
        return start.isoformat()
    if kind == "week":
        return f"week of {start.isoformat()}"
    if kind == "month":
        return start.strftime("%Y-%m")
    return str(start.year) if step == 1 else f"{start.year}–{end.year}"


def buckets(events: list[dict[str, Any]], stories: list[dict[str, Any]], lo: date, hi: date
            ) -> tuple[str, list[dict[str, Any]], dict[str, int]]:
    """Every bucket from ``lo`` to ``hi`` (empty ones too, so the axis is linear) with its counts by type,
    and how many events and story events fell outside the span."""
    kind, step = unit(lo, hi)
    out: list[dict[str, Any]] = []
    index: dict[date, int] = {}
    start = bucket_start(lo, kind, step)
    while start <= hi:
        after = _next(start, kind, step)
        end = after - timedelta(days=1) if after != date.max else date.max
        index[start] = len(out)
        out.append({"since": start.isoformat(), "until": end.isoformat(), "label": _label(start, end, kind, step),
                    "events": {}, "total": 0, "stories": {}, "story_total": 0, "documents": 0})
        if after == date.max:
            break
        start = after
    outside = {"events": 0, "stories": 0}
    for rows, counts, total, name in ((events, "events", "total", "events"),
                                      (stories, "stories", "story_total", "stories")):
        for row in rows:
            day = _day(row["day"])
            at = index.get(bucket_start(day, kind, step)) if day and lo <= day <= hi else None
            if at is None:
                outside[name] += row["n"]
                continue
            bucket = out[at]
            bucket[counts][row["type"]] = bucket[counts].get(row["type"], 0) + row["n"]
            bucket[total] += row["n"]
            bucket["documents"] += row.get("docs") or 0
    return kind if step == 1 else f"{step} years", out, outside


def chart(found: list[dict[str, Any]], types: list[str]) -> dict[str, Any]:
    """Bar geometry for the template (SVG user units): per bucket its x and width, stacked segments per row."""
    n = max(len(found), 1)
    width = (WIDTH - LEFT - RIGHT) / n
    gap = 1.0 if width > 4 else 0.0
    top_events = max((b["total"] for b in found), default=0) or 1
    top_stories = max((b["story_total"] for b in found), default=0) or 1
    order = {t: i for i, t in enumerate(types)}
    bars = []
    for i, b in enumerate(found):
        x = LEFT + i * width
        segments = []
        for row, counts, top, bottom, height in (("events", b["events"], top_events, EVENTS_BOTTOM,
                                                  EVENTS_BOTTOM - EVENTS_TOP),
                                                 ("stories", b["stories"], top_stories, STORIES_BOTTOM,
                                                  STORIES_BOTTOM - STORIES_TOP)):
            y = float(bottom)
            for t in sorted(counts, key=lambda t: order.get(t, 99)):
                h = counts[t] / top * height
                y -= h
                segments.append({"row": row, "type": t, "n": counts[t], "y": round(y, 2), "h": round(h, 2)})
        bars.append({"x": round(x, 2), "w": round(max(width - gap, 0.5), 2), "segments": segments})
    every = max(1, math.ceil(n / 8))
    ticks = [{"x": round(LEFT + (i + 0.5) * width, 2), "label": b["label"].removeprefix("week of ")}
             for i, b in enumerate(found) if i % every == 0]
    return {"bars": bars, "ticks": ticks, "top_events": top_events if found else 0,
            "top_stories": top_stories if found else 0, "width": WIDTH, "left": LEFT, "bar": round(width, 4),
            "events_top": EVENTS_TOP, "events_bottom": EVENTS_BOTTOM, "stories_top": STORIES_TOP,
            "stories_bottom": STORIES_BOTTOM}


def _choice(request: Request, name: str, choices: tuple[str, ...]) -> str:
    value = request.query_params.get(name) or choices[0]
    if value not in choices:
        raise Serve.BAD_FILTER.error(name=name, value=value, problem=f"use one of {', '.join(choices)}")
    return value


@router.get("/timeline")
def timeline_page(request: Request, conn: Conn) -> Response:
    filters = Filters.parse(request.query_params)
    dates = _choice(request, "dates", ("all", "own"))
    whole = _choice(request, "span", ("data", "all")) == "all"
    events = event_days(conn, filters, own=dates == "own")
    stories = story_days(conn, filters)
    per_day: dict[date, int] = {}
    for row in events + stories:
        day = _day(row["day"])
        if day:
            per_day[day] = per_day.get(day, 0) + row["n"]
    covered = span(sorted(per_day.items()), filters, whole)
    kind, found, outside = buckets(events, stories, *covered) if covered else ("day", [], {"events": 0,
                                                                                          "stories": 0})
    totals: dict[str, int] = {}
    for b in found:
        for t, n in b["events"].items():
            totals[t] = totals.get(t, 0) + n
        for t in b["stories"]:
            totals.setdefault(t, 0)
    types = sorted(totals, key=lambda t: (-totals[t], t))
    fallback = fetch(conn, f"SELECT count(*) AS n {FROM} WHERE "
                           + " AND ".join([*filters.where()[0], "e.date_precision = 'published'"]),
                     filters.where()[1])[0]["n"] if dates == "all" else 0
    data = {
        "filters": filters.given(),
        "dates": dates,
        "span": "all" if whole else "data",
        "unit": kind,
        "summary": {"events": sum(b["total"] for b in found), "stories": sum(b["story_total"] for b in found),
                    "publication_dated": fallback, "outside": outside,
                    "first": found[0]["since"] if found else None, "last": found[-1]["until"] if found else None},
        "types": types,
        "buckets": found,
    }
    return page(request, "timeline.html", data, title="Timeline", f=filters, chart=chart(found, types),
                events_base=filters.link("/events", since=None, until=None))
