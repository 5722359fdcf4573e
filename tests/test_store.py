"""The SQLite store: write API (round trip, replace, producer check, batches), filters, read-only SQL, migrations."""

from __future__ import annotations

import functools
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

import eventwire
from eventwire.record import Record
from eventwire.store import SCHEMA_VERSION, Store, StoreError, schema
from eventwire.store.rows import COLUMNS, interval, record_rows

STORIES = [
    ("Russian forces attacked Kyiv with drones on Tuesday, killing 5 people, Ukrainian officials said. "
     "President Jane Doe met French officials in Geneva in December.", "2025-12-06"),
    ("Israeli troops fired on protesters in Gaza on Monday, killing 3 people. Prime Minister John Roe told "
     "reporters that the army would investigate the shooting.", "2025-11-18"),
    ("Thousands of students protested in Nairobi on Friday against tax increases. Police arrested 40 "
     "demonstrators, the Kenyan interior ministry said in a statement.", "2025-10-04"),
    ("The United States imposed sanctions on Iranian oil firms in 2024, Washington said.", "2025-03-01"),
]


@functools.cache
def records() -> tuple[Record, ...]:
    return tuple(eventwire.extract(text, published=published) for text, published in STORIES)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "news.db") as st:
        with st.transaction():
            for rec in records():
                st.add(rec, origin="test.jsonl")
        yield st


def _count(st: Store, table: str) -> int:
    return st.connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_store_round_trip_record_json_unchanged(store: Store) -> None:
    for rec in records():
        assert store.record(rec.document.id) == rec.to_dict()
    assert store.ids() == {rec.document.id for rec in records()}


def test_store_wal_mode_and_foreign_keys(store: Store) -> None:
    assert store.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.connection.execute("PRAGMA foreign_key_check").fetchall() == []


def test_store_readd_replaces_without_duplicates(store: Store) -> None:
    before = {t: _count(store, t) for t in COLUMNS}
    for rec in records():
        store.add(rec, origin="again.jsonl")
    assert {t: _count(store, t) for t in COLUMNS} == before
    assert store.events(text="drones") and len(store.events(text="drones")) == 1
    origin = store.connection.execute("SELECT origin FROM documents WHERE id = ?", (records()[0].document.id,))
    assert origin.fetchone()[0] == "again.jsonl"
    for fts in ("events_fts", "statements_fts"):  # the external-content indexes stayed in step
        store.connection.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")


def test_store_has_checks_producer(store: Store) -> None:
    rec = records()[0]
    assert store.has(rec.document.id)
    assert store.has(rec.document.id, rec.producer)
    assert store.has(rec.document.id, {"eventwire": rec.producer.eventwire, "model": rec.producer.model,
                                       "gazetteer": rec.producer.gazetteer})
    assert not store.has(rec.document.id, {**rec.to_dict()["producer"], "model": "other 9.9"})
    assert not store.has("no-such-id")


def test_store_failed_batch_keeps_nothing(tmp_path: Path) -> None:
    with Store(tmp_path / "x.db") as st:
        with pytest.raises(RuntimeError), st.transaction():
            st.add(records()[0])
            raise RuntimeError("crash mid-batch")
        assert st.ids() == set()
        assert _count(st, "events") == 0


def test_store_failed_add_inside_batch_leaves_no_partial_rows(tmp_path: Path) -> None:
    broken = records()[1].to_dict()
    broken = json.loads(json.dumps(broken))
    broken["events"][0]["trigger"] = None  # record_rows copes; make the insert fail instead:
    broken["events"].append(dict(broken["events"][0]))  # duplicate event id -> UNIQUE violation
    with Store(tmp_path / "x.db") as st:
        with st.transaction():
            st.add(records()[0])
            with pytest.raises(sqlite3.IntegrityError):
                st.add(broken)
        assert st.ids() == {records()[0].document.id}
        assert _count(st, "actors") == len(records()[0].actors)


def test_store_failures_are_recorded(store: Store) -> None:
    store.add_failure("feed.jsonl", 7, "empty story", "EW-I10")
    assert store.failures()[0]["line"] == 7 and store.failures()[0]["code"] == "EW-I10"


