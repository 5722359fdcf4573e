"""Story events in the store: clustering each stored document's events, and re-clustering a window.

``Store.add`` calls ``forget`` (the document's old members leave their stories, remembered by
signature) and then ``add_document`` (its events join stories, or open new ones): both inside the
story's savepoint, so a ``kill -9`` leaves either the old clusters or the new ones, never half.
A reprocessed document whose event says exactly what it said before rejoins its old story without
being scored again: ids stay put when nothing changed. ``recluster`` replays a window of members
in date order from scratch, streaming them through a temporary table so memory stays flat.
"""

from __future__ import annotations

import sqlite3
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..stories.cluster import Clusterer
from ..stories.mention import Mention, from_record
from ..stories.score import window
from .story_index import SqliteIdf, SqliteIndex, add_terms, remove_terms, signature
from .story_rows import refresh

#: Members replayed per step of ``recluster``; summaries are refreshed after each step.
CHUNK = 2000

Sticky = dict[str, tuple[str, float | None]]


def forget(conn: sqlite3.Connection, doc_id: str) -> Sticky:
    """Take a document's events out of their stories; return signature → (story, score) to rejoin."""
    rows = conn.execute("SELECT signature, story, score, mention FROM story_members WHERE doc_id = ?",
                        (doc_id,)).fetchall()
    if not rows:
        return {}
    remove_terms(conn, [Mention.from_json(r[3]) for r in rows])
    conn.execute("DELETE FROM story_members WHERE doc_id = ?", (doc_id,))
    refresh(conn, {r[1] for r in rows})
    return {r[0]: (r[1], r[2]) for r in rows}


def add_document(conn: sqlite3.Connection, data: Mapping[str, Any], identities: Mapping[str, str] | None = None,
                 sticky: Sticky | None = None, dirty: set[str] | None = None) -> list[str]:
    """Cluster the events of one stored record; return the story id of each event, in event order.

    ``identities`` maps the record's actor ids to store-wide identity ids (``store.identities``);
    without it an actor's identity is its case-folded name. With ``dirty`` the story events it changed
    are added to that set for the caller to refresh before its commit (``Store.transaction``); without
    it their summaries are refreshed here.
    """
    ident: Callable[[Mapping[str, Any]], str] | None = None
    if identities is not None:
        known = identities

        def ident(actor: Mapping[str, Any]) -> str:
            return known.get(actor["id"]) or str(actor.get("name") or actor["id"]).casefold()

    mentions = from_record(data, ident)
    if not mentions:
        return []
    add_terms(conn, mentions)
    idf = SqliteIdf(conn)
    index = SqliteIndex(conn, idf=idf)
    clusterer = Clusterer(index, idf)
    where: dict[str, str] = {}
    for m in sorted(mentions, key=_order):
        old = (sticky or {}).get(signature(m))
        if old and conn.execute("SELECT 1 FROM story_events WHERE id = ?", (old[0],)).fetchone():
            index.join(old[0], m, old[1])
            where[m.key] = old[0]
            continue
        decision = clusterer.add(m)
        where[m.key] = decision.cluster
        for gone in decision.merged:
            for key, sid in where.items():
                if sid == gone:
                    where[key] = decision.cluster
    if dirty is None:
        refresh(conn, index.dirty)
    else:
        dirty |= index.dirty
    return [where[m.key] for m in mentions]


def unclustered(conn: sqlite3.Connection) -> list[str]:
    """Documents with events in no story event: stored by an eventwire before story events (schema 2)."""
    return [r[0] for r in conn.execute(
        "SELECT DISTINCT e.doc_id FROM events e WHERE NOT EXISTS "
        "(SELECT 1 FROM story_members m WHERE m.doc_id = e.doc_id AND m.event = e.id) ORDER BY e.doc_id")]


def _order(m: Mention) -> tuple[str, str]:
    w = window(m)
    return (w[1] if w else "", m.key)


