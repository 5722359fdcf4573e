"""``eventwire export``: a store out as JSONL records, one CSV or Parquet file per table, or ACLED-style CSV.

Why streamed: a store can hold millions of rows, so every format reads the database with a cursor
and writes as it goes (Parquet in row groups of ``BATCH`` rows): memory stays flat whatever the size.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from .errors import Export
from .geo import country_name
from .lexicon import read_tsv
from .store.queries import chosen_events, connect_readonly
from .store.schema import TABLES

BATCH = 10_000
FORMATS = ("jsonl", "csv", "parquet", "acled", "plover")
ACLED_COLUMNS = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "country",
                 "admin1", "location", "latitude", "longitude", "geo_precision", "time_precision", "fatalities",
                 "notes", "source")


def export(db: str | Path, fmt: str, out: str | Path, *, type: str | None = None, actor: str | None = None,
           country: str | None = None, since: str | None = None, until: str | None = None,
           place: str | None = None, text: str | None = None) -> dict[str, int]:
    """Write the store ``db`` to folder ``out`` in format ``fmt``; return rows written per file name.

    The event filters are ``Store.events``' (``eventwire query``'s): ``acled`` and ``plover`` keep the
    matching events, ``jsonl`` the records of documents with at least one; whole-table formats refuse them.
    """
    if fmt not in FORMATS:
        raise Export.UNKNOWN_FORMAT.error(format=fmt, choices=", ".join(FORMATS))
    filters = {"type": type, "actor": actor, "country": country, "since": since, "until": until, "place": place,
               "text": text}
    given = [name for name, value in filters.items() if value]
    if given and fmt in ("csv", "parquet"):
        raise Export.FILTERS_NEED_EVENTS.error(name=given[0], format=fmt)
    chosen = chosen_events(**filters)
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # e.g. [Errno 30] on a read-only mount: one coded line, not a raw OSError
        raise Export.OUT_NOT_WRITABLE.error(path=out, error=exc.strerror or exc) from exc
    conn = connect_readonly(db)
    try:
        return _write(conn, fmt, out, chosen)
    except OSError as exc:
        raise Export.OUT_NOT_WRITABLE.error(path=out, error=exc.strerror or exc) from exc
    finally:
        conn.close()


def _write(conn: sqlite3.Connection, fmt: str, out: Path, chosen: tuple[str, list[Any]]) -> dict[str, int]:
    """The files of one format, written into the existing folder ``out`` (``chosen``: which events)."""
    if fmt == "jsonl":
        return {"records.jsonl": _jsonl(conn, out / "records.jsonl", chosen)}
    if fmt == "csv":
        return {f"{t}.csv": _csv_table(conn, t, out / f"{t}.csv") for t in TABLES}
    if fmt == "parquet":
        return {f"{t}.parquet": _parquet_table(conn, t, out / f"{t}.parquet") for t in TABLES}
    if fmt == "plover":
        from . import plover_export

        return {"plover.jsonl": plover_export.write(conn, out / "plover.jsonl", chosen)}
    return {"acled.csv": _acled(conn, out / "acled.csv", chosen)}


def _jsonl(conn: sqlite3.Connection, path: Path, chosen: tuple[str, list[Any]]) -> int:
    """One record per line, exactly as stored, in the order stories were added (with filters: the
    documents holding at least one chosen event)."""
    clause, params = chosen
    sql = "SELECT record FROM documents ORDER BY added_at, rowid"
    if params:
        sql = (f"SELECT record FROM documents WHERE id IN (SELECT e.doc_id FROM events e WHERE {clause}) "
               "ORDER BY added_at, rowid")
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for (record,) in conn.execute(sql, params):
            fh.write(record)  # json.dumps output: newlines inside strings are escaped
            fh.write("\n")
            n += 1
    return n


def _columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    """(name, declared type) of a table's columns, without the internal integer ``key``."""
    return [(r[1], (r[2] or "").upper()) for r in conn.execute(f"PRAGMA table_info({table})") if r[1] != "key"]


def _rows(conn: sqlite3.Connection, table: str, names: list[str]) -> Iterator[tuple[Any, ...]]:
    cursor = conn.execute(f"SELECT {', '.join(names)} FROM {table}")
    while batch := cursor.fetchmany(BATCH):
        yield from batch


