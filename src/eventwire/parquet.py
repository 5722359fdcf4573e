"""Parquet export: one fixed Arrow schema per store table, with real dates, timestamps, lists and structs.

Why a fixed schema rather than one inferred from the rows: a reader (DuckDB, pandas, Spark) must get the same
column types from every export, whatever the rows happen to hold (an empty table, a column all null). Why
typed: ``date_start BETWEEN …`` and ``unnest(quantities)`` should work in DuckDB without parsing strings. The
TIMEX3 values (``date``) stay strings beside the typed intervals: ``2025-W49`` is not a date.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

#: Rows per Parquet row group written at a time (memory stays flat however large the store).
BATCH = 5000
#: Columns holding a JSON list of strings.
_STRING_LISTS = {("actors", "aliases"), ("actors", "roles"), ("events", "contexts"), ("events", "objects")}
#: Columns holding a calendar day (``YYYY-MM-DD``).
_DAYS = {"date_start", "date_end"}


def schema(table: str, columns: list[tuple[str, str]]) -> Any:
    """The Arrow schema of ``table`` (``columns``: name and declared SQLite type, in order)."""
    import pyarrow as pa

    quantity = pa.struct([("value", pa.float64()), ("qualifier", pa.string()), ("unit", pa.string()),
                          ("text", pa.string())])
    fields = []
    for name, declared in columns:
        if (table, name) in _STRING_LISTS:
            kind = pa.list_(pa.string())
        elif (table, name) == ("events", "quantities"):
            kind = pa.list_(quantity)
        elif name in _DAYS or (table, name) == ("documents", "published"):
            kind = pa.date32()
        elif (table, name) in {("documents", "published_at"), ("documents", "added_at")}:
            kind = pa.timestamp("s", tz="UTC")
        elif declared == "INTEGER":
            kind = pa.int64()
        elif declared == "REAL":
            kind = pa.float64()
        else:
            kind = pa.string()
        fields.append(pa.field(name, kind))
    return pa.schema(fields)


def _day(value: Any) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None  # not a calendar day (the store keeps days only; be lenient with hand-made rows)


def _moment(value: Any) -> dt.datetime | None:
    if value is None:
        return None
    text = str(value).replace("Z", "+00:00")
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _list(value: Any) -> list[Any] | None:
    if value is None:
        return None
    data = json.loads(value) if isinstance(value, str) else value
    return data if isinstance(data, list) else None


def convert(values: tuple[Any, ...], kind: Any) -> list[Any]:
    """SQLite's loosely typed values → Python values of the Arrow type ``kind``."""
    import pyarrow as pa

    if kind == pa.date32():
        return [_day(v) for v in values]
    if pa.types.is_timestamp(kind):
        return [_moment(v) for v in values]
    if pa.types.is_list(kind):
        return [_list(v) for v in values]
    if kind == pa.int64():
        return [None if v is None else int(v) for v in values]
    if kind == pa.float64():
        return [None if v is None else float(v) for v in values]
    return [None if v is None else str(v) for v in values]


def write_table(conn: sqlite3.Connection, table: str, columns: list[tuple[str, str]], path: Path) -> int:
    """Stream ``table`` into ``path`` in row groups of ``BATCH``; return the number of rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrow = schema(table, columns)
    names = [n for n, _ in columns]
    n = 0
    with pq.ParquetWriter(path, arrow) as writer:
        cursor = conn.execute(f"SELECT {', '.join(names)} FROM {table}")
        while batch := cursor.fetchmany(BATCH):
            cols = list(zip(*batch, strict=True))
            arrays = [pa.array(convert(col, field.type), type=field.type)
                      for col, field in zip(cols, arrow, strict=True)]
            writer.write_table(pa.Table.from_arrays(arrays, schema=arrow))
            n += len(batch)
        if n == 0:
            writer.write_table(arrow.empty_table())
    return n
