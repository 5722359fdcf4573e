"""The store's DDL as an ordered list of migrations, and the code that applies them.

Why migrations rather than one ``CREATE``: stores outlive releases. Each entry of ``MIGRATIONS``
takes a database from version ``n`` to ``n + 1``; ``migrate`` applies the missing ones in order
inside one transaction and records the version in ``meta``, so an old store opened by a new
eventwire is upgraded in place and never half-upgraded.

Everything here is plain SQLite (tables, indexes, triggers, FTS5), so the file opens as-is in
Datasette, DuckDB's sqlite scanner or the ``sqlite3`` shell: reading needs no custom function.
"""

from __future__ import annotations

import sqlite3

from ..errors import Store

# Version 1: the tables. Row ids local to a story (A1, E1, …) plus the document id form the keys;
# ``key`` columns are integer rowid aliases that FTS5 external-content tables need (a plain
# rowid may be renumbered by VACUUM).
_V1 = """
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT
);
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    content_hash TEXT,
    title TEXT,
    source TEXT,
    url TEXT,
    published TEXT,
    published_at TEXT,
    language TEXT,
    origin TEXT,
    producer TEXT,          -- JSON {"eventwire", "model", "gazetteer"}
    record TEXT NOT NULL,   -- the full eventwire/1 record, JSON, byte-for-byte as produced
    added_at TEXT
);
CREATE TABLE actors (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    name TEXT,
    kind TEXT,
    country TEXT,
    sector TEXT,
    aliases TEXT,           -- JSON array of strings
    roles TEXT,             -- JSON array of role texts
    n_mentions INTEGER,
    PRIMARY KEY (doc_id, id)
);
CREATE TABLE places (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    name TEXT,
    kind TEXT,
    country TEXT,
    admin1 TEXT,
    lat REAL,
    lon REAL,
    geonameid INTEGER,
    n_mentions INTEGER,
    PRIMARY KEY (doc_id, id)
);
CREATE TABLE times (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    text TEXT,
    value TEXT,
    kind TEXT,
    precision TEXT,
    mod TEXT,
    date_start TEXT,        -- first day the value covers (YYYY-MM-DD), null when it is not a calendar date
    date_end TEXT,          -- last day it covers
    PRIMARY KEY (doc_id, id)
);
CREATE TABLE statements (
    key INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    speaker TEXT,           -- actor id
    speaker_text TEXT,
    cue TEXT,
    content TEXT,
    direct INTEGER,
    channel TEXT,
    time TEXT,              -- time id
    date TEXT,              -- TIMEX3 value of the saying
    date_start TEXT,        -- its interval, or the publication day when it has none
    date_end TEXT,
    span_start INTEGER,
    span_end INTEGER,
    sentence TEXT,          -- the sentence that carries the attribution
    UNIQUE (doc_id, id)
);
CREATE TABLE events (
    key INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    type TEXT,
    mode TEXT,
    contexts TEXT,          -- JSON array
    status TEXT,
    time TEXT,              -- time id
    date TEXT,              -- TIMEX3 value
    date_start TEXT,        -- the event's interval, or the publication day when it has none
    date_end TEXT,
    date_precision TEXT,    -- precision of the date, 'published' when it fell back to the publication day
    place TEXT,             -- place id
    fatalities INTEGER,
    fatalities_qualifier TEXT,
    quantities TEXT,        -- JSON array
    objects TEXT,           -- JSON array
    claimed_by TEXT,        -- statement id
    trigger TEXT,
    trigger_start INTEGER,
    trigger_end INTEGER,
    sentence_start INTEGER,
    sentence_end INTEGER,
    sentence TEXT,          -- the evidence sentence
    n_mentions INTEGER,
    UNIQUE (doc_id, id)
);
CREATE TABLE event_participants (
    doc_id TEXT NOT NULL,
    event TEXT NOT NULL,
    actor TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
    PRIMARY KEY (doc_id, event, actor, role),
    FOREIGN KEY (doc_id, event) REFERENCES events(doc_id, id) ON DELETE CASCADE,
    FOREIGN KEY (doc_id, actor) REFERENCES actors(doc_id, id) ON DELETE CASCADE
);
CREATE TABLE failures (
    key INTEGER PRIMARY KEY,
    origin TEXT,
    line INTEGER,
    reason TEXT,
    code TEXT,
    at TEXT
);
"""