def test_store_interval_of_coarse_values() -> None:
    assert interval("2025-12-02") == ("2025-12-02", "2025-12-02")
    assert interval("2025-12") == ("2025-12-01", "2025-12-31")
    assert interval("2024-02") == ("2024-02-01", "2024-02-29")
    assert interval("2025") == ("2025-01-01", "2025-12-31")
    assert interval("202") == ("2020-01-01", "2029-12-31")
    assert interval("2025-W49") == ("2025-12-01", "2025-12-07")
    assert interval("2025-W49-WE") == ("2025-12-06", "2025-12-07")
    assert interval("2025-WI") == ("2025-12-01", "2026-02-28")
    assert interval("2025-Q2") == ("2025-04-01", "2025-06-30")
    assert interval("2025-12-02T15:00") == ("2025-12-02", "2025-12-02")
    assert interval("PT5H") is None and interval("PRESENT_REF") is None and interval("XXXX-WXX-2") is None


def test_store_filter_type(store: Store) -> None:
    assert {r["type"] for r in store.events(type="assault")} == {"ASSAULT"}
    assert len(store.events(type="ASSAULT")) == 2


def test_store_filter_actor_alias_substring(store: Store) -> None:
    rows = store.events(actor="washing")  # alias "Washington" of the United States
    assert [r["type"] for r in rows] == ["SANCTION"]
    assert rows[0]["actors"] == ["United States"] and rows[0]["recipients"] == ["Iranian oil firms"]
    assert [r["event_id"] for r in store.events(actor="JANE")] == ["E2"]


def test_store_filter_country_via_place_or_participant(store: Store) -> None:
    gaza = store.events(country="pse")  # no participant is Palestinian: the place is
    assert [(r["type"], r["place"]) for r in gaza] == [("ASSAULT", "Gaza Strip")]
    assert {r["type"] for r in store.events(country="UKR")} == {"ASSAULT"}


def test_store_filter_coarse_date_interval(store: Store) -> None:
    december = store.events(since="2025-12-15")
    assert [r["trigger"] for r in december] == ["met"]  # dated 2025-12: its month overlaps
    assert [r["type"] for r in store.events(since="2024-06", until="2024-06-30")] == ["SANCTION"]
    undated = store.events(type="COERCE")[0]  # no own date: the publication day
    assert (undated["date_start"], undated["date_end"]) == ("2025-10-04", "2025-10-04")
    assert [r["type"] for r in store.events(since="2025-10-04", until="2025-10-04")] == ["COERCE"]
    with pytest.raises(StoreError):
        store.events(since="last week")


def test_store_filter_place_and_text(store: Store) -> None:
    assert [r["type"] for r in store.events(place="nairobi", type="PROTEST")] == ["PROTEST"]
    rows = store.events(text="drones Tuesday")
    assert len(rows) == 1 and rows[0]["sentence"].startswith("Russian forces attacked Kyiv")
    assert rows[0]["doc_id"] == records()[0].document.id and rows[0]["published"] == "2025-12-06"
    assert store.events(text="U.S. don't") == []  # punctuation is not FTS syntax
    assert len(store.events(limit=2)) == 2


def test_store_statements_filters(store: Store) -> None:
    rows = store.statements(country="UKR")
    assert len(rows) == 1 and rows[0]["speaker"] == "Ukrainian officials"
    assert [r["speaker"] for r in store.statements(speaker="john")] == ["John Roe"]
    assert [r["speaker"] for r in store.statements(text="sanctions")] == ["United States"]
    assert [r["speaker"] for r in store.statements(since="2025-12-01")] == ["Ukrainian officials"]


def test_store_sql_is_read_only(store: Store) -> None:
    assert store.sql("SELECT count(*) AS n FROM documents") == [{"n": 4}]
    for write in ("DELETE FROM events", "DROP TABLE events", "INSERT INTO failures(origin) VALUES ('x')"):
        with pytest.raises(StoreError, match="read-only"):
            store.sql(write)
    with pytest.raises(StoreError, match="SQL error"):
        store.sql("SELEC nothing")
    assert _count(store, "events") > 0


def test_store_readonly_open(store: Store, tmp_path: Path) -> None:
    with Store(store.path, readonly=True) as ro:
        assert ro.ids() == store.ids()
        with pytest.raises(sqlite3.OperationalError):
            ro.add(records()[0])
    with pytest.raises(StoreError, match="no store"):
        Store(tmp_path / "missing.db", readonly=True)


