"""Hand-check story clustering in a store: sample merged pairs (precision), score labelled pairs (recall).

Usage::

    python scripts/story_pairs.py sample news.db OUT.tsv N SEED   # N pairs the system merged, for a reader
    python scripts/story_pairs.py recall news.db PAIRS.tsv         # share of labelled same-event pairs merged
    python scripts/story_pairs.py summary news.db                  # story events ÷ events; the 10 largest
    python scripts/story_pairs.py candidates news.db OUT.tsv N SEED  # blocked candidate pairs, by score band

``sample`` draws pairs of member mentions of one story event from two different documents: stories
are drawn with probability proportional to their number of cross-document pairs, so the sample is
uniform over merged pairs (sorted, then shuffled with ``SEED``: the same store and seed give the same
sample). Each row holds what a reader needs: both documents' outlet, date and title, and both evidence
sentences with the sentence before each. ``recall`` reads a TSV with ``doc_a event_a doc_b event_b``
columns (pairs found by reading the stories, blind to the clusters) and reports how many share a story
event, with the Wilson 95 % interval; ``sample`` labels are scored the same way by ``precision``.
"""

from __future__ import annotations

import csv
import math
import random
import sqlite3
import sys
from itertools import combinations
from pathlib import Path

MEMBERS = """
SELECT m.story, m.doc_id, m.event, d.source, COALESCE(d.published_at, d.published), d.title, e.sentence_start,
       e.sentence_end, d.record
  FROM story_members m JOIN documents d ON d.id = m.doc_id
  JOIN events e ON e.doc_id = m.doc_id AND e.id = m.event
 WHERE m.story = ?
"""


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float, float]:
    """The share k/n and its Wilson score interval."""
    if n == 0:
        return 0.0, 0.0, 0.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return p, max(0.0, centre - half), min(1.0, centre + half)


def _cross_pairs(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    rows = conn.execute("SELECT story, doc_id, count(*) FROM story_members GROUP BY story, doc_id").fetchall()
    per: dict[str, list[int]] = {}
    for story, _doc, n in rows:
        per.setdefault(story, []).append(n)
    out = []
    for story, counts in sorted(per.items()):
        total = sum(counts)
        pairs = (total * total - sum(c * c for c in counts)) // 2
        if pairs:
            out.append((story, pairs))
    return out


def _context(record_json: str, start: int, end: int) -> tuple[str, str]:
    import json

    text = json.loads(record_json)["document"]["text"]
    before = text[max(0, start - 300):start].replace("\n", " ").replace("\t", " ")
    return before, text[start:end].replace("\n", " ").replace("\t", " ")


def sample(db: Path, out: Path, n: int, seed: int) -> None:
    conn = sqlite3.connect(db)
    stories = _cross_pairs(conn)
    rng = random.Random(seed)
    weights = [p for _, p in stories]
    rows = []
    seen: set[tuple[str, str, str, str]] = set()
    while len(rows) < n and len(seen) < sum(weights):
        (story, _), = rng.choices(stories, weights=weights)
        members = conn.execute(MEMBERS, (story,)).fetchall()
        pairs = [(a, b) for a, b in combinations(members, 2) if a[1] != b[1]]
        a, b = rng.choice(pairs)
        key = (a[1], a[2], b[1], b[2])
        if key in seen:
            continue
        seen.add(key)
        ca, cb = _context(a[8], a[6], a[7]), _context(b[8], b[6], b[7])
        rows.append([len(rows) + 1, story, a[1], a[2], a[3], a[4], a[5], ca[0], ca[1],
                     b[1], b[2], b[3], b[4], b[5], cb[0], cb[1], "", ""])
    with out.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter="\t")
        w.writerow(["n", "story", "doc_a", "event_a", "source_a", "published_a", "title_a", "before_a", "sentence_a",
                    "doc_b", "event_b", "source_b", "published_b", "title_b", "before_b", "sentence_b", "same", "note"])
        w.writerows(rows)
    print(f"{len(rows)} merged pairs from {len(stories)} story events with cross-document pairs -> {out}")


def _shared(conn: sqlite3.Connection, pairs: Path) -> tuple[int, int, list[str]]:
    k = n = 0
    misses = []
    with pairs.open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if not row.get("event_a") or not row.get("event_b"):
                continue
            a = conn.execute("SELECT story FROM story_members WHERE doc_id = ? AND event = ?",
                             (row["doc_a"], row["event_a"])).fetchone()
            b = conn.execute("SELECT story FROM story_members WHERE doc_id = ? AND event = ?",
                             (row["doc_b"], row["event_b"])).fetchone()
            n += 1
            if a and b and a[0] == b[0]:
                k += 1
            else:
                where = f"{a[0] if a else '-'} vs {b[0] if b else '-'}"
                misses.append(f"{row.get('n', '?')}: {row.get('what', '')} ({where})")
    return k, n, misses