# Version 2: indexes for the usual filters and FTS5 over the evidence. Existing rows are indexed
# by the ``rebuild`` commands, so a version-1 store upgraded in place is fully searchable.
_V2 = """
CREATE INDEX events_type ON events(type, mode);
CREATE INDEX events_date ON events(date_start, date_end);
CREATE INDEX events_place ON events(doc_id, place);
CREATE INDEX actors_name ON actors(name COLLATE NOCASE);
CREATE INDEX actors_country ON actors(country);
CREATE INDEX places_name ON places(name COLLATE NOCASE);
CREATE INDEX places_country ON places(country);
CREATE INDEX participants_actor ON event_participants(doc_id, actor);
CREATE INDEX statements_speaker ON statements(doc_id, speaker);
CREATE INDEX statements_date ON statements(date_start, date_end);
CREATE INDEX documents_published ON documents(published);

CREATE VIRTUAL TABLE events_fts USING fts5(sentence, content='events', content_rowid='key');
CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
    INSERT INTO events_fts(rowid, sentence) VALUES (new.key, new.sentence);
END;
CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
    INSERT INTO events_fts(events_fts, rowid, sentence) VALUES ('delete', old.key, old.sentence);
END;
CREATE VIRTUAL TABLE statements_fts USING fts5(content, content='statements', content_rowid='key');
CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN
    INSERT INTO statements_fts(rowid, content) VALUES (new.key, new.content);
END;
CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN
    INSERT INTO statements_fts(statements_fts, rowid, content) VALUES ('delete', old.key, old.content);
END;
INSERT INTO events_fts(events_fts) VALUES ('rebuild');
INSERT INTO statements_fts(statements_fts) VALUES ('rebuild');
"""

# Version 3: story events across documents (eventwire.stories, docs/stories.md). Nothing here changes a
# record: identities, copies and clusters are derived tables, rebuilt by ``Store.cluster``.
_V3 = """
CREATE TABLE identities (
    id TEXT PRIMARY KEY,    -- store-wide actor identity, "I" + 12 hex digits
    name_key TEXT NOT NULL, -- the normalised full name (eventwire.stories.identity.name_key)
    name TEXT,              -- the name as first written
    kind TEXT,
    country TEXT,           -- ISO3, or null while no story gave one
    n_actors INTEGER NOT NULL DEFAULT 0,
    surname TEXT            -- last word of a person's full-name key: where a bare surname looks
);
CREATE INDEX identities_key ON identities(name_key, country);
CREATE INDEX identities_surname ON identities(surname);
CREATE TABLE actor_identities (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    actor TEXT NOT NULL,
    identity TEXT NOT NULL,
    country TEXT,           -- the actor's country, or its identity's when the story gave none
    country_source TEXT,    -- 'story' or 'corpus' (filled from the identity)
    PRIMARY KEY (doc_id, actor)
);
CREATE INDEX actor_identities_identity ON actor_identities(identity);
CREATE TABLE doc_copies (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    copy_of TEXT,           -- the earliest stored near-duplicate (syndicated copy), null for an original
    similarity REAL,        -- estimated Jaccard of the two bodies' shingles
    signature BLOB          -- MinHash signature of the body
);
CREATE INDEX doc_copies_copy_of ON doc_copies(copy_of);
CREATE TABLE doc_bands (
    band INTEGER NOT NULL,  -- one LSH band hash of the signature
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE
);
CREATE INDEX doc_bands_band ON doc_bands(band);
CREATE INDEX doc_bands_doc ON doc_bands(doc_id);
CREATE TABLE story_events (
    id TEXT PRIMARY KEY,    -- "S" + 12 hex digits, from the founding mention; stable
    created INTEGER NOT NULL,  -- creation order: when two merge, the smaller (older) survives
    type TEXT,
    mode TEXT,
    status TEXT,
    date_start TEXT,        -- the interval the members' dates agree on
    date_end TEXT,
    place TEXT,             -- JSON {"name", "country", "lat", "lon"} or null
    first_reported TEXT,
    last_reported TEXT,
    num_mentions INTEGER NOT NULL DEFAULT 0,
    num_documents INTEGER NOT NULL DEFAULT 0,
    num_sources INTEGER NOT NULL DEFAULT 0,
    sources TEXT,           -- JSON array of outlets, syndicated copies collapsed
    window_start TEXT,      -- blocking window: the union of the members' windows
    window_end TEXT
);
CREATE INDEX story_events_dates ON story_events(date_start, date_end);
CREATE INDEX story_events_type ON story_events(type);
CREATE INDEX story_events_reported ON story_events(first_reported);
CREATE TABLE story_members (
    doc_id TEXT NOT NULL,
    event TEXT NOT NULL,
    story TEXT NOT NULL REFERENCES story_events(id),
    score REAL,             -- the score it joined with; null for the founding mention
    signature TEXT NOT NULL,   -- what the event said: a reprocessed story keeps its cluster when equal
    window_end TEXT,        -- the mention's blocking window end: ``cluster`` replays members in this order
    mention TEXT NOT NULL,  -- JSON eventwire.stories.mention.Mention
    PRIMARY KEY (doc_id, event)
);
CREATE INDEX story_members_story ON story_members(story);
CREATE INDEX story_members_window ON story_members(window_end);
CREATE TABLE story_keys (
    key TEXT NOT NULL,      -- a blocking key (eventwire.stories.score.block_keys)
    window_end TEXT,        -- the story's window end, so a lookup scans only recent stories
    story TEXT NOT NULL,
    PRIMARY KEY (key, story)
);
CREATE INDEX story_keys_recent ON story_keys(key, window_end);
CREATE INDEX story_keys_story ON story_keys(story);
CREATE TABLE story_actors (
    story TEXT NOT NULL,
    identity TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
    n INTEGER NOT NULL,     -- members naming it in that role
    PRIMARY KEY (story, identity, role)
);
CREATE INDEX story_actors_identity ON story_actors(identity);
CREATE TABLE story_merges (
    gone TEXT PRIMARY KEY,  -- a story id that no longer exists
    into_story TEXT NOT NULL,  -- the older story it was merged into
    at TEXT
);
CREATE TABLE story_terms (
    term TEXT PRIMARY KEY,  -- a stemmed content word of evidence sentences
    df INTEGER NOT NULL     -- documents using it: the idf of sentence similarity
);
"""

