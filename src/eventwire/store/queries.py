"""The read side of the store: the filters behind ``eventwire query``/``statements`` and read-only SQL.

Each function returns plain dicts that carry their evidence (sentence, trigger, document id, title,
date) so a result can always be checked against the story it came from. Filters combine with AND;
text filters use the FTS5 indexes, name filters a case-insensitive substring (``LIKE``).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pycountry

from ..errors import Store
from ..stories.score import QUADS
from . import readonly
from .rows import interval

_EVENT_SELECT = """
SELECT e.doc_id, e.id AS event_id, e.type, e.mode, e.status, e.date, e.date_start, e.date_end, e.date_precision,
       e.fatalities, e.trigger, e.sentence, e.claimed_by,
       p.name AS place, p.kind AS place_kind, p.country AS place_country, p.admin1, p.lat, p.lon,
       (SELECT json_group_array(a.name) FROM event_participants ep
          JOIN actors a ON a.doc_id = ep.doc_id AND a.id = ep.actor
         WHERE ep.doc_id = e.doc_id AND ep.event = e.id AND ep.role = 'actor') AS actors,
       (SELECT json_group_array(a.name) FROM event_participants ep
          JOIN actors a ON a.doc_id = ep.doc_id AND a.id = ep.actor
         WHERE ep.doc_id = e.doc_id AND ep.event = e.id AND ep.role = 'recipient') AS recipients,
       d.title, d.published, d.source, d.url
  FROM events e
  JOIN documents d ON d.id = e.doc_id
  LEFT JOIN places p ON p.doc_id = e.doc_id AND p.id = e.place
"""

_NAME_MATCH = ("(a.name LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM json_each(a.aliases) j "
               "WHERE j.value LIKE ? ESCAPE '\\'))")

_STATEMENT_SELECT = """
SELECT s.doc_id, s.id AS statement_id, COALESCE(a.name, s.speaker_text) AS speaker, a.country AS speaker_country,
       s.speaker_text, s.cue, s.content, s.direct, s.channel, s.date, s.date_start, s.date_end, s.sentence,
       d.title, d.published, d.source, d.url
  FROM statements s
  JOIN documents d ON d.id = s.doc_id
  LEFT JOIN actors a ON a.doc_id = s.doc_id AND a.id = s.speaker
"""


EVENT_FIELDS = ("doc_id", "event_id", "type", "mode", "status", "date", "date_start", "date_end", "date_precision",
                "fatalities", "trigger", "sentence", "claimed_by", "place", "place_kind", "place_country", "admin1",
                "lat", "lon", "actors", "recipients", "title", "published", "source", "url")
STATEMENT_FIELDS = ("doc_id", "statement_id", "speaker", "speaker_country", "speaker_text", "cue", "content", "direct",
                    "channel", "date", "date_start", "date_end", "sentence", "title", "published", "source", "url")


def like(value: str) -> str:
    """A ``LIKE`` pattern matching ``value`` anywhere, its own ``%`` and ``_`` taken literally."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def fts_query(words: str) -> str:
    """User words → an FTS5 query where every word must appear (``word*`` keeps a prefix search).

    Why quote: raw FTS5 syntax makes ordinary input such as ``U.S.`` or ``don't`` a syntax error.
    """
    terms = []
    for word in words.split():
        prefix = word.endswith("*")
        word = word.rstrip("*").replace('"', "")
        if word:
            terms.append(f'"{word}"' + ("*" if prefix else ""))
    if not terms:
        raise Store.NO_WORDS.error(words=words)
    return " ".join(terms)