@dataclass(slots=True)
class ClusterSummary:
    """What ``recluster`` did."""

    mentions: int = 0
    stories: int = 0  # story events holding the window's mentions afterwards
    merged: int = 0  # merges of clusters during the replay
    renamed: int = 0  # earlier story ids logged as merged into a new one
    elapsed: float = 0.0

    @property
    def rate(self) -> float:
        return self.mentions / self.elapsed if self.elapsed else 0.0


def recluster(conn: sqlite3.Connection, since: str | None = None, until: str | None = None,
              progress: Callable[[int, int], None] | None = None) -> ClusterSummary:
    """Re-cluster, from scratch, the members whose window ends in [since, until] (all when both are None).

    Members outside the window keep their stories, and window members may join them. An earlier
    story id that disappears is logged in ``story_merges`` as merged into the story now holding most
    of its old members, so a saved id still leads somewhere.
    """
    started = time.perf_counter()
    where, params = [], []
    if since:
        where.append("window_end >= ?")
        params.append(since)
    if until:
        where.append("window_end <= ?")
        params.append(until)
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    conn.execute("DROP TABLE IF EXISTS temp.replay")
    conn.execute("CREATE TEMP TABLE replay (n INTEGER PRIMARY KEY, doc_id TEXT, event TEXT, story TEXT, mention TEXT)")
    conn.execute("INSERT INTO temp.replay (doc_id, event, story, mention) SELECT doc_id, event, story, mention "
                 f"FROM story_members{clause} ORDER BY window_end, doc_id, event", params)
    total = conn.execute("SELECT count(*) FROM temp.replay").fetchone()[0]
    old_ids = {r[0] for r in conn.execute("SELECT DISTINCT story FROM temp.replay")}
    conn.execute("DELETE FROM story_members WHERE (doc_id, event) IN (SELECT doc_id, event FROM temp.replay)")
    refresh(conn, old_ids)  # stories left empty go; the others keep their outside members
    summary = ClusterSummary()
    idf = SqliteIdf(conn)
    index = SqliteIndex(conn, idf=idf)
    clusterer = Clusterer(index, idf)
    moved: dict[str, Counter[str]] = defaultdict(Counter)  # old story → new story → members
    last = 0
    while True:
        rows = conn.execute("SELECT n, story, mention FROM temp.replay WHERE n > ? ORDER BY n LIMIT ?",
                            (last, CHUNK)).fetchall()
        if not rows:
            break
        for n, old, text in rows:
            decision = clusterer.add(Mention.from_json(text))
            moved[old][decision.cluster] += 1
            summary.merged += len(decision.merged)
            last = n
        summary.mentions += len(rows)
        refresh(conn, index.dirty)
        index.dirty.clear()
        if progress is not None:
            progress(summary.mentions, total)
    # Follow merges made during the replay, visiting only the counters that hold the gone story
    # (scanning every counter for every merge grew with stories × merges: quadratic in the window).
    gone_ids = {gone for gone, _ in index.merges}
    holders: dict[str, set[str]] = defaultdict(set)
    for old, counter in moved.items():
        for sid in counter:
            if sid in gone_ids:
                holders[sid].add(old)
    for gone, into in index.merges:
        for old in holders.pop(gone, ()):
            counter = moved[old]
            counter[into] += counter.pop(gone)
            if into in gone_ids:
                holders[into].add(old)
    for old, counter in moved.items():
        exists = conn.execute("SELECT 1 FROM story_events WHERE id = ?", (old,)).fetchone()
        if not exists and counter:
            into = counter.most_common(1)[0][0]
            conn.execute("UPDATE story_merges SET into_story = ? WHERE into_story = ?", (into, old))
            conn.execute("INSERT OR REPLACE INTO story_merges (gone, into_story, at) "
                         "VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))", (old, into))
            summary.renamed += 1
    summary.stories = len({sid for c in moved.values() for sid in c})
    conn.execute("DROP TABLE temp.replay")
    summary.elapsed = time.perf_counter() - started
    return summary
