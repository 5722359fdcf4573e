"""Behaviour of story-level toponym resolution."""

from __future__ import annotations

import pytest

import eventwire
from eventwire.gazetteer import Gazetteer, get_gazetteer
from eventwire.places import resolve_places


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    return get_gazetteer()


@pytest.mark.parametrize(
    ("names", "target", "kind", "iso3", "admin1"),
    [
        (["Paris", "Texas"], "Paris", "city", "USA", "Texas"),
        (["Paris"], "Paris", "city", "FRA", None),
        (["Odessa", "Ukraine"], "Odessa", "city", "UKR", None),
        (["Miami"], "Miami", "city", "USA", "Florida"),
        (["Kremlin"], "Kremlin", "site", "RUS", None),
        (["Georgia", "Tbilisi"], "Georgia", "country", "GEO", None),
        (["Georgia", "Atlanta"], "Georgia", "admin1", "USA", "Georgia"),
        (["Georgia"], "Georgia", "country", "GEO", None),
        (["Alexandria", "Rapides Parish"], "Alexandria", "city", "USA", "Louisiana"),
        (["Alexandria", "Cairo"], "Alexandria", "city", "EGY", None),
        (["Mexico", "Texas", "Houston", "Dallas"], "Mexico", "country", "MEX", None),
        (["Donetsk region", "Kharkiv"], "Donetsk region", "admin1", "UKR", "Donetsk"),
    ],
)
def test_resolve_places_uses_the_story_to_disambiguate(gaz: Gazetteer, names: list[str], target: str,
                                                       kind: str, iso3: str, admin1: str | None) -> None:
    entry = resolve_places(names, gazetteer=gaz)[target]
    assert entry is not None and (entry.kind, entry.country) == (kind, iso3)
    if admin1 is not None:
        assert entry.admin1 == admin1


def test_resolve_places_context_countries_pull_ambiguous_names(gaz: Gazetteer) -> None:
    plain = resolve_places(["Odessa"], gazetteer=gaz)["Odessa"]
    texan = resolve_places(["Odessa"], context_countries={"USA"}, gazetteer=gaz)["Odessa"]
    assert plain is not None and plain.country == "UKR"
    assert texan is not None and texan.country == "USA"


def test_resolve_places_maps_unknown_names_to_none(gaz: Gazetteer) -> None:
    assert resolve_places(["Xyzzyville", "Kyiv"], gazetteer=gaz)["Xyzzyville"] is None


def test_resolve_places_falls_back_to_demonym_country(gaz: Gazetteer) -> None:
    entry = resolve_places(["Russians"], gazetteer=gaz)["Russians"]
    assert entry is not None and entry.kind == "country" and entry.country == "RUS"


@pytest.mark.parametrize(("a", "b"), [("Kyiv", "Kiev"), ("the Kremlin", "Kremlin"), ("U.S.", "US")])
def test_resolve_places_gives_spelling_variants_the_same_entry(gaz: Gazetteer, a: str, b: str) -> None:
    out = resolve_places([a, b], gazetteer=gaz)
    assert set(out) == {a, b} and out[a] == out[b] and out[a] is not None


def test_resolve_places_returns_one_key_per_given_name(gaz: Gazetteer) -> None:
    names = ["Moscow", "Russia", "Moscow", "Black Sea"]
    assert set(resolve_places(names, gazetteer=gaz)) == set(names)


def test_resolve_places_of_nothing_is_empty(gaz: Gazetteer) -> None:
    assert resolve_places([], gazetteer=gaz) == {}


def test_resolve_places_sibling_states_make_a_state(gaz: Gazetteer) -> None:
    out = resolve_places(["Alabama", "Georgia", "Kentucky"], gazetteer=gaz)
    assert (out["Georgia"].kind, out["Georgia"].country) == ("admin1", "USA")


def test_resolve_places_seat_of_power_beats_a_namesake_town(gaz: Gazetteer) -> None:
    out = resolve_places(["White House", "Tennessee"], gazetteer=gaz)
    assert out["White House"].kind == "site"


def test_resolve_places_drops_unsupported_hamlets_abroad(gaz: Gazetteer) -> None:
    weak = [e for e, p in gaz.candidates("Hiran")]
    if not weak:
        pytest.skip("no candidate to test with")
    out = resolve_places(["Hiran", "Somalia"], context_countries=["SOM"], gazetteer=gaz)
    assert out["Hiran"] is None or out["Hiran"].country == "SOM"


@pytest.mark.parametrize("text", ["Troops shelled the village in early March, officials said.",
                                  "The offensive began in March and stalled in May."])
def test_month_names_in_a_place_slot_are_times_not_towns(text: str) -> None:
    """"in early March" is a month, not the English town of March (nor "May" a place)."""
    rec = eventwire.extract(text, published="2022-07-06")
    assert not [p.name for p in rec.places if p.name in ("March", "May")]
    assert any(t.value == "2022-03" for t in rec.times)
