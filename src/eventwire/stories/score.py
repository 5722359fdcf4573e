"""Whether two event mentions report one real-world event: blocking, pair features, pair score.

Why a logistic score over a few named features rather than a learned black box: every merge must be
explainable ("same trigger, same day, same place, 0.71 sentence similarity"), and the weights are a
resource (``resources/en/stories/weights.tsv``) a user can read, refit (``scripts/fit_story_weights.py``
on the ECB+ train topics) or override. ``never_merge`` holds the hard rules no score overrides.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from ..geo import distance_km
from ..lexicon import read_tsv
from .mention import Mention, Place

#: PLOVER quad class of each type: compatible types share a quad (docs/plover.md).
QUADS = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
NEAR_KM = 50.0
FAR_KM = 500.0
#: How many days beyond its own interval an event may be reported with a different date.
_PAD = {"day": 1, "week": 2}
#: An event dated only by publication happened on or up to this many days before it.
PUBLISHED_LAG = 3
FEATURES = ("lemma", "type_same", "type_clash", "mode_clash", "status_clash", "date_match", "date_clash",
            "place_match", "place_clash", "actor_overlap", "country_overlap", "country_clash", "terms", "counts",
            "group_same", "group_lemma", "group_terms")
#: The features that exist only between mentions of one predicted document cluster (``Mention.group``):
#: what ECB+ teaches (scripts/fit_story_weights.py) without changing the store, where ``group`` is None.
GROUP_FEATURES = ("group_same", "group_lemma", "group_terms")

Idf = Callable[[str], float]


@dataclass(frozen=True, slots=True)
class Weights:
    bias: float
    threshold: float
    weights: tuple[float, ...]  # in FEATURES order
    strong: float = 0.0  # the score needed to bring background or undated reports into dated news

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, ...]]) -> Weights:
        table = {row[0]: float(row[1]) for row in rows}
        return cls(table.get("bias", 0.0), table.get("threshold", 0.5), tuple(table.get(f, 0.0) for f in FEATURES),
                   table.get("strong", table.get("threshold", 0.5)))


@cache
def default_weights() -> Weights:
    return Weights.from_rows(read_tsv("stories/weights.tsv"))


def _date(day: str) -> dt.date:
    return dt.date.fromisoformat(day)


def window(m: Mention) -> tuple[str, str] | None:
    """The days a mention's event can lie in, for blocking; ``None`` when it has no date at all."""
    if m.date_start and m.date_end:
        pad = dt.timedelta(days=_PAD.get(m.precision or "", 0))
        return (_date(m.date_start) - pad).isoformat(), (_date(m.date_end) + pad).isoformat()
    if m.published:
        day = _date(m.published)
        return (day - dt.timedelta(days=PUBLISHED_LAG)).isoformat(), day.isoformat()
    return None


def block_keys(m: Mention) -> frozenset[str]:
    """The keys a candidate cluster must share with the mention (besides an overlapping window)."""
    keys = {f"a:{a}" for a in m.participants} | {f"c:{c}" for c in m.countries}
    if m.lemma:
        keys.add(f"l:{m.lemma}")
    if m.place:
        keys.add(f"p:{m.place.name.casefold()}")
    # A report that names no participant or place and words the act differently ("a Kharkiv plant
    # was hit") still meets the other reports of that type on that day.
    # A report dated only by publication may tell of the day before; types of one quad may be one event
    # read two ways (a gas "cut" as COERCE or as AID withheld).
    quad = QUADS.get(m.type or "")
    if quad:
        if m.precision == "day" and m.date_start:
            keys.add(f"d:{quad}:{m.date_start}")
        elif not m.dated and m.published:
            keys.add(f"d:{quad}:{m.published}")
            keys.add(f"d:{quad}:{(_date(m.published) - dt.timedelta(days=1)).isoformat()}")
    if m.group is not None:
        keys.add(f"g:{m.group}")  # a predicted document cluster: its mentions are each other's candidates
    return frozenset(keys)


def compatible(a: Mention, b: Mention) -> bool:
    """Cheap filter after blocking: one predicted document cluster (when both have one), types of one
    quad (or unknown) and overlapping windows."""
    if a.group is not None and b.group is not None and a.group != b.group:
        return False
    qa, qb = QUADS.get(a.type or ""), QUADS.get(b.type or "")
    if qa and qb and qa != qb:
        return False
    wa, wb = window(a), window(b)
    return wa is None or wb is None or (wa[0] <= wb[1] and wb[0] <= wa[1])


def km(a: Place, b: Place) -> float:
    return distance_km(a.lat, a.lon, b.lat, b.lon)


def same_place(a: Place, b: Place) -> bool | None:
    """True near or same name, False far apart or in different countries, None when undecidable."""
    if a.name.casefold() == b.name.casefold():
        return True
    d = km(a, b)
    if d <= NEAR_KM:
        return True
    if d >= FAR_KM or (a.country and b.country and a.country != b.country):
        return False
    return None


def _gap_days(a: Mention, b: Mention) -> int:
    """Days between two own intervals (0 when they overlap)."""
    assert a.date_start and a.date_end and b.date_start and b.date_end
    if a.date_end < b.date_start:
        return (_date(b.date_start) - _date(a.date_end)).days
    if b.date_end < a.date_start:
        return (_date(a.date_start) - _date(b.date_end)).days
    return 0


#: Place kinds that contain others: "Ukraine" and "Kyiv" in one story may name one event's place.
_WIDE = frozenset({"country", "admin1", "region", "continent"})


