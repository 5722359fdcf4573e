"""The store's side of story clustering: the SQLite index the ``Clusterer`` runs over, and its idf.

Why in SQLite rather than in memory: a store of millions of events cannot hold its clusters in RAM,
and a ``kill -9`` must never leave half a cluster. Candidates come from ``story_keys`` by (key,
window end), an index range scan over recent stories only, so the cost of one mention depends on
how many stories share its keys in its date window, not on the size of the store. Every write here
happens inside the caller's transaction (``Store.add`` or ``Store.cluster``).
"""

from __future__ import annotations

import functools
import hashlib
import math
import sqlite3
from collections.abc import Iterable

from ..stories.cluster import SAMPLE, Cluster, story_id
from ..stories.mention import Mention
from ..stories.score import block_keys, window

#: At most this many candidate stories per blocking key (the most recent by window end).
PER_KEY = 50


def signature(m: Mention) -> str:
    """What a mention says, hashed: a reprocessed document whose event says the same keeps its story."""
    parts = [m.event, m.type or "", m.mode or "", m.status, m.date_start or "", m.date_end or "",
             m.place.name if m.place else "", ",".join(sorted(m.actors)), ",".join(sorted(m.recipients)),
             m.lemma or "", m.sentence]
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


class SqliteIdf(dict[str, float]):
    """idf from ``story_terms`` (document frequencies kept by ``add_terms``/``remove_terms``), cached per use.

    A dict whose missing terms are read on first use, and callable as the ``Idf`` the pair score
    wants: ``__call__`` is ``dict.__getitem__`` itself, so the millions of look-ups a cosine makes
    cost no Python frame. ``prefetch`` reads the terms of a whole candidate set in one query instead
    of one query per term (both give the same values: frequencies do not change while it is in use).
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        super().__init__()
        self.conn = conn
        row = conn.execute("SELECT value FROM meta WHERE key = 'story_documents'").fetchone()
        self.n = int(row[0]) if row else 0

    def _idf(self, df: int) -> float:
        return math.log((self.n + 1) / (df + 1)) + 1.0

    def __missing__(self, term: str) -> float:
        row = self.conn.execute("SELECT df FROM story_terms WHERE term = ?", (term,)).fetchone()
        value = self[term] = self._idf(row[0] if row else 0)
        return value

    __call__ = dict.__getitem__

    def prefetch(self, terms: Iterable[str]) -> None:
        """Read the idf of every term not yet cached, ``_IN_CHUNK`` terms per query."""
        missing = sorted({t for t in terms if t not in self})
        for i in range(0, len(missing), _IN_CHUNK):
            chunk = missing[i:i + _IN_CHUNK]
            found = dict(self.conn.execute(
                f"SELECT term, df FROM story_terms WHERE term IN ({','.join('?' * len(chunk))})", chunk).fetchall())
            for t in chunk:
                self[t] = self._idf(found.get(t, 0))


#: Terms per ``IN (…)`` query (well under SQLite's bound on parameters).
_IN_CHUNK = 500
#: Parsed member mentions kept (text → ``Mention``): the members of the stories of the current
#: blocking window are read again for every newcomer; parsing them was a fifth of ingest time.
MENTION_CACHE = 8192


@functools.lru_cache(maxsize=MENTION_CACHE)
def parse_mention(text: str) -> Mention:
    """``Mention.from_json``, remembered for the ``MENTION_CACHE`` most recent texts (a ``Mention`` is frozen)."""
    return Mention.from_json(text)


def _doc_terms(mentions: Iterable[Mention]) -> set[str]:
    out: set[str] = set()
    for m in mentions:
        out |= m.vocabulary
    return out


def add_terms(conn: sqlite3.Connection, mentions: list[Mention]) -> None:
    """Count one more document for each term of its mentions (and the document itself)."""
    conn.executemany("INSERT INTO story_terms (term, df) VALUES (?, 1) ON CONFLICT(term) DO UPDATE SET df = df + 1",
                     [(t,) for t in sorted(_doc_terms(mentions))])
    _bump_documents(conn, 1)


def remove_terms(conn: sqlite3.Connection, mentions: list[Mention]) -> None:
    conn.executemany("UPDATE story_terms SET df = df - 1 WHERE term = ?", [(t,) for t in sorted(_doc_terms(mentions))])
    conn.execute("DELETE FROM story_terms WHERE df <= 0")
    _bump_documents(conn, -1)


def _bump_documents(conn: sqlite3.Connection, delta: int) -> None:
    conn.execute("INSERT INTO meta (key, value) VALUES ('story_documents', ?) ON CONFLICT(key) DO UPDATE "
                 "SET value = CAST(value AS INTEGER) + ?", (max(delta, 0), delta))


class SqliteIndex:
    """``stories.cluster.Index`` over the store's tables; ``dirty`` collects the stories to refresh."""

    def __init__(self, conn: sqlite3.Connection, per_key: int = PER_KEY, idf: SqliteIdf | None = None) -> None:
        self.conn = conn
        self.per_key = per_key
        self.idf = idf  # when given, the terms of every candidate set are read into it in one query
        self.dirty: set[str] = set()
        self.merges: list[tuple[str, str]] = []

    # -- finding ---------------------------------------------------------------------------
    def candidates(self, m: Mention) -> list[Cluster]:
        w = window(m)
        ids: set[str] = set()
        for key in block_keys(m):
            if w is None:
                rows = self.conn.execute("SELECT story FROM story_keys WHERE key = ? ORDER BY window_end DESC LIMIT ?",
                                         (key, self.per_key))
            else:
                rows = self.conn.execute(
                    "SELECT story FROM story_keys WHERE key = ? AND window_end >= ? ORDER BY window_end DESC LIMIT ?",
                    (key, w[0], self.per_key))
            ids.update(r[0] for r in rows)
        out = []
        for sid in sorted(ids):
            row = self.conn.execute("SELECT created, window_start FROM story_events WHERE id = ?", (sid,)).fetchone()
            if row is None or (w is not None and row[1] is not None and row[1] > w[1]):
                continue
            out.append(Cluster(sid, row[0], self.members(sid, SAMPLE)))
        if self.idf is not None:
            self.idf.prefetch(t for c in out for member in c.members for t in member.vocabulary)
            self.idf.prefetch(m.vocabulary)
        return out

    def members(self, sid: str, limit: int | None = None) -> list[Mention]:
        """A story's member mentions, oldest first (the last ``limit`` when given)."""
        sql = "SELECT mention FROM story_members WHERE story = ? ORDER BY window_end DESC, rowid DESC"
        params: tuple[object, ...] = (sid,)
        if limit is not None:
            sql += " LIMIT ?"
            params = (sid, limit)
        return [parse_mention(r[0]) for r in reversed(self.conn.execute(sql, params).fetchall())]

    # -- writing ---------------------------------------------------------------------------
    def open(self, m: Mention) -> str:
        sid = story_id(m)
        n = 0
        while self.conn.execute("SELECT 1 FROM story_events WHERE id = ?", (sid,)).fetchone():
            n += 1  # the founder's id is taken (a re-cluster kept an older story of that name)
            sid = story_id(Mention(key=f"{m.key}#{n}", doc=m.doc, event=m.event))
        created = next_created(self.conn)
        w = window(m)
        self.conn.execute("INSERT INTO story_events (id, created, window_start, window_end) VALUES (?, ?, ?, ?)",
                          (sid, created, w[0] if w else None, w[1] if w else None))
        self._member(sid, m, None)
        return sid

    def join(self, cluster: str, m: Mention, score: float | None) -> None:
        self._member(cluster, m, score)

    def _member(self, sid: str, m: Mention, score: float | None) -> None:
        w = window(m)
        self.conn.execute(
            "INSERT OR REPLACE INTO story_members (doc_id, event, story, score, signature, window_end, mention) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (m.doc, m.event, sid, score, signature(m), w[1] if w else None, m.to_json()))
        end = _widen(self.conn, sid, w)
        self.conn.executemany("INSERT OR IGNORE INTO story_keys (key, window_end, story) VALUES (?, ?, ?)",
                              [(k, end, sid) for k in sorted(block_keys(m))])
        self.conn.execute("UPDATE story_keys SET window_end = ? WHERE story = ? AND window_end IS NOT ?",
                          (end, sid, end))
        self.dirty.add(sid)

    def merge(self, keep: str, gone: str) -> None:
        """Move every member of ``gone`` into the older ``keep`` and log the merge (chains flattened)."""
        conn = self.conn
        conn.execute("UPDATE story_members SET story = ? WHERE story = ?", (keep, gone))
        row = conn.execute("SELECT window_start, window_end FROM story_events WHERE id = ?", (gone,)).fetchone()
        end = _widen(conn, keep, (row[0], row[1]) if row is not None and row[0] is not None else None)
        conn.execute("INSERT OR IGNORE INTO story_keys (key, window_end, story) "
                     "SELECT key, ?, ? FROM story_keys WHERE story = ?", (end, keep, gone))
        conn.execute("UPDATE story_keys SET window_end = ? WHERE story = ?", (end, keep))
        drop_story(conn, gone)
        conn.execute("UPDATE story_merges SET into_story = ? WHERE into_story = ?", (keep, gone))
        conn.execute("INSERT OR REPLACE INTO story_merges (gone, into_story, at) "
                     "VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))", (gone, keep))
        self.dirty.discard(gone)
        self.dirty.add(keep)
        self.merges.append((gone, keep))


def next_created(conn: sqlite3.Connection) -> int:
    """The next story's creation number, from a counter in ``meta``.

    Why a counter: ``MAX(created)`` has no index and scanned every story at every new one, the one
    cost of ingest that grew with the store (3 % of a profiled ingest at 10k events, 10× that per
    story at 100k). A store without the counter starts it from ``MAX(created)`` once. Numbers only order
    stories (the older survives a merge), so a counter past a deleted story's number orders them
    exactly as ``MAX + 1`` did.
    """
    row = conn.execute("SELECT value FROM meta WHERE key = 'story_created'").fetchone()
    last = int(row[0]) if row else conn.execute("SELECT COALESCE(MAX(created), 0) FROM story_events").fetchone()[0]
    conn.execute("INSERT INTO meta (key, value) VALUES ('story_created', ?) "
                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (str(last + 1),))
    return int(last) + 1


def _widen(conn: sqlite3.Connection, sid: str, w: tuple[str, str] | None) -> str | None:
    """Grow a story's blocking window to cover ``w``; return its window end."""
    if w is not None:
        conn.execute("UPDATE story_events SET window_start = MIN(COALESCE(window_start, ?), ?), "
                     "window_end = MAX(COALESCE(window_end, ?), ?) WHERE id = ?", (w[0], w[0], w[1], w[1], sid))
    row = conn.execute("SELECT window_end FROM story_events WHERE id = ?", (sid,)).fetchone()
    return row[0] if row else None


def drop_story(conn: sqlite3.Connection, sid: str) -> None:
    """Delete a story's own rows (its members must have moved or gone already)."""
    for table, column in (("story_keys", "story"), ("story_actors", "story"), ("story_events", "id")):
        conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (sid,))
