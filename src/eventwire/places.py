"""Story-level toponym resolution: one gazetteer entry per distinct place name of a story.

A name alone is often ambiguous (Paris, Georgia, Alexandria, Odessa). A story is not: the places
it names support each other. Each candidate starts from its gazetteer prior (population, kind,
capital status, minus a penalty when only an alternate spelling matched) and gains support from
the candidates of the *other* names in the story (a city inside an admin1 the story names, an
admin1 containing a city it names, places of a country it names, nearby places), weighted by how
likely those other candidates are. The weights are re-estimated for a few rounds, so a confident
name ("Rapides Parish") pulls an ambiguous one ("Alexandria") before the ambiguous one can pull
back. Countries the story mentions through demonyms or capitals come in as ``context_countries``.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any

from . import record
from .gazetteer import Entry, Gazetteer, fold, get_gazetteer
from .stages import register

if TYPE_CHECKING:
    from .mentions import Mention
    from .story import Story

MAX_CANDIDATES = 15  # per name: beyond this the prior is hopeless anyway
MIN_WEIGHT = 0.02  # candidates of other names below this relative likelihood give no support
ROUNDS = 3
NEAR_KM = 100.0

# Support bonuses, in the prior's units (log10 population): containment named in the story is
# the strongest evidence, a shared country the weakest.
B_IN_ADMIN1 = 5.0  # city/county inside an admin1 the story names ("Paris" + "Texas")
B_HAS_PLACE = 4.0  # admin1 containing a city/county the story names ("Georgia" + "Atlanta")
B_IN_COUNTRY = 2.0  # place in a country the story names; country containing a named place
B_SAME_ADMIN1 = 2.0  # two cities/counties in the same admin1
B_SAME_COUNTRY = 0.75  # two places in the same country
B_NEAR = 2.0  # two places within NEAR_KM
B_CONTEXT = 2.0  # place in a country given as context (demonyms, capitals, seats of the story)
MIN_SCORE = 1.5  # below this, an unsupported candidate outside the story's countries is dropped
B_SEAT = 3.0  # a seat of power ("White House") is meant far more often than a namesake town
MAX_SUPPORT = 8.0  # cap so a long list of weak hints cannot beat a strong prior

MAX_PAIR = max(B_IN_ADMIN1, B_HAS_PLACE, B_IN_COUNTRY, B_SAME_ADMIN1 + B_NEAR)  # bound for early exit
_LOCAL = ("city", "other", "site")


def _km(a: Entry, b: Entry) -> float:
    """Great-circle distance (haversine); inf when a coordinate is missing."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def support(c: Entry, o: Entry) -> float:
    """How much another name's candidate ``o`` supports candidate ``c`` (0 when unrelated)."""
    if c is o or c.country is None or c.country != o.country:
        return 0.0
    if o.kind == "country":
        return B_IN_COUNTRY if c.kind != "country" else 0.0
    if c.kind == "country":
        return B_IN_COUNTRY
    same_admin = c.admin1 is not None and c.admin1 == o.admin1
    if c.kind == "admin1" and o.kind == "admin1":
        return B_IN_COUNTRY  # a list of states/provinces of one country: "Alabama and Georgia"
    if o.kind == "admin1":
        return B_IN_ADMIN1 if same_admin and c.kind in _LOCAL else 0.0
    if c.kind == "admin1":
        if o.kind in _LOCAL:
            return B_HAS_PLACE if same_admin else 0.0
        return B_SAME_COUNTRY
    bonus = B_SAME_ADMIN1 if same_admin else B_SAME_COUNTRY
    if _km(c, o) <= NEAR_KM:
        bonus += B_NEAR
    return bonus


def _best_support(c: Entry, others: Sequence[tuple[Entry, float]]) -> float:
    """max(w * support(c, o)) over another name's candidates, sorted by weight descending."""
    best = 0.0
    for o, w in others:
        if w * MAX_PAIR <= best:
            break
        best = max(best, w * support(c, o))
    return best


def _weights(scores: list[float]) -> list[float]:
    """Relative likelihood of each candidate (best = 1), from score differences."""
    top = max(scores)
    return [math.exp(s - top) for s in scores]