def recall(db: Path, pairs: Path) -> None:
    k, n, misses = _shared(sqlite3.connect(db), pairs)
    p, lo, hi = wilson(k, n)
    print(f"recall: {k}/{n} labelled same-event pairs share a story event = {p:.2f} (95 % CI {lo:.2f}–{hi:.2f})")
    for miss in misses:
        print("  missed", miss)


def precision(labels: Path) -> None:
    with labels.open(encoding="utf-8") as f:
        marks = [row["same"].strip().lower() for row in csv.DictReader(f, delimiter="\t") if row["same"].strip()]
    k = sum(m in ("y", "yes", "1", "true") for m in marks)
    p, lo, hi = wilson(k, len(marks))
    print(f"precision: {k}/{len(marks)} merged pairs are one event = {p:.2f} (95 % CI {lo:.2f}–{hi:.2f})")


def summary(db: Path) -> None:
    conn = sqlite3.connect(db)
    events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    stories, multi, cross = conn.execute(
        "SELECT count(*), sum(num_documents > 1), sum(num_sources > 1) FROM story_events").fetchone()
    print(f"{events} events -> {stories} story events ({stories / max(events, 1):.3f} per event); "
          f"{multi} with more than one document, {cross} with more than one outlet")
    for sid, n, docs, sources, type_, start, end in conn.execute(
            "SELECT id, num_mentions, num_documents, sources, type, date_start, date_end FROM story_events "
            "ORDER BY num_documents DESC, num_mentions DESC LIMIT 10"):
        print(f"  {sid} {type_} {start}..{end}: {n} mentions in {docs} documents from {sources}")


def candidates(db: Path, out: Path, n: int, seed: int) -> None:
    """Pairs the blocking proposes (shared key, overlapping windows, compatible), a third from each score
    band (< 0.2, 0.2–0.5, >= 0.5), for labelling training pairs: the labels are the reader's, not the score's."""
    import json

    from eventwire.store.story_index import SqliteIdf
    from eventwire.stories.mention import Mention
    from eventwire.stories.score import block_keys, compatible, pair_score

    conn = sqlite3.connect(db)
    idf = SqliteIdf(conn)
    rows = conn.execute("SELECT mention FROM story_members ORDER BY doc_id, event").fetchall()
    ms = [Mention.from_json(r[0]) for r in rows]
    by_key: dict[str, list[int]] = {}
    for i, m in enumerate(ms):
        for k in block_keys(m):
            by_key.setdefault(k, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for members in by_key.values():
        if len(members) > 200:
            continue
        for x, y in combinations(members, 2):
            if ms[x].doc != ms[y].doc and compatible(ms[x], ms[y]):
                pairs.add((x, y))
    bands: dict[int, list[tuple[int, int, float]]] = {0: [], 1: [], 2: []}
    for x, y in sorted(pairs):
        s = pair_score(ms[x], ms[y], idf)
        bands[0 if s < 0.2 else 1 if s < 0.5 else 2].append((x, y, s))
    rng = random.Random(seed)
    chosen = []
    for band in bands.values():
        chosen += rng.sample(band, min(len(band), n // 3))
    rng.shuffle(chosen)
    text = {}
    for doc_id, record in conn.execute("SELECT id, record FROM documents"):
        data = json.loads(record)
        text[doc_id] = (data["document"]["text"], {e["id"]: e for e in data["events"]}, data["document"])
    with out.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter="\t")
        side = ("doc", "event", "source", "published", "trigger", "before", "sentence")
        w.writerow(["n", *(f"{c}_a" for c in side), *(f"{c}_b" for c in side), "same", "note"])
        for i, (x, y, _s) in enumerate(chosen, 1):
            row: list[object] = [i]
            for m in (ms[x], ms[y]):
                body, events, doc = text[m.doc]
                e = events[m.event]
                a, b = e["sentence"]
                before = body[max(0, a - 300):a].replace("\n", " ").replace("\t", " ")
                row += [m.doc, m.event, doc.get("source"), doc.get("published"), e["trigger"]["text"], before,
                        body[a:b].replace("\n", " ").replace("\t", " ")]
            w.writerow([*row, "", ""])
    print(f"{len(chosen)} candidate pairs of {len(pairs)} ({', '.join(str(len(b)) for b in bands.values())} "
          f"by band) -> {out}")


def main(argv: list[str]) -> int:
    if len(argv) >= 5 and argv[0] == "sample":
        sample(Path(argv[1]), Path(argv[2]), int(argv[3]), int(argv[4]))
    elif len(argv) == 3 and argv[0] == "recall":
        recall(Path(argv[1]), Path(argv[2]))
    elif len(argv) == 2 and argv[0] == "precision":
        precision(Path(argv[1]))
    elif len(argv) >= 5 and argv[0] == "candidates":
        candidates(Path(argv[1]), Path(argv[2]), int(argv[3]), int(argv[4]))
    elif len(argv) == 2 and argv[0] == "summary":
        summary(Path(argv[1]))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
