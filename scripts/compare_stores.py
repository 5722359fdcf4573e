"""Do two stores hold the same records? ``python scripts/compare_stores.py a.db b.db``

Compares each document's record JSON without ``producer`` (which names the run, not the content), the
failures table (origin, line, code) and the story events (as partitions of event mentions: ids may
differ, the grouping must not). Used to show that ``ingest --engine ray`` and the local engine agree
(docs/cluster.md). Exit status 0 when all three are equal, 1 otherwise.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from typing import Any


def records(conn: sqlite3.Connection) -> dict[str, Any]:
    out = {}
    for doc_id, rec in conn.execute("SELECT id, record FROM documents"):
        data = json.loads(rec)
        data.pop("producer", None)
        out[doc_id] = data
    return out


def failures(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    return sorted(conn.execute("SELECT origin, line, code FROM failures"))


def stories(conn: sqlite3.Connection) -> list[list[tuple[str, int]]]:
    groups: dict[str, set[tuple[str, int]]] = {}
    for doc_id, event, story in conn.execute("SELECT doc_id, event, story FROM story_members"):
        groups.setdefault(story, set()).add((doc_id, event))
    return sorted(sorted(g) for g in groups.values())


def main(a: str, b: str) -> int:
    ca, cb = sqlite3.connect(f"file:{a}?mode=ro", uri=True), sqlite3.connect(f"file:{b}?mode=ro", uri=True)
    ra, rb = records(ca), records(cb)
    differing = sorted(i for i in ra.keys() & rb.keys() if ra[i] != rb[i])
    same_failures, same_stories = failures(ca) == failures(cb), stories(ca) == stories(cb)
    print(f"{a}: {len(ra)} documents, {b}: {len(rb)}; only in {a}: {len(ra.keys() - rb.keys())}, "
          f"only in {b}: {len(rb.keys() - ra.keys())}; records differing (producer aside): {len(differing)}")
    print(f"failures equal: {same_failures} ({len(failures(ca))}); story events equal: {same_stories} "
          f"({len(stories(ca))})")
    return 0 if not differing and ra.keys() == rb.keys() and same_failures and same_stories else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
