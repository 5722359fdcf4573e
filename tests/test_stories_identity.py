"""Store-wide actor identities: name keys, joining across stories, corpus countries, forgetting."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eventwire.store.core import Store
from eventwire.store.identities import countries, forget
from eventwire.stories.identity import actor_key, is_description, name_key


def _actor(aid: str, name: str, kind: str = "person", country: str | None = None,
           aliases: list[str] | None = None) -> dict[str, Any]:
    return {"id": aid, "name": name, "kind": kind, "country": country, "aliases": aliases or [], "roles": [],
            "mentions": [], "evidence": []}


def _record(doc: str, *actors: dict[str, Any]) -> dict[str, Any]:
    return {"schema": "eventwire/1", "document": {"id": doc, "text": "An invented story.", "published": "2025-03-04"},
            "actors": list(actors), "places": [], "times": [], "statements": [], "events": []}


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "s.db")


def _add(store: Store, doc: str, *actors: dict[str, Any]) -> dict[str, str]:
    store.add(_record(doc, *actors))  # Store.add assigns the identities (and forgets the old ones first)
    rows = store.connection.execute("SELECT actor, identity FROM actor_identities WHERE doc_id = ?", (doc,))
    return {actor: identity for actor, identity in rows}


def _counts_agree(store: Store) -> bool:
    bad = store.connection.execute("SELECT count(*) FROM identities i WHERE n_actors != "
                                   "(SELECT count(*) FROM actor_identities a WHERE a.identity = i.id)").fetchone()[0]
    return bool(bad == 0)


def test_name_key_drops_surface_details_only() -> None:
    assert name_key("Marta K. Vilnova") == name_key("Marta Vilnova") == "marta vilnova"
    assert name_key("President Marta Vilnova") == "marta vilnova"
    assert name_key("Mr. Vilnov") == "vilnov"
    assert name_key("Tomás Ördög\u200b") == "tomas ordog"
    assert name_key("Petar] Dunov") == "petar dunov"
    assert name_key("Gil J. Harlow III") == "gil harlow"
    assert name_key("Karl II") == "karl ii"  # a two-word name keeps its numeral
    assert name_key("Marta Vilnova") != name_key("Pavel Vilnov")
    assert name_key("General Widgets", "organization") == "general widgets"  # titles only off persons


def test_states_key_on_iso3_and_descriptions_are_recognised() -> None:
    assert actor_key(_actor("A1", "Freedonia", "country", "FRE")) == actor_key(_actor("A2", "Freedonian Republic",
                                                                                      "country", "FRE"))
    assert is_description(_actor("A1", "Government", "organization", aliases=["government"]))
    assert not is_description(_actor("A1", "Acme Corp", "organization", aliases=["Acme"]))


def test_one_identity_per_full_name_across_stories(store: Store) -> None:
    a = _add(store, "d1", _actor("A1", "Marta Vilnova", country="FRE"))
    b = _add(store, "d2", _actor("A3", "Marta K. Vilnova", country="FRE"))
    assert a["A1"] == b["A3"]
    assert _counts_agree(store)


def test_missing_country_comes_from_the_corpus_and_later_stories_lend_it_back(store: Store) -> None:
    first = _add(store, "d1", _actor("A1", "Marta Vilnova"))
    assert countries(store.connection, "d1")["A1"] == (None, None)
    second = _add(store, "d2", _actor("A1", "Marta Vilnova", country="FRE"))
    assert first["A1"] == second["A1"]  # the country-less identity took the country and kept its id
    assert countries(store.connection, "d1")["A1"] == ("FRE", "corpus")
    _add(store, "d3", _actor("A2", "Marta Vilnova"))
    assert countries(store.connection, "d3")["A2"] == ("FRE", "corpus")
    assert json.loads(store.connection.execute("SELECT record FROM documents WHERE id = 'd3'").fetchone()[0]
                      )["actors"][0]["country"] is None  # the record is never touched


def test_same_name_different_countries_stay_apart(store: Store) -> None:
    a = _add(store, "d1", _actor("A1", "Jon Smithers", country="FRE"))
    b = _add(store, "d2", _actor("A1", "Jon Smithers", country="SYL"))
    assert a["A1"] != b["A1"]
    c = _add(store, "d3", _actor("A1", "Jon Smithers"))  # which one is unknown: no country is lent
    assert countries(store.connection, "d3")["A1"] == (None, None)
    assert c["A1"] not in (a["A1"], b["A1"])


def test_bare_surname_joins_a_single_well_known_full_name(store: Store) -> None:
    full = _add(store, "d1", _actor("A1", "Marta Vilnova", country="FRE"))
    _add(store, "d2", _actor("A1", "Marta Vilnova"))
    bare = _add(store, "d3", _actor("A4", "Vilnova"))
    assert bare["A4"] == full["A1"]
    assert countries(store.connection, "d3")["A4"] == ("FRE", "corpus")


def test_bare_surname_stays_alone_when_ambiguous_or_unknown(store: Store) -> None:
    once = _add(store, "d1", _actor("A1", "Ona Kerrow"))
    assert _add(store, "d2", _actor("A1", "Kerrow"))["A1"] != once["A1"]  # one story, no country: namesake?
    _add(store, "d3", _actor("A1", "Ilse Drach", country="FRE"), _actor("A2", "Ilse Drach"))
    _add(store, "d4", _actor("A1", "Tobias Drach", country="FRE"), _actor("A2", "Tobias Drach"))
    bare = _add(store, "d5", _actor("A1", "Drach"))
    stored = {r[0] for r in store.connection.execute("SELECT identity FROM actor_identities WHERE doc_id != 'd5'")}
    assert bare["A1"] not in stored


def test_groups_and_descriptions_never_lend_a_country(store: Store) -> None:
    gov = _actor("A1", "Government", "organization", None, ["government"])
    _add(store, "d1", gov)
    _add(store, "d2", _actor("A1", "Government", "organization", "FRE", ["government"]))
    _add(store, "d3", gov, _actor("A2", "Soldiers", "group", None, ["soldiers"]))
    assert countries(store.connection, "d1")["A1"] == (None, None)
    assert countries(store.connection, "d3") == {"A1": (None, None), "A2": (None, None)}


def test_forget_undoes_a_document(store: Store) -> None:
    _add(store, "d1", _actor("A1", "Marta Vilnova"), _actor("A2", "Kasper Blum"))
    _add(store, "d2", _actor("A1", "Marta Vilnova", country="FRE"))
    with store.transaction():
        forget(store.connection, "d2")
    assert countries(store.connection, "d1")["A1"] == (None, None)  # the lent country left with its story
    assert store.connection.execute("SELECT country FROM identities WHERE name_key = 'marta vilnova'"
                                    ).fetchone()[0] is None
    with store.transaction():
        forget(store.connection, "d1")
    assert store.connection.execute("SELECT count(*) FROM identities").fetchone()[0] == 0
    assert _counts_agree(store)


def test_re_adding_a_story_keeps_counts_right(store: Store) -> None:
    first = _add(store, "d1", _actor("A1", "Marta Vilnova", country="FRE"))
    _add(store, "d2", _actor("A1", "Marta Vilnova"))
    again = _add(store, "d1", _actor("A1", "Marta Vilnova", country="FRE"))
    assert again == first
    assert store.connection.execute("SELECT n_actors FROM identities").fetchall()[0][0] == 2
    assert _counts_agree(store)
