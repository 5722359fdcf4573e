"""Offline gazetteer: one compact name index, read here; built by ``gazetteer_build.py``.

Parsing cities500.json costs seconds and ~400 MB, so the index is stored column-wise (arrays, not
objects) and cached with :mod:`marshal` under ``$EVENTWIRE_CACHE`` or ``~/.cache/eventwire``; the cache
name carries a hash of the format version, package versions, the TSV contents and the builder's code, so
any change rebuilds it. A first run does not build it: the package ships the same index prebuilt
(``prebuilt/place-index.xz``, made by ``scripts/build_place_index.py``), used when its key matches and
copied to the cache; only a stale or missing file falls back to building. ``Entry`` objects are created
lazily per lookup. Name keys (``fold``) and the version live in ``placekeys.py``. See docs/gazetteer.md.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import lzma
import marshal
import math
import os
import tempfile
import threading
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import gazetteer_build, lexicon, placekeys
from .gazetteer_build import ADMIN_SUFFIXES, ALT_MIN_POP, CITY_LIST, build_index
from .placekeys import FORMAT, KINDS, fold, index_version, package_version

log = logging.getLogger(__name__)

__all__ = ["ADMIN_SUFFIXES", "FORMAT", "KINDS", "PREBUILT", "PREBUILT_MAGIC", "Entry", "Gazetteer", "build_index",
           "cache_key", "fold", "get_gazetteer", "index_version", "load_index", "read_prebuilt"]

RESOURCES = Path(__file__).resolve().parent / "resources" / "en"
# The index as ``build_index`` makes it, shipped so that a first run does not spend seconds and hundreds of MB
# building it: one header line ``PREBUILT_MAGIC <cache key>`` then the xz-compressed marshal of the index.
PREBUILT = Path(__file__).resolve().parent / "prebuilt" / "place-index.xz"
PREBUILT_MAGIC = b"eventwire-place-index"
TSV_FILES = (("places", "countries.tsv"), ("places", "admin1.tsv"), ("places", "seats.tsv"),
             ("places", "regions.tsv"), ("places", "water.tsv"), ("places", "us_abbreviations.tsv"),
             ("demonyms.tsv",))
# Prior of an entry (see Gazetteer.prior): population counts, but less than the kind of place.
POP_WEIGHT = 0.6
KIND_BONUS = {"country": 5.0, "admin1": 1.5, "city": 0.0, "other": 0.0}
CAPITAL_BONUS = 2.5
FAMOUS = 7.0  # prior of hand-listed sites, regions and water bodies
_CITY = KINDS.index("city")


@dataclass(frozen=True, slots=True)
class Entry:
    name: str
    kind: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    population: int
    capital_of: str | None = None
    seat_of: str | None = None


def cache_key() -> str:
    """Hash of everything the index is made from (format, package versions, TSVs, builder code): names the
    cache file and must match the prebuilt file's header for that file to be used."""
    h = hashlib.sha1(index_version().encode())
    h.update(f"{CITY_LIST} {ALT_MIN_POP} pycountry {package_version('pycountry')}".encode())
    for parts in TSV_FILES:
        h.update(RESOURCES.joinpath(*parts).read_bytes())
    for module in (gazetteer_build, placekeys, lexicon):   # the builder, its keys and the TSV reader
        h.update(Path(module.__file__ or "").read_bytes())
    return h.hexdigest()[:16]


