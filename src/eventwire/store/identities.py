"""Store-wide actor identities over the store's connection: ``assign`` a document's actors, ``forget`` them.

Why in the store and incremental: an identity must survive across ingests (a story added next month
names the same minister), and the store never rewrites a record, so identities and the countries
they lend live in ``identities``/``actor_identities`` only. The rules (docs/stories.md, "Actor
identities"):

- one identity per normalised full name (``eventwire.stories.identity.name_key``); states on ISO3;
- same name, different countries: two identities. An identity without a country takes the first
  country a story gives, keeping its id, when it is the only identity of that name;
- an actor without a country gets its identity's, with ``country_source = 'corpus'`` (persons and
  organisations only: "Soldiers" or "Authorities" of one story say nothing of another's);
- a bare surname (one-word person name) joins the one stored person whose full name ends in it
  with a compatible country, if that full name came with the same country or from two stories or
  more; with none or several it stays its own identity;
- unnamed actors ("Government", "Soldiers": ``identity.is_description``) are kept like groups.

Every function runs inside the caller's transaction (``Store.add``) and commits nothing.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

from ..stories.identity import GROUP, STATE, actor_key, is_bare_surname, is_description, policy, surname

#: Stories a full name must be stored from before a bare surname with no matching country may join it.
_KNOWN = 2


def _new_id(conn: sqlite3.Connection, key: str, country: str | None, doc_id: str, actor: str) -> str:
    """An identity id from its founding actor: re-building identities in the same order gives the same ids.
    A re-added document may found a second identity of one key (its first one lives on, claimed by
    another story): a counter in the seed keeps the ids apart."""
    n = 0
    while True:
        seed = "\x1f".join((key, country or "", doc_id, actor, str(n) if n else ""))
        ident = "I" + hashlib.sha1(seed.encode("utf-8")).hexdigest()[:12]
        if conn.execute("SELECT 1 FROM identities WHERE id = ?", (ident,)).fetchone() is None:
            return ident
        n += 1


def _create(conn: sqlite3.Connection, key: str, actor: Mapping[str, Any], country: str | None,
            doc_id: str) -> str:
    ident = _new_id(conn, key, country, doc_id, str(actor["id"]))
    rule = policy(actor.get("kind"), is_description(actor))
    person = rule not in (GROUP, STATE)
    conn.execute("INSERT INTO identities (id, name_key, name, kind, country, n_actors, surname) "
                 "VALUES (?, ?, ?, ?, ?, 0, ?)",
                 (ident, key, actor.get("name"), GROUP if rule == GROUP else actor.get("kind"), country,
                  surname(str(actor.get("name") or ""), key) if person and actor.get("kind") == "person" else None))
    return ident


def _by_key(conn: sqlite3.Connection, key: str, group: bool) -> list[tuple[str, str | None]]:
    """Identities of this key, oldest first; groups and the others live apart ("Students" the group is
    never the organisation of that name)."""
    op = "=" if group else "IS NOT"
    rows = conn.execute(f"SELECT id, country FROM identities WHERE name_key = ? AND kind {op} 'group' ORDER BY rowid",
                        (key,)).fetchall()
    return [(r[0], r[1]) for r in rows]


def _resolve(conn: sqlite3.Connection, doc_id: str, actor: Mapping[str, Any]) -> tuple[str, bool]:
    """The identity ``actor`` joins (creating or claiming one) and whether it may lend its country."""
    key = actor_key(actor) or f"~{doc_id}#{actor['id']}"
    country: str | None = actor.get("country") or None
    rule = policy(actor.get("kind"), is_description(actor))
    if rule in (GROUP, STATE):
        for ident, c in _by_key(conn, key, rule == GROUP):
            if c == country:
                return ident, False
        return _create(conn, key, actor, country, doc_id), False
    if is_bare_surname(actor, key):
        found = conn.execute(
            "SELECT id, country, n_actors FROM identities WHERE surname = ? "
            "AND (country IS NULL OR ? IS NULL OR country = ?) LIMIT 2", (key, country, country)).fetchall()
        # a lone full name seen once, without a matching country, is as likely a namesake (a byline,
        # a relative) as the person meant: the surname joins only a name the store knows well
        if len(found) == 1 and (found[0][2] >= _KNOWN or (country is not None and found[0][1] == country)):
            return str(found[0][0]), True
    rows = _by_key(conn, key, False)
    if country is not None:
        for ident, c in rows:
            if c == country:
                return ident, True
        if len(rows) == 1 and rows[0][1] is None:
            conn.execute("UPDATE identities SET country = ? WHERE id = ?", (country, rows[0][0]))
            refresh_countries(conn, [rows[0][0]])
            return rows[0][0], True
        return _create(conn, key, actor, country, doc_id), True
    if len(rows) == 1:
        return rows[0][0], True
    for ident, c in rows:
        if c is None:
            return ident, True
    # several identities of this name with different countries, none without: which one is unknown
    return _create(conn, key, actor, None, doc_id), True


def assign(conn: sqlite3.Connection, doc_id: str, actors: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Give each record actor of ``doc_id`` its store-wide identity; return actor id → identity id.

    Call after the document's rows are inserted (``actor_identities`` references ``documents``) and
    after ``forget`` when the document was stored before. Full names go first, so a bare surname of
    the same story can meet its full name even where the story did not join them.
    """
    ordered = sorted(actors, key=lambda a: is_bare_surname(a, actor_key(a)))
    out: dict[str, str] = {}
    for actor in ordered:
        ident, lends = _resolve(conn, doc_id, actor)
        own: str | None = actor.get("country") or None
        country, source = (own, "story") if own else (None, None)
        if own is None and lends:
            row = conn.execute("SELECT country FROM identities WHERE id = ?", (ident,)).fetchone()
            if row and row[0]:
                country, source = row[0], "corpus"
        conn.execute("INSERT OR REPLACE INTO actor_identities (doc_id, actor, identity, country, country_source) "
                     "VALUES (?, ?, ?, ?, ?)", (doc_id, actor["id"], ident, country, source))
        conn.execute("UPDATE identities SET n_actors = n_actors + 1 WHERE id = ?", (ident,))
        out[str(actor["id"])] = ident
    return out


