"""Opening a store for reading: an ordinary WAL reader, or ``immutable`` on a read-only location,
and SQLite's own guard against the writes ``mode=ro`` lets through.

Why two ways to open: a WAL reader must create or write the ``-shm`` file beside the store, so on a
read-only location (a shared drive, a mounted archive) ``mode=ro`` fails with "unable to open
database file". There SQLite's ``immutable=1`` (what Datasette uses for immutable files) reads the
file without any lock or side file. It assumes nobody writes meanwhile, so it is chosen only when
the store cannot be written anyway; elsewhere readers stay WAL readers and see an ingest's commits.

Why an authorizer: ``mode=ro`` and ``query_only`` refuse writes to the store, but ``ATTACH`` (and
``VACUUM INTO``, which SQLite authorizes as an attach) creates another file, and a writing PRAGMA
such as ``journal_mode=DELETE`` ends in a confusing "disk I/O error". SQLite asks the authorizer
before it runs anything, so refusing there changes nothing on disk.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

# PRAGMAs that take an argument yet only read (``PRAGMA table_info(events)``); any other PRAGMA
# given an argument (``journal_mode=DELETE``, ``user_version=3``) may write and is refused.
READING_PRAGMAS = frozenset({
    "table_info", "table_xinfo", "table_list", "index_info", "index_xinfo", "index_list", "foreign_key_list",
    "foreign_key_check", "integrity_check", "quick_check", "function_list", "module_list", "pragma_list",
    "collation_list", "database_list", "compile_options",
})
# the messages of the sqlite3.DatabaseError an authorizer denial raises (the second for VACUUM INTO)
REFUSED = ("not authorized", "authorization denied")


def writable(path: Path) -> bool:
    """Whether SQLite could keep its WAL side files beside the store: the file and its folder writable.

    ``os.access`` answers for the effective user and also says no on a read-only mount, even to root.
    """
    return os.access(path, os.W_OK) and os.access(path.resolve().parent, os.W_OK)


def uri(path: Path) -> str:
    """The ``file:`` URI that opens ``path`` read-only: ``immutable=1`` when the location is not writable."""
    extra = "" if writable(path) else "&immutable=1"
    return f"{path.resolve().as_uri()}?mode=ro{extra}"


def authorize(action: int, arg1: str | None, arg2: str | None, _db: str | None, _trigger: str | None) -> int:
    """Deny ``ATTACH``/``DETACH`` and every PRAGMA given an argument that is not a known reading one."""
    if action in (sqlite3.SQLITE_ATTACH, sqlite3.SQLITE_DETACH):
        return sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_PRAGMA and arg2 is not None and (arg1 or "").lower() not in READING_PRAGMAS:
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


def guard(conn: sqlite3.Connection) -> None:
    """Install ``authorize`` (after the connection's own setup PRAGMAs, which it would refuse)."""
    conn.set_authorizer(authorize)