def _csv_table(conn: sqlite3.Connection, table: str, path: Path) -> int:
    names = [n for n, _ in _columns(conn, table)]
    n = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(names)
        for row in _rows(conn, table, names):
            writer.writerow(row)
            n += 1
    return n


def _parquet_table(conn: sqlite3.Connection, table: str, path: Path) -> int:
    """One Parquet file per table with its fixed, typed schema (``eventwire.parquet``)."""
    try:
        import pyarrow  # noqa: F401 - a dependency, but a broken install should say so plainly
    except ImportError as exc:  # pragma: no cover
        raise Export.NEEDS_PYARROW.error() from exc
    from . import parquet

    return parquet.write_table(conn, table, _columns(conn, table), path)


@cache
def acled_mapping() -> dict[tuple[str, str], tuple[str, str]]:
    """(PLOVER type, mode or ``*``) → (ACLED event_type, sub_event_type), from the packaged TSV."""
    return {(ptype, mode): (etype, sub) for ptype, mode, etype, sub in read_tsv("export/acled_mapping.tsv")}


def acled_type(ptype: str, mode: str | None, recipient_sectors: list[str]) -> tuple[str, str] | None:
    """The ACLED (event_type, sub_event_type) of a PLOVER event, or ``None`` when it is no ACLED event."""
    mapping = acled_mapping()
    found = mapping.get((ptype, mode or "*")) or mapping.get((ptype, "*"))
    if found is None:
        return None
    if found[0] == "Battles" and recipient_sectors and all(s == "CVL" for s in recipient_sectors):
        return "Violence against civilians", "Attack"
    return found


_GEO_PRECISION = {"city": 1, "site": 1, "other": 2, "water": 2, "admin1": 3, "region": 3, "country": 3}
_TIME_PRECISION = {"day": 1, "week": 2}

_ACLED_SQL = """
SELECT e.doc_id, e.id, e.type, e.mode, e.date_start, e.date_precision, e.fatalities, e.sentence,
       p.name AS place, p.kind AS place_kind, p.country AS place_country, p.admin1, p.lat, p.lon,
       d.source, d.title, d.url,
       (SELECT json_group_array(json_array(a.name, a.country, a.sector, a.kind, ep.role))
          FROM event_participants ep JOIN actors a ON a.doc_id = ep.doc_id AND a.id = ep.actor
         WHERE ep.doc_id = e.doc_id AND ep.event = e.id) AS parties
  FROM events e
  JOIN documents d ON d.id = e.doc_id
  LEFT JOIN places p ON p.doc_id = e.doc_id AND p.id = e.place
 WHERE e.status IN ('reported', 'historical') AND COALESCE(e.date_precision, '') NOT IN ('decade', 'century')
   AND {chosen}
 ORDER BY e.date_start, e.doc_id, e.key
"""


def _acled(conn: sqlite3.Connection, path: Path, chosen: tuple[str, list[Any]]) -> int:
    """ACLED-style CSV of the events the mapping knows, that happened (reported or historical).

    Events dated no closer than a decade or century are left out: an ``event_date`` of 1900-01-01
    for "the early 20th century" would look precise and is not.
    """
    n = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(ACLED_COLUMNS)
        for row in conn.execute(_ACLED_SQL.format(chosen=chosen[0]), chosen[1]):
            parties = json.loads(row["parties"] or "[]")
            doers = [p for p in parties if p[4] == "actor"]
            targets = [p for p in parties if p[4] == "recipient"]
            kind = acled_type(row["type"], row["mode"], [p[2] for p in targets])
            if kind is None:
                continue
            country = row["place_country"] or next((p[1] for p in targets if p[3] == "country" and p[1]), None)
            writer.writerow([
                f"{row['doc_id']}-{row['id']}", row["date_start"], kind[0], kind[1],
                "; ".join(p[0] for p in doers), "; ".join(p[0] for p in targets), country_name(country),
                row["admin1"] or "", row["place"] or "", _num(row["lat"]), _num(row["lon"]),
                _GEO_PRECISION.get(row["place_kind"] or "", "") if row["place"] else "",
                _TIME_PRECISION.get(row["date_precision"] or "", 3),
                int(row["fatalities"] or 0), row["sentence"] or "", row["source"] or row["url"] or row["title"] or "",
            ])
            n += 1
    return n


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:.5f}"
