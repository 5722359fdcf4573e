"""Reading story events: the filters of ``eventwire stories`` and the full object of ``eventwire story``.

Every story event comes back in the one JSON shape other tools read (docs/stories.md): its summary,
its store-wide actors and recipients, every member mention with its document, outlet and evidence
sentence, and the figures the members give, by source and attribution.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from ..stories.figures import FigureSource, figures
from .queries import country_code, event_type, like, overlaps
from .story_rows import members

_STORY_COLUMNS = ("id, type, mode, status, date_start, date_end, place, first_reported, last_reported, "
                  "num_mentions, num_documents, num_sources, sources")

STORY_FIELDS = ("id", "type", "mode", "status", "date_start", "date_end", "place", "actors", "recipients",
                "first_reported", "last_reported", "num_mentions", "num_documents", "num_sources", "sources",
                "documents", "mentions", "figures")


def stories(conn: sqlite3.Connection, *, type: str | None = None, country: str | None = None,
            actor: str | None = None, place: str | None = None, since: str | None = None,
            until: str | None = None, min_documents: int | None = None, min_sources: int | None = None,
            status: str | None = None, source: str | None = None, limit: int | None = 100,
            offset: int = 0) -> list[dict[str, Any]]:
    """Story events matching every given filter, each whole: those dated to a day first, in date order (then
    first report), then those dated to a week, then those dated only to a month or more.

    ``type``: PLOVER type. ``country``: ISO3 of an actor, a recipient or the place. ``actor``: a
    participant's name, case-insensitive substring. ``place``: substring of the place name.
    ``since``/``until``: the story's agreed dates overlap the asked interval. ``min_documents`` /
    ``min_sources``: at least that many reporting texts / distinct outlets. ``status``: the story's
    status. ``source``: substring of one of its outlets. ``limit`` None = all; ``offset`` skips that many
    (the web app's pages).
    """
    where, params = story_filters(type=type, country=country, actor=actor, place=place, since=since, until=until,
                                  min_documents=min_documents, min_sources=min_sources, status=status,
                                  source=source)
    sql = f"SELECT {_STORY_COLUMNS} FROM story_events s"
    if where:
        sql += " WHERE " + " AND ".join(where)
    # A timeline: story events dated to a day in date order, then those known to a week, then to a month or more.
    sql += (" ORDER BY CASE WHEN s.date_end = s.date_start THEN 0 WHEN julianday(s.date_end) - julianday(s.date_start)"
            " <= 6 THEN 1 ELSE 2 END, s.date_start, s.first_reported, s.id")
    if limit:
        sql += " LIMIT ?"
        params.append(int(limit))
        if offset:
            sql += " OFFSET ?"
            params.append(int(offset))
    return [_whole(conn, row) for row in conn.execute(sql, params).fetchall()]


def story_filters(*, type: str | None = None, country: str | None = None, actor: str | None = None,
                  place: str | None = None, since: str | None = None, until: str | None = None,
                  min_documents: int | None = None, min_sources: int | None = None, status: str | None = None,
                  source: str | None = None) -> tuple[list[str], list[Any]]:
    """The WHERE terms (over ``story_events s``) and parameters of ``stories``' filters, for every reader
    that filters story events the same way (the list, its count and its facets)."""
    where: list[str] = []
    params: list[Any] = []
    if type:
        where.append("s.type = ?")
        params.append(event_type(type))
    if country:
        code = country_code(country)
        where.append("(json_extract(s.place, '$.country') = ? OR s.id IN (SELECT sa.story FROM story_actors sa "
                     "JOIN identities i ON i.id = sa.identity WHERE i.country = ?))")
        params += [code, code]
    if actor:
        where.append("s.id IN (SELECT sa.story FROM story_actors sa JOIN identities i ON i.id = sa.identity "
                     "WHERE i.name LIKE ? ESCAPE '\\')")
        params.append(like(actor))
    if place:
        where.append("json_extract(s.place, '$.name') LIKE ? ESCAPE '\\'")
        params.append(like(place))
    for column, least in (("num_documents", min_documents), ("num_sources", min_sources)):
        if least:
            where.append(f"s.{column} >= ?")
            params.append(int(least))
    if status:
        where.append("s.status = ?")
        params.append(status)
    if source:
        where.append("EXISTS (SELECT 1 FROM json_each(s.sources) j WHERE j.value LIKE ? ESCAPE '\\')")
        params.append(like(source))
    overlaps("s", since, until, where, params)
    return where, params


def resolve(conn: sqlite3.Connection, sid: str) -> str | None:
    """The id a story event goes by now: itself, or the story it was merged into."""
    if conn.execute("SELECT 1 FROM story_events WHERE id = ?", (sid,)).fetchone():
        return sid
    row = conn.execute("SELECT into_story FROM story_merges WHERE gone = ?", (sid,)).fetchone()
    return row[0] if row else None


def story(conn: sqlite3.Connection, sid: str) -> dict[str, Any] | None:
    """One story event, whole; a merged id leads to the story it was merged into (``merged_from`` says so)."""
    now = resolve(conn, sid)
    if now is None:
        return None
    row = conn.execute(f"SELECT {_STORY_COLUMNS} FROM story_events WHERE id = ?", (now,)).fetchone()
    out = _whole(conn, row)
    if now != sid:
        out["merged_from"] = sid
    return out


def _participants(conn: sqlite3.Connection, sid: str, role: str) -> list[dict[str, Any]]:
    rows = conn.execute("SELECT i.id, i.name, i.country FROM story_actors sa JOIN identities i ON i.id = sa.identity "
                        "WHERE sa.story = ? AND sa.role = ? ORDER BY sa.n DESC, i.name", (sid, role)).fetchall()
    return [{"id": r[0], "name": r[1], "country": r[2]} for r in rows]


_EVENT_SQL = """
SELECT e.sentence, e.fatalities, e.fatalities_qualifier, e.quantities, st.speaker_text, a.name
  FROM events e
  LEFT JOIN statements st ON st.doc_id = e.doc_id AND st.id = e.claimed_by
  LEFT JOIN actors a ON a.doc_id = st.doc_id AND a.id = st.speaker
 WHERE e.doc_id = ? AND e.id = ?
"""


def _whole(conn: sqlite3.Connection, row: tuple[Any, ...]) -> dict[str, Any]:
    (sid, type_, mode, status, start, end, place, first, last, n_mentions, n_docs, n_sources, sources) = row
    mentions: list[dict[str, Any]] = []
    figure_sources: list[FigureSource] = []
    documents: list[str] = []
    ms = members(conn, sid)
    docs = {member.mention.doc for member in ms}
    for member in ms:
        m = member.mention
        if m.doc not in documents:
            documents.append(m.doc)
        ev = conn.execute(_EVENT_SQL, (m.doc, m.event)).fetchone()
        missing = (m.sentence, None, None, "[]", None, None)
        sentence, fat, fat_q, quantities, speaker_text, speaker = ev if ev else missing
        mentions.append({"document": m.doc, "event": m.event, "source": m.source, "published": member.published,
                         "sentence": sentence})
        if member.copy_of in docs:
            continue  # a syndicated copy repeats its original's figures: they count once
        figure_sources.append(FigureSource(
            document=m.doc, source=member.outlet, published=member.published,
            fatalities=None if fat is None else {"value": fat, "qualifier": fat_q},
            quantities=json.loads(quantities or "[]"), attributed_to=speaker or speaker_text))
    return {
        "id": sid, "type": type_, "mode": mode, "status": status, "date_start": start, "date_end": end,
        "place": json.loads(place) if place else None,
        "actors": _participants(conn, sid, "actor"), "recipients": _participants(conn, sid, "recipient"),
        "first_reported": first, "last_reported": last, "num_mentions": n_mentions, "num_documents": n_docs,
        "num_sources": n_sources, "sources": json.loads(sources or "[]"), "documents": documents,
        "mentions": mentions, "figures": figures(figure_sources),
    }
