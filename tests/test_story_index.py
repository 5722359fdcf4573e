"""The store's clustering index: creation numbers without a scan, idf read in one query or term by term alike."""

from __future__ import annotations

from pathlib import Path

from eventwire.store import Store
from eventwire.store.story_index import SqliteIdf, next_created, parse_mention
from eventwire.stories.mention import Mention


def test_creation_numbers_continue_a_store_written_without_the_counter(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as st:
        conn = st.connection
        conn.execute("INSERT INTO story_events (id, created) VALUES ('Sold', 7)")
        assert next_created(conn) == 8      # started from MAX(created) once
        conn.execute("DELETE FROM story_events")
        assert next_created(conn) == 9      # then counted: a deleted story's number is not reused
        assert next_created(conn) == 10


def test_prefetched_idf_equals_idf_read_term_by_term(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as st:
        conn = st.connection
        conn.executemany("INSERT INTO story_terms (term, df) VALUES (?, ?)", [("shell", 3), ("port", 1)])
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('story_documents', '4')")
        one, batch = SqliteIdf(conn), SqliteIdf(conn)
        batch.prefetch(["shell", "port", "quay"])
        for term in ("shell", "port", "quay"):
            assert batch(term) == one(term)
        assert one("shell") < one("port") < one("quay")     # rarer terms weigh more; unseen most


def test_parsed_mentions_are_the_stored_ones() -> None:
    m = Mention(key="d1#E1", doc="d1", event="E1", type="ASSAULT", terms=frozenset({"shell", "port"}))
    assert parse_mention(m.to_json()) == m
    assert parse_mention(m.to_json()) is parse_mention(m.to_json())
