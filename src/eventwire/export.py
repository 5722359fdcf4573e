"""``eventwire export``: a store out as JSONL records, one CSV or Parquet file per table, ACLED CSV or PLOVER.

Why streamed: a store can hold millions of rows, so every format reads the database with a cursor
and writes as it goes (Parquet in row groups of ``BATCH`` rows): memory stays flat whatever the size.
"""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import Export
from .store.queries import chosen_events, connect_readonly
from .store.schema import TABLES

BATCH = 10_000
FORMATS = ("jsonl", "csv", "parquet", "acled", "plover")


def export(db: str | Path, fmt: str, out: str | Path, *, type: str | None = None, actor: str | None = None,
           country: str | None = None, since: str | None = None, until: str | None = None,
           place: str | None = None, text: str | None = None, lenient: bool = False) -> dict[str, int]:
    """Write the store ``db`` to folder ``out`` in format ``fmt``; return rows written per file name.

    The event filters are ``Store.events``' (``eventwire query``'s): ``acled`` and ``plover`` keep the
    matching events (``acled``: the story events holding one), ``jsonl`` the records of documents with at
    least one; whole-table formats refuse them. ``lenient`` keeps ACLED rows that are not dated to a month
    or located to a town or region, flagged in their ``tags`` (docs/acled.md).
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
        return _write(conn, fmt, out, chosen, lenient)
    except OSError as exc:
        raise Export.OUT_NOT_WRITABLE.error(path=out, error=exc.strerror or exc) from exc
    finally:
        conn.close()


def _write(conn: sqlite3.Connection, fmt: str, out: Path, chosen: tuple[str, list[Any]],
           lenient: bool = False) -> dict[str, int]:
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
    from . import acled_export

    return {"acled.csv": acled_export.write(conn, out / "acled.csv", chosen, lenient=lenient)}


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
