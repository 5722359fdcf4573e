"""A story event's summary row, recomputed from its members whenever they change.

Why materialised: ``eventwire stories --type ASSAULT --since …`` filters and sorts thousands of story
events; recomputing type, dates and counts from every member at each query would cost a scan of the
members per story. ``refresh`` runs inside the transaction that changed the members, so the summary
is never out of step with them.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..stories.mention import Mention, Place, source_of
from .story_index import drop_story, parse_mention


@dataclass(frozen=True, slots=True)
class Member:
    """A member mention with what its document says about it."""

    mention: Mention
    published: str | None  # the document's publication, datetime when known
    outlet: str  # the source after syndicated copies collapse: the original's outlet for a copy
    copy_of: str | None = None  # the original, when the document is a syndicated copy


MEMBER_SQL = """
SELECT m.mention, COALESCE(d.published_at, d.published), d.source, d.url, o.source, o.url, c.copy_of
  FROM story_members m
  JOIN documents d ON d.id = m.doc_id
  LEFT JOIN doc_copies c ON c.doc_id = m.doc_id
  LEFT JOIN documents o ON o.id = c.copy_of
 WHERE m.story = ?
 ORDER BY COALESCE(d.published_at, d.published), m.doc_id, m.rowid
"""


def members(conn: sqlite3.Connection, sid: str) -> list[Member]:
    out = []
    for mention, published, source, url, o_source, o_url, copy_of in conn.execute(MEMBER_SQL, (sid,)):
        own = source_of({"source": source, "url": url})
        outlet = source_of({"source": o_source, "url": o_url}) if copy_of else own
        out.append(Member(parse_mention(mention), published, outlet, copy_of))
    return out


def _majority(values: Iterable[str | None]) -> str | None:
    """The most frequent non-null value; ties go to the earliest report (``values`` come oldest first)."""
    items = [v for v in values if v]
    if not items:
        return None
    counts = Counter(items)
    top = max(counts.values())
    return next(v for v in items if counts[v] == top)


def agreed_dates(ms: list[Mention]) -> tuple[str | None, str | None]:
    """The interval the members' own dates agree on: the common part of the largest group of
    overlapping intervals (finest first on ties); the earliest publication day when none has a date."""
    spans = [(m.date_start, m.date_end) for m in ms if m.date_start and m.date_end]
    if not spans:
        days = sorted(m.published for m in ms if m.published)
        return (days[0], days[0]) if days else (None, None)
    return agreed_interval(spans)


def agreed_interval(spans: list[tuple[str, str]]) -> tuple[str, str]:
    """The common part of the largest group of overlapping (start, end) intervals, finest first on ties
    (the story summary and the ACLED export date a story event by it)."""
    best: tuple[int, int, str, str] | None = None
    counted = Counter(spans)  # many reports give one interval: quadratic in distinct intervals, not reports
    weights = dict(counted)
    distinct = list(counted)
    for start, end in spans:
        if (start, end) not in counted:
            continue  # this seed was tried already (the first time it came; order decides ties)
        del counted[(start, end)]
        group = [(s, e) for s, e in distinct if s <= end and start <= e]
        lo, hi = max(s for s, _ in group), min(e for _, e in group)
        if lo > hi:  # members that overlap the seed but not one another: keep the seed itself
            lo, hi = start, end
        width = (hi > lo) + len(hi)  # a crude tie-break that prefers a single day
        size = sum(weights[s] for s in group)
        key = (size, -width, lo, hi)
        if best is None or key[:2] > best[:2]:
            best = key
    assert best is not None
    return best[2], best[3]


def _place(ms: list[Mention]) -> Place | None:
    """The place most members name, a town before a province or country on ties."""
    named = [m.place for m in ms if m.place]
    if not named:
        return None
    counts = Counter(p.name for p in named)
    wide = {"country", "admin1", "region", "continent"}
    return max(named, key=lambda p: (counts[p.name], p.kind not in wide))


def refresh(conn: sqlite3.Connection, ids: Iterable[str]) -> None:
    """Recompute the summary row and ``story_actors`` of each story; a story left with no member goes."""
    for sid in sorted(set(ids)):
        ms = members(conn, sid)
        if not ms:
            drop_story(conn, sid)
            continue
        mentions = [m.mention for m in ms]
        statuses = [m.status for m in mentions]
        status = "reported" if "reported" in statuses else _majority(statuses)
        start, end = agreed_dates(mentions)
        place = _place(mentions)
        reported = [m.published for m in ms if m.published]
        sources = sorted({m.outlet for m in ms})
        conn.execute(
            "UPDATE story_events SET type = ?, mode = ?, status = ?, date_start = ?, date_end = ?, place = ?, "
            "first_reported = ?, last_reported = ?, num_mentions = ?, num_documents = ?, num_sources = ?, sources = ? "
            "WHERE id = ?",
            (_majority(m.type for m in mentions), _majority(m.mode for m in mentions), status, start, end,
             json.dumps(place_json(place), ensure_ascii=False) if place else None,
             min(reported) if reported else None, max(reported) if reported else None, len(ms),
             len({m.doc for m in mentions}), len(sources), json.dumps(sources, ensure_ascii=False), sid))
        conn.execute("DELETE FROM story_actors WHERE story = ?", (sid,))
        counts: Counter[tuple[str, str]] = Counter()
        for m in mentions:
            counts.update((a, "actor") for a in m.actors)
            counts.update((r, "recipient") for r in m.recipients)
        conn.executemany("INSERT INTO story_actors (story, identity, role, n) VALUES (?, ?, ?, ?)",
                         [(sid, ident, role, n) for (ident, role), n in sorted(counts.items())])


def place_json(place: Place) -> dict[str, Any]:
    return {"name": place.name, "country": place.country, "lat": place.lat, "lon": place.lon}


def problems(conn: sqlite3.Connection) -> list[str]:
    """What is inconsistent in the story tables (empty when all is well): members of missing events or
    stories, stories without members, summary counts that disagree with the members."""
    checks = (
        ("members whose event is not stored", "SELECT count(*) FROM story_members m WHERE NOT EXISTS "
         "(SELECT 1 FROM events e WHERE e.doc_id = m.doc_id AND e.id = m.event)"),
        ("members of a story that does not exist", "SELECT count(*) FROM story_members m WHERE NOT EXISTS "
         "(SELECT 1 FROM story_events s WHERE s.id = m.story)"),
        ("story events without members", "SELECT count(*) FROM story_events s WHERE NOT EXISTS "
         "(SELECT 1 FROM story_members m WHERE m.story = s.id)"),
        ("story events whose num_mentions is not their member count", "SELECT count(*) FROM story_events s "
         "WHERE num_mentions != (SELECT count(*) FROM story_members m WHERE m.story = s.id)"),
        ("stored events in no story event", "SELECT count(*) FROM events e WHERE NOT EXISTS "
         "(SELECT 1 FROM story_members m WHERE m.doc_id = e.doc_id AND m.event = e.id)"),
    )
    out = []
    for label, sql in checks:
        n = conn.execute(sql).fetchone()[0]
        if n:
            out.append(f"{n} {label}")
    return out