def bounds(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """The first day of ``since`` and the last of ``until``, each taken as a whole interval; an
    inverted range is an error rather than a silent empty (or, with coarse dates, a wrong) answer."""
    out: list[str | None] = []
    for name, value, index in (("since", since, 0), ("until", until, 1)):
        if value is None:
            out.append(None)
            continue
        span = interval(value.strip())
        if span is None:
            raise Store.BAD_DATE.error(name=name, value=value)
        out.append(span[index])
    if out[0] and out[1] and out[0] > out[1]:
        raise Store.INVERTED_DATES.error(since=since, until=until)
    return out[0], out[1]


def event_type(value: str) -> str:
    """A PLOVER type from user input (any case); an unknown one is an error naming the 16."""
    code = value.strip().upper()
    if code not in QUADS:
        raise Store.UNKNOWN_TYPE.error(value=value, choices=", ".join(QUADS))
    return code


def country_code(value: str) -> str:
    """An ISO3 code from user input: the code itself (UKR), an ISO2 code or a country's name (Ukraine)."""
    text = value.strip()
    try:
        return str(pycountry.countries.lookup(text).alpha_3)
    except LookupError:
        if len(text) == 3 and text.isalpha():
            return text.upper()  # user-assigned codes the records may carry (XKX, IGO …)
        raise Store.UNKNOWN_COUNTRY.error(value=value) from None


#: ``sort`` of ``events``: the column order each name asks for.
EVENT_SORTS = {"date": "e.date_start, e.doc_id, e.key", "-date": "e.date_start DESC, e.doc_id, e.key",
               "published": "d.published, e.doc_id, e.key"}


def _finish(sql: str, where: list[str], params: list[Any], order: str, limit: int | None) -> tuple[str, list[Any]]:
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY {order}"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return sql, params


def events(conn: sqlite3.Connection, *, type: str | None = None, actor: str | None = None,
           country: str | None = None, since: str | None = None, until: str | None = None,
           place: str | None = None, text: str | None = None, limit: int | None = None,
           sort: str = "date") -> list[dict[str, Any]]:
    """Events matching every given filter, each with its evidence, in ``sort`` order (``EVENT_SORTS``:
    ``date`` oldest first, ``-date`` newest first, ``published`` by publication).

    ``type``: PLOVER type. ``actor``: a participant's name or alias, case-insensitive substring.
    ``country``: ISO3 of a participant or of the event's place. ``since``/``until``: the event's
    date interval (``2025-12`` covers the month) or the publication day when the event has none;
    an event matches when its interval overlaps the asked one. ``place``: substring of the place
    name or its admin1. ``text``: every word in the evidence sentence (FTS5).
    """
    if sort not in EVENT_SORTS:
        raise Store.BAD_SORT.error(value=sort, choices=", ".join(EVENT_SORTS))
    where, params = event_filters(type=type, actor=actor, country=country, since=since, until=until, place=place,
                                  text=text)
    sql, params = _finish(_EVENT_SELECT, where, params, EVENT_SORTS[sort], limit)
    rows = []
    loads = json.loads
    for item in _run(conn, sql, params):
        item["actors"] = loads(item["actors"] or "[]")
        item["recipients"] = loads(item["recipients"] or "[]")
        rows.append(item)
    return rows


def event_filters(*, type: str | None = None, actor: str | None = None, country: str | None = None,
                  since: str | None = None, until: str | None = None, place: str | None = None,
                  text: str | None = None) -> tuple[list[str], list[Any]]:
    """The WHERE terms (over ``events e`` left-joined to ``places p``) and parameters of ``events``'
    filters, for every reader of events that filters the same way (``query``, ``export``)."""
    where: list[str] = []
    params: list[Any] = []
    if type:
        where.append("e.type = ?")
        params.append(event_type(type))
    if actor:
        # Matching actors first (one pass over actors), then their events through the index.
        where.append("(e.doc_id, e.id) IN (SELECT ep.doc_id, ep.event FROM actors a JOIN event_participants ep "
                     f"ON ep.doc_id = a.doc_id AND ep.actor = a.id WHERE {_NAME_MATCH})")
        params += [like(actor), like(actor)]
    if country:
        where.append("(p.country = ? OR EXISTS (SELECT 1 FROM event_participants ep JOIN actors a "
                     "ON a.doc_id = ep.doc_id AND a.id = ep.actor "
                     "WHERE ep.doc_id = e.doc_id AND ep.event = e.id AND a.country = ?))")
        params += [country_code(country)] * 2
    overlaps("e", since, until, where, params)
    if place:
        where.append("(p.name LIKE ? ESCAPE '\\' OR p.admin1 LIKE ? ESCAPE '\\')")
        params += [like(place), like(place)]
    if text:
        where.append("e.key IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)")
        params.append(fts_query(text))
    return where, params


def chosen_events(**filters: str | None) -> tuple[str, list[Any]]:
    """``e.key IN (…)`` selecting the events that match ``filters`` (``event_filters``), or ``1`` for all."""
    where, params = event_filters(**filters)
    if not where:
        return "1", []
    return ("e.key IN (SELECT e.key FROM events e LEFT JOIN places p ON p.doc_id = e.doc_id AND p.id = e.place "
            f"WHERE {' AND '.join(where)})"), params


def overlaps(alias: str, since: str | None, until: str | None, where: list[str], params: list[Any]) -> None:
    """Keep rows whose whole date interval meets [since, until]: "2025-12" matches since 2025-12-15."""
    start, end = bounds(since, until)
    if start:
        where.append(f"{alias}.date_end >= ?")
        params.append(start)
    if end:
        where.append(f"{alias}.date_start <= ?")
        params.append(end)


def statements(conn: sqlite3.Connection, *, speaker: str | None = None, country: str | None = None,
               since: str | None = None, until: str | None = None, text: str | None = None,
               limit: int | None = None) -> list[dict[str, Any]]:
    """Statements matching every given filter, oldest first, with the sentence that carries them.

    ``speaker``: the speaker actor's name or alias, or the words that name the speaker,
    case-insensitive substring. ``country``: the speaker's ISO3. ``since``/``until``: the date of
    the saying or, when it has none, the publication day. ``text``: every word in the content.
    """
    where: list[str] = []
    params: list[Any] = []
    if speaker:
        where.append(f"({_NAME_MATCH} OR s.speaker_text LIKE ? ESCAPE '\\')")
        params += [like(speaker)] * 3
    if country:
        where.append("a.country = ?")
        params.append(country_code(country))
    overlaps("s", since, until, where, params)
    if text:
        where.append("s.key IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?)")
        params.append(fts_query(text))
    sql, params = _finish(_STATEMENT_SELECT, where, params, "s.date_start, s.doc_id, s.key", limit)
    rows = []
    for item in _run(conn, sql, params):
        item["direct"] = bool(item["direct"])
        rows.append(item)
    return rows


def _run(conn: sqlite3.Connection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    """Rows as dicts, built from plain tuples (several times faster than via ``sqlite3.Row``)."""
    cursor = conn.cursor()
    cursor.row_factory = None
    try:
        tuples = cursor.execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:
        raise Store.QUERY_FAILED.error(error=exc) from exc
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in tuples]


def connect_readonly(path: str | Path, *, check_same_thread: bool = True) -> sqlite3.Connection:
    """A ``mode=ro`` connection (``immutable`` on a read-only location, see ``readonly``) plus
    ``query_only`` and an authorizer refusing ATTACH and writing PRAGMAs: SQLite itself refuses every write.

    ``check_same_thread=False`` is for a caller that hands the connection from thread to thread but never
    uses it from two at once (the web app: a request's dependency and its page run in different threads)."""
    path = Path(path)
    if not path.is_file():
        raise Store.NO_STORE.error(path=path)
    conn = sqlite3.connect(readonly.uri(path), uri=True, isolation_level=None, check_same_thread=check_same_thread)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA busy_timeout = 10000")
    conn.execute("PRAGMA query_only = ON")
    readonly.guard(conn)
    return conn


def sql(path: str | Path, query: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    """Rows of one SQL statement run read-only, as dicts; a write or a syntax error is a ``StoreError``."""
    conn = connect_readonly(path)
    try:
        return [dict(r) for r in conn.execute(query, params).fetchall()]
    except sqlite3.OperationalError as exc:
        message = str(exc)
        if "readonly" in message or "read-only" in message or "query_only" in message:
            raise Store.READ_ONLY.error(error=message) from exc
        raise Store.SQL_ERROR.error(error=message) from exc
    except (sqlite3.ProgrammingError, sqlite3.Warning) as exc:
        raise Store.SQL_ERROR.error(error=exc) from exc
    except sqlite3.DatabaseError as exc:  # the authorizer's denial: ATTACH, DETACH, a writing PRAGMA
        if any(m in str(exc) for m in readonly.REFUSED):
            raise Store.READ_ONLY.error(error="ATTACH, DETACH, VACUUM INTO and writing PRAGMAs are refused") from exc
        raise Store.SQL_ERROR.error(error=exc) from exc
    finally:
        conn.close()