def resolve_places(names: Sequence[str], *, context_countries: Collection[str] = (),
                   gazetteer: Gazetteer | None = None) -> dict[str, Entry | None]:
    """Choose one entry per distinct toponym of a story (see module docstring for how).

    E.g. ["Paris", "Texas"] -> Paris, Texas; ["Paris"] -> Paris, France; ["Odessa", "Ukraine"] ->
    Odesa, UKR; ["Kremlin"] -> the site in Moscow; ["Georgia", "Atlanta"] -> the US state.
    Names with no gazetteer entry map to None. Keys are the names as given (first spelling wins
    when two spellings fold to the same key; both keys are returned).
    """
    gaz = gazetteer or get_gazetteer()
    ctx = {c.upper() for c in context_countries}
    by_key: dict[str, list[str]] = {}
    for n in names:
        by_key.setdefault(fold(n), []).append(n)
    keys = [k for k in by_key if k]
    cands: dict[str, list[Entry]] = {}
    priors: dict[str, list[float]] = {}
    for k in keys:
        found = gaz.candidates(by_key[k][0])[:MAX_CANDIDATES]
        if not found:  # a national adjective used as a place ("American", "Russians") -> the country
            iso = gaz.demonym(by_key[k][0])
            country = gaz.country_by_iso3(iso) if iso else None
            found = [(country, 0.0)] if country else []
        if found:
            cands[k] = [e for e, _ in found]
            priors[k] = [p + (B_CONTEXT if e.country in ctx else 0.0) + (B_SEAT if e.seat_of else 0.0)
                         for e, p in found]
    scores = {k: list(p) for k, p in priors.items()}
    for _ in range(ROUNDS if len(cands) > 1 else 0):
        # support needs a shared country: index the likely candidates of each name by country,
        # most likely first, so the inner loop can stop once no remaining one can do better
        live: dict[str, dict[str | None, list[tuple[Entry, float]]]] = {}
        for k in cands:
            by_country: dict[str | None, list[tuple[Entry, float]]] = {}
            ranked = sorted(zip(cands[k], _weights(scores[k]), strict=True), key=lambda ew: -ew[1])
            for e, w in ranked:
                if w >= MIN_WEIGHT and e.country is not None:
                    by_country.setdefault(e.country, []).append((e, w))
            live[k] = by_country
        new: dict[str, list[float]] = {}
        for k, es in cands.items():
            row = []
            for e, prior in zip(es, priors[k], strict=True):
                gains = []
                for k2, others in live.items():
                    if k2 != k:
                        gains.append(_best_support(e, others.get(e.country, ())))
                # strong evidence adds up; weak "same country" hints count once, or ten US towns
                # would turn "Mexico" into Mexico, Missouri
                strong = sum(g for g in gains if g >= B_IN_COUNTRY)
                weak = max((g for g in gains if g < B_IN_COUNTRY), default=0.0)
                row.append(prior + min(MAX_SUPPORT, strong + weak))
            new[k] = row
        scores = new
    out: dict[str, Entry | None] = {}
    for k, originals in by_key.items():
        best: Entry | None = None
        if k in cands:
            best, score = max(zip(cands[k], scores[k], strict=True), key=lambda es: es[1])
            if score < MIN_SCORE and ctx and best.country not in ctx:
                best = None  # a hamlet abroad that nothing in the story supports: likely not this place
        for n in originals:
            out[n] = best
    return out


def places_of(mentions: Sequence[Mention]) -> list[record.Place]:
    """The story's places: its toponyms resolved together, mentions of one gazetteer entry merged."""
    located = [m for m in mentions if m.type == "place"]
    # Context comes from what is not itself being resolved (demonyms, acting states, organisations):
    # a place mention's own reading ("Georgia" the country) would otherwise vote for itself.
    context = sorted({m.country for m in mentions if m.country and m.type != "place" and m.country != "IGO"})
    chosen = resolve_places(list(dict.fromkeys(m.text for m in located)), context_countries=context)
    places: dict[tuple[Any, ...], record.Place] = {}
    for m in located:
        entry = chosen.get(m.text)
        if entry is None:
            continue
        key = (entry.geonameid, entry.name, entry.kind, entry.lat, entry.lon)
        place = places.get(key)
        if place is None:
            place = places[key] = record.Place(
                f"P{len(places) + 1}", entry.name, record.narrow(entry.kind, record.PLACE_KINDS, "place kind"),
                entry.country,
                entry.admin1, entry.lat, entry.lon, entry.geonameid)
        place.mentions.append((m.start, m.end))
    return list(places.values())


@register("eventwire.places.v1", requires=("mentions",), assigns=("places",),
          resources=("places",), resources_hash="e560bea61568")
def places_stage(story: Story) -> None:
    """Geocode the story's place mentions (``places_of``)."""
    story.places = places_of(story.mentions)
