"""Syndicated copies over the store's connection: ``assign`` a document's signature, ``forget`` it.

Why a star per group: ``num_sources`` counts outlets after copies collapse, so each group of
near-duplicates needs one representative, and the natural one is the earliest published (the
original the others reprinted). Every copy points straight at it (``doc_copies.copy_of``); a
document that turns out earlier than the group's original takes its place and the others re-point.
Candidates come from the LSH bands (``doc_bands``, indexed), never from all pairs, and are
confirmed on the estimated similarity of the full signatures (``stories.syndication.THRESHOLD``).

Every function runs inside the caller's transaction (``Store.add``) and commits nothing.
"""

from __future__ import annotations

import sqlite3

from ..stories.syndication import THRESHOLD, bands, signature, similarity


def _order(published: str | None, doc_id: str) -> tuple[bool, str, str]:
    """Sort key of "earlier": by published (a document with no date is never the earlier), then id."""
    return (published is None, published or "", doc_id)


def _published(conn: sqlite3.Connection, doc_id: str) -> str | None:
    row = conn.execute("SELECT published FROM documents WHERE id = ?", (doc_id,)).fetchone()
    return row[0] if row else None


def _signature(conn: sqlite3.Connection, doc_id: str) -> bytes | None:
    row = conn.execute("SELECT signature FROM doc_copies WHERE doc_id = ?", (doc_id,)).fetchone()
    return bytes(row[0]) if row and row[0] is not None else None


def _point(conn: sqlite3.Connection, doc_id: str, original: str | None) -> None:
    """Make ``doc_id`` a copy of ``original`` (or an original when ``None``), with its similarity."""
    sim = None
    if original is not None:
        a, b = _signature(conn, doc_id), _signature(conn, original)
        sim = similarity(a, b) if a is not None and b is not None else None
    conn.execute("UPDATE doc_copies SET copy_of = ?, similarity = ? WHERE doc_id = ?", (original, sim, doc_id))


def matches(conn: sqlite3.Connection, doc_id: str, sig: bytes, threshold: float = THRESHOLD,
            ) -> list[tuple[str, float]]:
    """Stored documents sharing an LSH band with ``sig`` whose estimated similarity reaches ``threshold``."""
    keys = bands(sig)
    if not keys:
        return []
    marks = ", ".join("?" * len(keys))
    rows = conn.execute(
        f"SELECT c.doc_id, c.signature FROM doc_copies c WHERE c.doc_id IN "
        f"(SELECT DISTINCT doc_id FROM doc_bands WHERE band IN ({marks})) AND c.doc_id != ?", (*keys, doc_id))
    out = []
    for other, other_sig in rows:
        sim = similarity(sig, bytes(other_sig))
        if sim >= threshold:
            out.append((str(other), sim))
    return out


def assign(conn: sqlite3.Connection, doc_id: str, text: str, published: str | None) -> str | None:
    """Store the body's signature and bands and return the original ``doc_id`` is a copy of (``None``
    when it is an original). Call after the ``documents`` row is inserted (and after ``forget`` when
    the document was stored before)."""
    sig = signature(text)
    conn.execute("INSERT OR REPLACE INTO doc_copies (doc_id, copy_of, similarity, signature) VALUES (?, NULL, NULL, ?)",
                 (doc_id, sig))
    conn.execute("DELETE FROM doc_bands WHERE doc_id = ?", (doc_id,))
    conn.executemany("INSERT INTO doc_bands (band, doc_id) VALUES (?, ?)", [(b, doc_id) for b in bands(sig)])
    found = [m for m, _ in matches(conn, doc_id, sig)]
    if not found:
        return None
    # the group: the matches, their originals, and every copy of those originals
    roots = {r[0] or m for m in found for r in
             conn.execute("SELECT copy_of FROM doc_copies WHERE doc_id = ?", (m,)).fetchall()}
    group = set(found) | roots
    for root in roots:
        group |= {r[0] for r in conn.execute("SELECT doc_id FROM doc_copies WHERE copy_of = ?", (root,))}
    dated = {d: _published(conn, d) for d in group}
    dated[doc_id] = published
    original = min(dated, key=lambda d: _order(dated[d], d))
    for member in dated:
        _point(conn, member, None if member == original else original)
    return None if original == doc_id else original


def forget(conn: sqlite3.Connection, doc_id: str) -> None:
    """Remove a document's signature and bands; its copies re-point to the earliest of them."""
    copies = [r[0] for r in conn.execute("SELECT doc_id FROM doc_copies WHERE copy_of = ?", (doc_id,))]
    conn.execute("DELETE FROM doc_bands WHERE doc_id = ?", (doc_id,))
    conn.execute("DELETE FROM doc_copies WHERE doc_id = ?", (doc_id,))
    if copies:
        dated = {d: _published(conn, d) for d in copies}
        original = min(dated, key=lambda d: _order(dated[d], d))
        for member in copies:
            _point(conn, member, None if member == original else original)


def original_of(conn: sqlite3.Connection, doc_id: str) -> str:
    """The document that stands for ``doc_id`` when copies collapse: its original, or itself."""
    row = conn.execute("SELECT copy_of FROM doc_copies WHERE doc_id = ?", (doc_id,)).fetchone()
    return str(row[0]) if row and row[0] else doc_id