# Version 4: the FTS tables declared as sqlite-utils' ``enable_fts`` does (``content="events"``, double quotes),
# which is what Datasette's ``detect_fts`` looks for; version 2's single quotes hid full-text search from it.
# The same index, rebuilt from the rows already there.
_V4 = """
DROP TRIGGER events_fts_insert;
DROP TRIGGER events_fts_delete;
DROP TABLE events_fts;
DROP TRIGGER statements_fts_insert;
DROP TRIGGER statements_fts_delete;
DROP TABLE statements_fts;
CREATE VIRTUAL TABLE events_fts USING fts5(sentence, content="events", content_rowid="key");
CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
    INSERT INTO events_fts(rowid, sentence) VALUES (new.key, new.sentence);
END;
CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
    INSERT INTO events_fts(events_fts, rowid, sentence) VALUES ('delete', old.key, old.sentence);
END;
CREATE VIRTUAL TABLE statements_fts USING fts5(content, content="statements", content_rowid="key");
CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN
    INSERT INTO statements_fts(rowid, content) VALUES (new.key, new.content);
END;
CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN
    INSERT INTO statements_fts(statements_fts, rowid, content) VALUES ('delete', old.key, old.content);
END;
INSERT INTO events_fts(events_fts) VALUES ('rebuild');
INSERT INTO statements_fts(statements_fts) VALUES ('rebuild');
"""

# Version 5: a story's most recent members by an index, not a sort of all of them. Clustering reads a
# candidate story's last members (``story_index.members``) for every new mention; with only
# ``story_members(story)`` SQLite sorted every member of the story each time, so a story reprinted by
# hundreds of outlets made each new report slower than the last (quadratic ingest).
_V5 = """
CREATE INDEX story_members_recent ON story_members(story, window_end);
"""

MIGRATIONS: list[str] = [_V1, _V2, _V3, _V4, _V5]
"""``MIGRATIONS[n]`` takes a store from version ``n`` to ``n + 1``; append, never edit."""

SCHEMA_VERSION = len(MIGRATIONS)

#: The tables that hold a story's rows, in the order they are exported.
TABLES = ("documents", "actors", "places", "times", "statements", "events", "event_participants")
#: The derived tables of story events across documents (version 3).
STORY_TABLES = ("identities", "actor_identities", "doc_copies", "doc_bands", "story_events", "story_members",
                "story_keys", "story_actors", "story_merges", "story_terms")


def version(conn: sqlite3.Connection) -> int:
    """The store's schema version: 0 for an empty database."""
    has_meta = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone()
    if not has_meta:
        return 0
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> list[int]:
    """Apply the missing migrations up to ``target`` in one transaction; return the versions applied.

    The connection must be in autocommit mode (``isolation_level=None``) so the explicit
    ``BEGIN``/``COMMIT`` here is the only transaction: a failure leaves the old version intact.
    """
    current = version(conn)
    if current > len(MIGRATIONS):
        raise Store.NEWER_SCHEMA.error(found=current, supported=len(MIGRATIONS))
    applied: list[int] = []
    if current >= target:
        return applied
    conn.execute("BEGIN IMMEDIATE")
    try:
        for number in range(current, target):
            for statement in _statements(MIGRATIONS[number]):
                conn.execute(statement)
            applied.append(number + 1)
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)", (str(target),))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return applied


def _statements(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole (``sqlite3.complete_statement``)."""
    out: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        if not buf and (not line.strip() or line.strip().startswith("--")):
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