def never_merge(a: Mention, b: Mention) -> bool:
    """Two mentions of one document with different own dates or different places are two events.

    Places differ when neither contains the other (no country or province involved), the names
    differ and they lie more than ``NEAR_KM`` apart (or their coordinates are unknown). Mentions of
    two different predicted document clusters (``Mention.group``) never merge either.
    """
    if a.group is not None and b.group is not None and a.group != b.group:
        return True
    if a.doc != b.doc:
        return False
    if a.dated and b.dated and _gap_days(a, b) > 0:
        return True
    if not (a.place and b.place) or a.place.kind in _WIDE or b.place.kind in _WIDE:
        return False
    return a.place.name.casefold() != b.place.name.casefold() and km(a.place, b.place) > NEAR_KM


def _era(m: Mention) -> tuple[str, str] | None:
    """The widest interval a mention's date allows: its own, else its coarse era, else none."""
    if m.date_start and m.date_end:
        return m.date_start, m.date_end
    if m.era_start and m.era_end:
        return m.era_start, m.era_end
    return None


def _date_features(a: Mention, b: Mention) -> tuple[float, float]:
    ea, eb = _era(a), _era(b)
    if ea and eb and (ea[1] < eb[0] or eb[1] < ea[0]) and not (a.dated and b.dated):
        return 0.0, 1.0  # "in 2014" and "on 24 February 2022" are two events, whatever else they share
    if a.dated and b.dated:
        gap = _gap_days(a, b)
        if gap == 0:
            coarse = "month" in (a.precision, b.precision) or "year" in (a.precision, b.precision)
            return (0.5 if coarse else 1.0), 0.0
        pad = max(_PAD.get(a.precision or "", 0), _PAD.get(b.precision or "", 0))
        return 0.0, min(1.0, max(0.0, gap - pad) / 3 + 0.5 * (gap > pad))
    if a.dated != b.dated:
        own, other = (a, b) if a.dated else (b, a)
        if other.published and own.date_start and other.published < own.date_start:
            return 0.0, 1.0  # reported before it happened
        if other.published and own.date_end:
            lag = (_date(other.published) - _date(own.date_end)).days
            if own.precision == "day" and lag <= 1:
                return 0.5, 0.0  # an undated report published that day or the next: news of it
            return 0.0, min(1.0, max(0, lag - PUBLISHED_LAG) / 14)
        return 0.0, 0.0
    if a.published and b.published:
        lag = abs((_date(a.published) - _date(b.published)).days)
        return 0.0, 0.5 * min(1.0, max(0, lag - 1) / PUBLISHED_LAG)
    return 0.0, 0.0


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def shared_parties(a: frozenset[str], b: frozenset[str], idf: Idf) -> float:
    """Jaccard of two participant sets, each identity weighted by its idf (``@identity``): sharing
    "Russia" in war news says little, sharing a named commander or a small town's council says much."""
    if not a or not b:
        return 0.0
    union = sum(idf(f"@{p}") for p in a | b)
    return sum(idf(f"@{p}") for p in a & b) / union if union else 0.0


def cosine(a: frozenset[str], b: frozenset[str], idf: Idf) -> float:
    """Cosine of two term sets, each term weighted by its idf (binary term frequency)."""
    if not a or not b:
        return 0.0
    shared = sum(idf(t) ** 2 for t in a & b)
    na = math.sqrt(sum(idf(t) ** 2 for t in a))
    nb = math.sqrt(sum(idf(t) ** 2 for t in b))
    return shared / (na * nb) if na and nb else 0.0


def features(a: Mention, b: Mention, idf: Idf) -> tuple[float, ...]:
    """The pair features in ``FEATURES`` order (each in [0, 1])."""
    qa, qb = QUADS.get(a.type or ""), QUADS.get(b.type or "")
    type_same = float(bool(a.type) and a.type == b.type)
    type_clash = float(bool(qa and qb and qa != qb))
    mode_clash = float(bool(a.mode and b.mode and a.mode != b.mode))
    status_clash = float(a.status != b.status)  # reported, historical, future, hypothetical, negated
    date_match, date_clash = _date_features(a, b)
    place_match = place_clash = 0.0
    if a.place and b.place:
        same = same_place(a.place, b.place)
        # One town is evidence; one country says little (countries have features of their own).
        wide = a.place.kind in _WIDE or b.place.kind in _WIDE
        place_match = (0.25 if wide else 1.0) if same is True else 0.0
        place_clash = float(same is False)
    country_clash = float(bool(a.countries and b.countries and not a.countries & b.countries))
    counts = float(bool(a.counts & b.counts))
    lemma = float(bool(a.lemma) and a.lemma == b.lemma)
    similar = cosine(a.terms, b.terms, idf)
    group = float(a.group is not None and a.group == b.group)
    if group and (a.base or b.base):
        lemma = float(a.base == b.base)  # inside one document cluster the finer base word decides
    return (lemma, type_same, type_clash, mode_clash, status_clash,
            date_match, date_clash, place_match, place_clash, shared_parties(a.participants, b.participants, idf),
            _jaccard(a.countries, b.countries), country_clash, similar, counts, group, group * lemma,
            group * similar)


def pair_score(a: Mention, b: Mention, idf: Idf, weights: Weights | None = None) -> float:
    """The probability-like score that ``a`` and ``b`` report one event; 0 when they may never merge."""
    if never_merge(a, b):
        return 0.0
    w = weights or default_weights()
    z = w.bias + sum(wi * fi for wi, fi in zip(w.weights, features(a, b, idf), strict=True))
    return 1.0 / (1.0 + math.exp(-z))
