"""A request's read-only connection and the one way pages run SQL.

Why per request: SQLite connections are cheap to open, a read-only one cannot write whatever a page does,
and a progress handler on it stops a runaway query at the app's deadline (``QUERY_SECONDS``) rather than
tying up a worker thread.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, Request

from ..errors import Store
from ..store.queries import connect_readonly


def connection(request: Request) -> Iterator[sqlite3.Connection]:
    """A FastAPI dependency: the request's ``mode=ro`` + ``query_only`` connection, closed after it.

    FastAPI runs a sync dependency and the page in (possibly) different threadpool threads, one after the
    other, so the connection may change threads but is never shared between two at once."""
    conn = connect_readonly(request.app.state.db, check_same_thread=False)
    deadline = time.monotonic() + request.app.state.query_seconds
    conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
    try:
        yield conn
    finally:
        conn.close()


def fetch(conn: sqlite3.Connection, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    """Rows as dicts; an interrupted or failing query is a ``StoreError`` (a 503/400 page)."""
    cursor = conn.cursor()
    cursor.row_factory = None
    try:
        rows = cursor.execute(sql, list(params)).fetchall()
    except sqlite3.OperationalError as exc:
        raise Store.QUERY_FAILED.error(error=exc) from exc
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in rows]


#: A page's parameter for its connection: ``def page(request: Request, conn: Conn)``.
Conn = Annotated[sqlite3.Connection, Depends(connection)]