def _cache_dir() -> Path:
    env = os.environ.get("EVENTWIRE_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "eventwire"


def _unmarshal(raw: bytes) -> Any:
    was_enabled = gc.isenabled()
    gc.disable()  # the loader allocates ~1M objects: no point scanning them for cycles meanwhile
    try:
        return marshal.loads(raw)
    finally:
        if was_enabled:
            gc.enable()


def read_prebuilt(key: str, path: Path | None = None) -> dict[str, Any] | None:
    """The shipped index if its header carries ``key`` (same inputs as a build here would use), else None."""
    try:
        with (path or PREBUILT).open("rb") as fh:
            header = fh.readline().split()
            if header != [PREBUILT_MAGIC, key.encode()]:
                return None  # stale (TSVs, builder or package versions differ) or not ours: build instead
            index = _unmarshal(lzma.decompress(fh.read()))
    except (OSError, EOFError, ValueError, TypeError, lzma.LZMAError):
        return None
    return index if isinstance(index, dict) and index.get("version") == index_version() else None


def load_index() -> dict[str, Any]:
    """Read the cached index, else the shipped one, else build it; cache what was not read from the cache
    (atomic rename; best effort)."""
    key = cache_key()
    path = _cache_dir() / f"gazetteer-{key}.marshal"
    try:
        raw = path.read_bytes()  # one read: marshal.load(file) is much slower
        cached = _unmarshal(raw)
        if isinstance(cached, dict) and cached.get("version") == index_version():
            return cached
    except (OSError, EOFError, ValueError, TypeError):
        pass  # missing or unreadable cache: use the shipped index or rebuild below
    index = read_prebuilt(key)
    if index is None:
        # Seconds and several hundred MB, once per machine and version: say so, or a first run looks hung.
        log.info("building the place index (once per version; about 15 s), cached in %s", path.parent)
        index = build_index()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gaz-", suffix=".tmp")
    except OSError:
        return index  # read-only home/cache: keep the index in memory only
    try:
        with os.fdopen(fd, "wb") as fh:
            marshal.dump(index, fh)
        os.replace(tmp, path)  # atomic: a concurrent reader sees the old file or the whole new one
    except OSError:
        Path(tmp).unlink(missing_ok=True)
    return index


def _arr(code: str, raw: bytes) -> array:
    a = array(code)
    a.frombytes(raw)
    return a


class Gazetteer:
    """Name → places lookups over the compact index. Thread-safe for reading."""

    def __init__(self, index: dict[str, Any] | None = None) -> None:
        ix = index if index is not None else load_index()
        self.version: str = ix["version"]
        self._names: list[str] = ix["names"]
        self._kind = _arr("b", ix["kind"])
        self._country = _arr("h", ix["country"])
        self._admin1 = _arr("i", ix["admin1"])
        self._lat = _arr("f", ix["lat"])
        self._lon = _arr("f", ix["lon"])
        self._gid = _arr("q", ix["gid"])
        self._pop = _arr("q", ix["pop"])
        self._iso3: list[str] = ix["iso3"]
        self._admins: list[str] = ix["admins"]
        self._capital: dict[int, str] = ix["capital"]
        self._seat: dict[int, str] = ix["seat"]
        self._key_names: list[str] = ix["key_names"]
        self._key_posts: list[int | tuple[int, ...]] = ix["key_posts"]
        self._demonyms: dict[str, str] = ix["demonyms"]
        self._by_iso3: dict[str, int] = ix["countries"]
        self._capital_of_iso = {iso: i for i, iso in self._capital.items()}

    @lru_cache(maxsize=65536)  # noqa: B019 - one long-lived instance per process
    def entry(self, i: int) -> Entry:
        """The ``Entry`` for internal row ``i`` (built lazily: rows are stored column-wise)."""
        lat, lon = float(self._lat[i]), float(self._lon[i])
        return Entry(name=self._names[i], kind=KINDS[self._kind[i]],
                     country=self._iso3[self._country[i]] or None,
                     admin1=self._admins[self._admin1[i]] or None,
                     lat=None if math.isnan(lat) else round(lat, 5),
                     lon=None if math.isnan(lon) else round(lon, 5),
                     geonameid=self._gid[i] or None, population=int(self._pop[i]),
                     capital_of=self._capital.get(i), seat_of=self._seat.get(i))

    def prior(self, i: int) -> float:
        """How well known row ``i`` is, in log10-population units scaled by POP_WEIGHT, plus a bonus
        by kind: a bare name in news means the country, the capital, the hand-listed famous site
        before a same-named town. Computed at run time so tuning needs no index rebuild."""
        kind = KINDS[self._kind[i]]
        if kind in ("site", "region", "water"):
            return FAMOUS
        bonus = KIND_BONUS.get(kind, 0.0) + (CAPITAL_BONUS if i in self._capital else 0.0)
        return POP_WEIGHT * math.log10(self._pop[i] + 10) + bonus

    def _alt_penalty(self, i: int) -> float:
        """Matching only an alternate name costs more for small places: a big city's alternates are
        known spellings (Kiev, Odessa), a village's are often historical or foreign names."""
        return ALT_PENALTY if self._pop[i] >= 100_000 or self._kind[i] != _CITY else 3 * ALT_PENALTY

    def _postings(self, key: str) -> list[tuple[int, bool]]:
        j = bisect_left(self._key_names, key)
        if j == len(self._key_names) or self._key_names[j] != key:
            return []
        v = self._key_posts[j]
        codes: Iterable[int] = (v,) if isinstance(v, int) else v
        return [(~c, True) if c < 0 else (c, False) for c in codes]

    def candidates(self, name: str) -> list[tuple[Entry, float]]:
        """All entries for ``name`` with a prior score (importance, minus a penalty when only an
        alternate spelling matched), best first. ``lookup`` is this without the scores."""
        key = fold(name)
        hits = self._postings(key)
        if not hits:
            for suffix in (" city", " town"):  # "Mosul city" -> Mosul
                if key.endswith(suffix):
                    hits = self._postings(key[: -len(suffix)])
        scored = [(self.entry(i), self.prior(i) - (self._alt_penalty(i) if alt else 0.0)) for i, alt in hits]
        scored.sort(key=lambda es: -es[1])
        return scored

    def lookup(self, name: str) -> list[Entry]:
        """All candidate places for a surface form, best-known first."""
        return [e for e, _ in self.candidates(name)]

    def is_known(self, name: str) -> bool:
        """Cheap membership test for a surface form (same normalisation as ``lookup``)."""
        key = fold(name)
        j = bisect_left(self._key_names, key)
        return j < len(self._key_names) and self._key_names[j] == key

    def country(self, name: str) -> Entry | None:
        """The country called ``name`` ("U.S.", "the US", "Britain", "RUS"), else None."""
        return next((e for e, _ in self.candidates(name) if e.kind == "country"), None)

    def country_by_iso3(self, iso3: str) -> Entry | None:
        i = self._by_iso3.get(iso3.upper())
        return None if i is None else self.entry(i)

    def demonym(self, word: str) -> str | None:
        """iso3 of a national adjective/demonym ("Russians" -> "RUS"); plural -s tolerated."""
        key = fold(word)
        iso = self._demonyms.get(key)
        if iso is None and key.endswith("s"):
            iso = self._demonyms.get(key[:-1])
        return iso

    def capital_of(self, name: str) -> str | None:
        """iso3 of the country whose capital is called ``name`` (any known spelling), else None."""
        for e, _ in self.candidates(name):
            if e.capital_of:
                return e.capital_of
        return None

    def capital(self, iso3: str) -> Entry | None:
        i = self._capital_of_iso.get(iso3.upper())
        return None if i is None else self.entry(i)

    def seat_of_power(self, name: str) -> str | None:
        """iso3 of the state whose seat of power this is ("the Kremlin" -> "RUS"), else None."""
        return next((e.seat_of for e, _ in self.candidates(name) if e.seat_of), None)

    def __len__(self) -> int:
        return len(self._names)


ALT_PENALTY = 0.5
_LOCK = threading.Lock()
_INSTANCE: Gazetteer | None = None


def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built or loaded from cache on first call)."""
    global _INSTANCE
    if _INSTANCE is None:
        with _LOCK:
            if _INSTANCE is None:
                _INSTANCE = Gazetteer()
    return _INSTANCE
