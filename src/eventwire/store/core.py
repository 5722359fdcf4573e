"""``Store``: one SQLite file holding many ``eventwire/1`` records, safe to query while it is written.

Why SQLite in WAL mode: a single file needs no server, readers never block the writer (an
``eventwire ingest`` can run while someone queries), and a committed transaction survives a
``kill -9`` of the writer. Every story is written in one transaction (or one savepoint of a
batch), so a story is either complete or absent; re-adding an id replaces all its rows.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import Store as Codes
from ..record import Record
from . import copies, identities, queries, schema, stories, story_queries, story_rows
from .readonly import uri as read_uri
from .rows import COLUMNS, record_rows


def _producer_dict(producer: Any) -> dict[str, Any] | None:
    if producer is None:
        return None
    if dataclasses.is_dataclass(producer) and not isinstance(producer, type):
        return dataclasses.asdict(producer)
    return dict(producer)


class Store:
    """An eventwire store: ``add`` records, then query ``events``/``statements`` or run ``sql``.

    Example::

        with Store("news.db") as store:
            store.add(eventwire.extract(text, published="2025-12-06"), origin="feed.jsonl")
            rows = store.events(type="ASSAULT", country="UKR", since="2025-12")
    """

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self._depth = 0
        self._dirty: set[str] = set()  # story events whose summary is refreshed at the batch's commit
        if readonly:
            if not self.path.is_file():
                raise Codes.NO_STORE.error(path=self.path)
            # immutable on a read-only location (no WAL side files possible there), see ``readonly``
            self._conn = sqlite3.connect(read_uri(self.path), uri=True, isolation_level=None, check_same_thread=False)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._conn.row_factory = sqlite3.Row
        self._conn.execute("PRAGMA busy_timeout = 10000")
        self._conn.execute("PRAGMA foreign_keys = ON")
        try:
            if readonly:
                found = schema.version(self._conn)
                if found > schema.SCHEMA_VERSION:
                    schema.migrate(self._conn)  # raises the "newer than this eventwire" error
                if found < schema.SCHEMA_VERSION:
                    raise Codes.OLDER_SCHEMA.error(path=self.path, found=found, expected=schema.SCHEMA_VERSION)
            else:
                # WAL: readers see the last commit while a writer works; NORMAL sync is still
                # crash-safe for the application (kill -9), only an OS crash may lose the last commit.
                self._conn.execute("PRAGMA journal_mode = WAL")
                self._conn.execute("PRAGMA synchronous = NORMAL")
                schema.migrate(self._conn)
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise Codes.NOT_A_STORE.error(path=self.path, error=exc) from exc
        except BaseException:
            self._conn.close()
            raise

    # -- lifecycle -------------------------------------------------------------------------
    def close(self) -> None:
        """Close the connection (a pending batch is rolled back, as after a crash)."""
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """The underlying connection, for callers that need raw SQL (rows are ``sqlite3.Row``)."""
        return self._conn

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Batch several ``add()`` calls into one commit (much faster than one commit per story).

        Nested use joins the outer batch. An exception rolls back the whole batch.
        """
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
            if self._dirty:  # once per batch, not per story: a story event reprinted by 400 outlets would
                story_rows.refresh(self._conn, self._dirty)  # otherwise re-read its members 400 times
                self._dirty.clear()
        except BaseException:
            self._depth = 0
            self._dirty.clear()
            self._conn.execute("ROLLBACK")
            raise
        self._depth = 0
        self._conn.execute("COMMIT")

    # -- writing ---------------------------------------------------------------------------
    def add(self, rec: Record | dict[str, Any], *, origin: str | None = None) -> None:
        """Insert or replace one story with all its rows, atomically, keyed by ``document.id``.

        Inside ``transaction()`` the story is a savepoint of the batch: if it fails, none of its
        rows stay and the batch goes on.
        """
        data = rec.to_dict() if isinstance(rec, Record) else rec
        added_at = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        rows = record_rows(data, origin, added_at)
        doc_id = data["document"]["id"]
        with self.transaction():
            self._conn.execute("SAVEPOINT story")
            try:
                sticky = self._delete(doc_id)
                for table, columns in COLUMNS.items():
                    if rows[table]:
                        marks = ", ".join("?" * len(columns))
                        self._conn.executemany(
                            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows[table])
                self._derive(data, sticky)
            except BaseException:
                self._conn.execute("ROLLBACK TO story")
                self._conn.execute("RELEASE story")
                raise
            self._conn.execute("RELEASE story")

    def _derive(self, data: dict[str, Any], sticky: stories.Sticky | None = None) -> None:
        """The derived rows of one stored record: its actors' store-wide identities, whether it is a
        syndicated copy, and its events' story events (in that order: clustering reads both)."""
        doc = data["document"]
        ids = identities.assign(self._conn, doc["id"], data.get("actors", []))
        copies.assign(self._conn, doc["id"], doc.get("text") or "", doc.get("published_at") or doc.get("published"))
        stories.add_document(self._conn, data, ids, sticky, dirty=self._dirty)

    def _delete(self, doc_id: str) -> stories.Sticky:
        """Remove a story's rows child tables first (FTS triggers fire on each deleted row); its events
        leave their story events first, remembered so an unchanged event can rejoin its old one."""
        sticky = stories.forget(self._conn, doc_id)
        identities.forget(self._conn, doc_id)
        copies.forget(self._conn, doc_id)
        for table in ("event_participants", "events", "statements", "times", "places", "actors"):
            self._conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
        self._conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
        return sticky

    def remove(self, doc_id: str) -> bool:
        """Delete one story; return whether it was stored."""
        with self.transaction():
            found = self.has(doc_id)
            self._delete(doc_id)
        return found

    def add_failure(self, origin: str, line: int | None, reason: str, code: str) -> None:
        """Record a story that could not be extracted, so a report can list it and a rerun retry it."""
        at = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        with self.transaction():
            self._conn.execute("INSERT INTO failures (origin, line, reason, code, at) VALUES (?, ?, ?, ?, ?)",
                               (origin, line, reason, code, at))

    # -- reading ---------------------------------------------------------------------------
    def has_failure(self, origin: str, line: int | None, code: str) -> bool:
        """Whether this failure (same origin, line and code) is already filed: a rerun that meets the
        same bad line again files nothing new."""
        row = self._conn.execute("SELECT 1 FROM failures WHERE origin = ? AND line IS ? AND code = ? LIMIT 1",
                                 (origin, line, code)).fetchone()
        return row is not None

    def has(self, doc_id: str, producer: Any = None) -> bool:
        """Whether the story is stored and, if ``producer`` is given, was made by that same producer.

        Why the producer check: an ingest rerun after a model or gazetteer upgrade must redo
        stories made by the old versions and can skip the others.
        """
        row = self._conn.execute("SELECT producer FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            return False
        wanted = _producer_dict(producer)
        if wanted is None:
            return True
        stored = json.loads(row[0]) if row[0] else {}
        return all(stored.get(k) == wanted.get(k) for k in ("eventwire", "model", "gazetteer"))

    def ids(self) -> set[str]:
        """Every stored document id."""
        return {r[0] for r in self._conn.execute("SELECT id FROM documents")}

    def __len__(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM documents").fetchone()[0])

    def record(self, doc_id: str) -> dict[str, Any]:
        """The stored record exactly as it was added (equal to the original ``rec.to_dict()``)."""
        row = self._conn.execute("SELECT record FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise Codes.NO_DOCUMENT.error(id=doc_id, path=self.path)
        return json.loads(row[0])

    def records(self) -> Iterator[dict[str, Any]]:
        """Every stored record, in id order, one at a time (memory stays flat however large the store)."""
        for row in self._conn.execute("SELECT record FROM documents ORDER BY id"):
            yield json.loads(row[0])

    def failures(self) -> list[dict[str, Any]]:
        """Every recorded failure, oldest first."""
        return [dict(r) for r in self._conn.execute(
            "SELECT origin, line, reason, code, at FROM failures ORDER BY key")]

    def events(self, type: str | None = None, actor: str | None = None, country: str | None = None,
               since: str | None = None, until: str | None = None, place: str | None = None,
               text: str | None = None, limit: int | None = None, sort: str = "date") -> list[dict[str, Any]]:
        """Events matching every given filter, each with its evidence (see ``queries.events``)."""
        return queries.events(self._conn, type=type, actor=actor, country=country, since=since, until=until,
                              place=place, text=text, limit=limit, sort=sort)

    def statements(self, speaker: str | None = None, country: str | None = None, since: str | None = None,
                   until: str | None = None, text: str | None = None,
                   limit: int | None = None) -> list[dict[str, Any]]:
        """Statements matching every given filter (see ``queries.statements``)."""
        return queries.statements(self._conn, speaker=speaker, country=country, since=since, until=until,
                                  text=text, limit=limit)

    # -- story events ----------------------------------------------------------------------
    def cluster(self, since: str | None = None, until: str | None = None,
                progress: Any = None) -> stories.ClusterSummary:
        """Re-cluster the event mentions of a window (``since``/``until`` as in ``events``) from scratch.

        Ingest already clusters as it stores; this is for a changed threshold or weights, or after
        many reprocessed documents. One transaction: an interrupted run changes nothing.

        Example::

            >>> store.cluster(since="2022-03-01", until="2022-03-31").mentions
        """
        start, end = queries.bounds(since, until)
        with self.transaction():
            for doc_id in stories.unclustered(self._conn):  # e.g. stored before story events existed
                self._derive(self.record(doc_id))
            return stories.recluster(self._conn, start, end, progress)

    def stories(self, type: str | None = None, country: str | None = None, actor: str | None = None,
                place: str | None = None, since: str | None = None, until: str | None = None,
                min_documents: int | None = None, min_sources: int | None = None,
                limit: int | None = 100) -> list[dict[str, Any]]:
        """Story events matching every filter, each whole (see ``story_queries.stories``, docs/stories.md).

        Example::

            >>> [s["id"] for s in store.stories(type="ASSAULT", country="UKR", since="2022-04", limit=5)]
        """
        return story_queries.stories(self._conn, type=type, country=country, actor=actor, place=place,
                                     since=since, until=until, min_documents=min_documents,
                                     min_sources=min_sources, limit=limit)

    def story(self, sid: str) -> dict[str, Any]:
        """One story event: every report, every figure. A merged id leads to the surviving story."""
        found = story_queries.story(self._conn, sid)
        if found is None:
            raise Codes.NO_STORY.error(id=sid, path=self.path)
        return found

    def check_stories(self) -> list[str]:
        """Inconsistencies in the story tables, as sentences; empty when every event is in exactly one
        story event whose summary matches its members (what a crash must never break)."""
        return story_rows.problems(self._conn)

    def sql(self, query: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        """Run one read-only SQL statement on a separate ``mode=ro`` connection; writes are refused."""
        return queries.sql(self.path, query, params)