def _old_store(path: Path, version: int) -> Path:
    """A store left at schema ``version`` holding the first test story's rows, written as that version would."""
    conn = sqlite3.connect(path, isolation_level=None)
    assert schema.migrate(conn, target=version) == list(range(1, version + 1))
    rows = record_rows(records()[0].to_dict(), "old.jsonl", "2025-01-01T00:00:00Z")
    for table, columns in COLUMNS.items():
        for row in rows[table]:
            conn.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(row))})", row)
    conn.close()
    return path


def test_store_migrates_an_older_version(tmp_path: Path) -> None:
    path = _old_store(tmp_path / "old.db", 1)
    with Store(path) as st:
        assert schema.version(st.connection) == SCHEMA_VERSION == len(schema.MIGRATIONS)
        assert [r["trigger"] for r in st.events(text="drones")] == ["attacked"]  # FTS built over old rows
        assert st.record(records()[0].document.id) == records()[0].to_dict()
    with pytest.raises(StoreError, match="version 1"):
        conn = sqlite3.connect(tmp_path / "old2.db", isolation_level=None)
        schema.migrate(conn, target=1)
        conn.close()
        Store(tmp_path / "old2.db", readonly=True)


def test_store_refuses_a_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    Store(path).close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    conn.close()
    for readonly in (False, True):
        with pytest.raises(StoreError, match="newer"):
            Store(path, readonly=readonly)


def test_store_readers_see_last_commit_while_a_batch_is_open(tmp_path: Path) -> None:
    path = tmp_path / "wal.db"
    with Store(path) as writer:
        writer.add(records()[0])
        with writer.transaction():
            writer.add(records()[1])
            with Store(path, readonly=True) as reader:  # WAL: no "database is locked"
                assert reader.ids() == {records()[0].document.id}
                assert len(reader.events(type="ASSAULT")) == 1
        with Store(path, readonly=True) as reader:
            assert reader.ids() == {records()[0].document.id, records()[1].document.id}


def test_store_kill_9_mid_batch_keeps_only_complete_stories(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "killed.db"
    dumped = tmp_path / "records.json"
    dumped.write_text(json.dumps([r.to_dict() for r in records()]), encoding="utf-8")
    script = (
        "import json, os, signal, sys\n"
        "from eventwire.store import Store\n"
        "recs = json.load(open(sys.argv[2], encoding='utf-8'))\n"
        "st = Store(sys.argv[1])\n"
        "with st.transaction():\n"
        "    st.add(recs[0]); st.add(recs[1])\n"
        "with st.transaction():\n"
        "    st.add(recs[2])\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(path), str(dumped)], check=False)
    assert result.returncode == -9
    with Store(path) as st:
        assert st.ids() == {records()[0].document.id, records()[1].document.id}
        for table, n in (("actors", len(records()[0].actors) + len(records()[1].actors)),
                         ("events", len(records()[0].events) + len(records()[1].events))):
            assert _count(st, table) == n
        assert st.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _detects_fts(conn: sqlite3.Connection, table: str) -> str | None:
    """What Datasette's ``detect_fts`` asks of a database (written from its documented behaviour): a
    virtual FTS table whose SQL names ``content="<table>"`` in double quotes."""
    row = conn.execute("SELECT name FROM sqlite_master WHERE rootpage = 0 AND sql LIKE ?",
                       (f'%VIRTUAL TABLE%USING FTS%content="{table}"%',)).fetchone()
    return row[0] if row else None


def test_store_fts_is_declared_so_datasette_finds_it_even_after_an_upgrade(tmp_path: Path) -> None:
    path = _old_store(tmp_path / "v3.db", 3)  # single-quoted content='events', as stores before version 4
    with closing(sqlite3.connect(path)) as conn:
        assert _detects_fts(conn, "events") is None
    with Store(path) as st:
        assert _detects_fts(st.connection, "events") == "events_fts"
        assert _detects_fts(st.connection, "statements") == "statements_fts"
        assert [r["trigger"] for r in st.events(text="drones")] == ["attacked"]  # rebuilt over the old rows
        st.add(records()[1])
        assert len(st.events(text="protesters")) >= 1  # triggers still feed it