def refresh_countries(conn: sqlite3.Connection, identity_ids: Iterable[str]) -> int:
    """Lend each identity's country to its actors that have none (earlier stories, ``country_source =
    'corpus'``); return the rows filled. One indexed update per identity. ``assign`` calls it itself
    when an identity takes its first country; group and state identities never lend."""
    filled = 0
    for ident in identity_ids:
        cur = conn.execute(
            "UPDATE actor_identities SET country = (SELECT country FROM identities WHERE id = :i), "
            "country_source = 'corpus' WHERE identity = :i AND country IS NULL AND EXISTS "
            "(SELECT 1 FROM identities WHERE id = :i AND country IS NOT NULL AND kind IS NOT 'group' "
            "AND kind IS NOT 'country')", {"i": ident})
        filled += cur.rowcount
    return filled


def forget(conn: sqlite3.Connection, doc_id: str) -> None:
    """Undo ``assign`` for one document (before a re-add or a removal, and before its ``documents`` row
    goes: the cascade would drop the rows without fixing the counts). Identities left with no actor are
    deleted; one that kept its country only from this document loses it, and so do the actors it lent
    the country to."""
    counts = conn.execute("SELECT identity, count(*) FROM actor_identities WHERE doc_id = ? GROUP BY identity",
                          (doc_id,)).fetchall()
    conn.execute("DELETE FROM actor_identities WHERE doc_id = ?", (doc_id,))
    for ident, n in counts:
        conn.execute("UPDATE identities SET n_actors = n_actors - ? WHERE id = ?", (n, ident))
        left = conn.execute("SELECT n_actors, country FROM identities WHERE id = ?", (ident,)).fetchone()
        if left is None:
            continue
        if left[0] <= 0:
            conn.execute("DELETE FROM identities WHERE id = ?", (ident,))
            conn.execute("DELETE FROM actor_identities WHERE identity = ?", (ident,))
            continue
        if left[1] is not None and conn.execute(
                "SELECT 1 FROM actor_identities WHERE identity = ? AND country_source = 'story' AND country = ? "
                "LIMIT 1", (ident, left[1])).fetchone() is None:
            conn.execute("UPDATE identities SET country = NULL WHERE id = ?", (ident,))
            conn.execute("UPDATE actor_identities SET country = NULL, country_source = NULL "
                         "WHERE identity = ? AND country_source = 'corpus'", (ident,))


def countries(conn: sqlite3.Connection, doc_id: str) -> dict[str, tuple[str | None, str | None]]:
    """Actor id → (country, source) of one document as the store's actor tables see it."""
    rows = conn.execute("SELECT actor, country, country_source FROM actor_identities WHERE doc_id = ?", (doc_id,))
    return {r[0]: (r[1], r[2]) for r in rows}
