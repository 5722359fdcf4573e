"""``Mention``: what story clustering knows of one record event, built once from the record.

Why a separate, flat view: the store clusters events long after extraction, without the spaCy doc,
and must keep each member's evidence beside the cluster so later decisions (a new report joining,
two clusters merging) can be scored again without re-reading records. ``to_json``/``from_json``
give that stored form; the ECB+ eval builds the same objects, so the figures measure the store.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

from .. import timex
from .text import head, head_base, terms


@dataclass(frozen=True, slots=True)
class Place:
    """Where a mention happened, as resolved by the places stage."""

    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    kind: str | None = None  # the gazetteer kind: country, admin1, city, …


@dataclass(frozen=True, slots=True)
class Mention:
    """One event mention as clustering sees it.

    ``date_start``/``date_end`` are the event's own interval (ISO days) and ``precision`` its unit;
    all three are ``None`` when the event is dated only by its publication (``published``, an ISO
    day). ``actors``/``recipients`` hold store-wide actor identities, ``countries`` every ISO3 of
    the participants and place. ``lemma`` is the stemmed trigger head and ``terms`` the stemmed
    content words of the evidence sentence (``eventwire.stories.text``). ``group``, when set, is the
    mention's predicted document cluster (``eventwire.stories.documents``); ``None`` in the store.
    """

    key: str
    doc: str
    event: str
    source: str = "unknown"
    published: str | None = None
    type: str | None = None
    mode: str | None = None
    status: str = "reported"
    date_start: str | None = None
    date_end: str | None = None
    precision: str | None = None
    place: Place | None = None
    actors: frozenset[str] = field(default_factory=frozenset)
    recipients: frozenset[str] = field(default_factory=frozenset)
    countries: frozenset[str] = field(default_factory=frozenset)
    lemma: str | None = None
    terms: frozenset[str] = field(default_factory=frozenset)
    sentence: str = ""
    counts: frozenset[str] = field(default_factory=frozenset)  # "fatalities:7", "drone:700": the figures given
    # A date coarser than a month (a year, a decade): too loose to date the event, enough to tell eras apart.
    era_start: str | None = None
    era_end: str | None = None
    # A predicted document cluster (``stories.documents``): mentions of different groups never merge.
    group: str | None = None
    # The trigger head's base word (``stories.text.base``: died, death → die), compared inside a group.
    base: str | None = None

    @property
    def dated(self) -> bool:
        """Whether the event has a date of its own (not only the publication day)."""
        return self.date_start is not None

    @property
    def participants(self) -> frozenset[str]:
        return self.actors | self.recipients

    @property
    def vocabulary(self) -> frozenset[str]:
        """What the document frequencies count for this mention: its terms, and its participants as
        ``@identity`` (so a party named in every story, "Russia" in war news, weighs little)."""
        return self.terms | {f"@{p}" for p in self.participants}

    def to_json(self) -> str:
        """The stored form (one JSON object; sets as sorted lists)."""
        data: dict[str, Any] = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if isinstance(value, frozenset):
                value = sorted(value)
            elif isinstance(value, Place):
                value = [value.name, value.country, value.lat, value.lon, value.kind]
            data[name] = value
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Mention:
        data = json.loads(text)
        for name in ("actors", "recipients", "countries", "terms", "counts"):
            data[name] = frozenset(data.get(name) or ())
        place = data.get("place")
        data["place"] = Place(*place) if place else None
        return cls(**data)

    def with_identities(self, actors: frozenset[str], recipients: frozenset[str]) -> Mention:
        return replace(self, actors=actors, recipients=recipients)


#: Own dates precise enough to tell events apart; a year or a decade is left to the publication day.
OWN_PRECISIONS = frozenset({"day", "week", "month"})


def source_of(document: Mapping[str, Any]) -> str:
    """The outlet: ``document.source``, else the URL's host (without ``www.``), else ``unknown``."""
    source = (document.get("source") or "").strip()
    if source:
        return source
    host = urlsplit(document.get("url") or "").hostname or ""
    return host.removeprefix("www.") or "unknown"


def _counts(event: Mapping[str, Any]) -> frozenset[str]:
    """The event's figures as ``unit:value`` strings (``fatalities:7``, ``drone:700``)."""
    out = set()
    fat = event.get("fatalities")
    if fat and fat.get("value") is not None:
        out.add(f"fatalities:{fat['value']:g}")
    for q in event.get("quantities") or ():
        if q.get("value") is not None and q.get("unit"):
            out.add(f"{q['unit']}:{q['value']:g}")
    return frozenset(out)


def _day(value: str | None) -> str | None:
    span = timex.interval(value)
    return span.iso()[0] if span else None


def from_record(data: Mapping[str, Any], identity: Callable[[Mapping[str, Any]], str] | None = None,
                ) -> list[Mention]:
    """Every event of one record dict (``Record.to_dict()``) as a ``Mention``.

    ``identity`` maps a record actor to its store-wide identity id; by default the actor's name,
    case-folded (the store passes ``eventwire.stories.identity``'s resolver instead).
    """
    doc = data["document"]
    text: str = doc.get("text") or ""
    actors = {a["id"]: a for a in data.get("actors", [])}
    places = {p["id"]: p for p in data.get("places", [])}
    times = {t["id"]: t for t in data.get("times", [])}
    ident = identity or (lambda a: str(a.get("name") or a["id"]).casefold())
    ids = {aid: ident(a) for aid, a in actors.items()}
    published = _day(doc.get("published"))
    source = source_of(doc)
    out: list[Mention] = []
    for e in data.get("events", []):
        era: tuple[str, str] | None = None
        span = timex.interval(e.get("date"))
        precision: str | None = None
        if span is not None:
            precision = (times.get(e.get("time") or "") or {}).get("precision") or span.precision
            if span.precision not in OWN_PRECISIONS:
                era = span.iso()  # "in 2014" cannot date a report, but it tells 2014 from 2022
                span, precision = None, None  # "this year" places no event in time: publication does
        p = places.get(e.get("place") or "")
        place = Place(p["name"], p.get("country"), p.get("lat"), p.get("lon"), p.get("kind")) if p else None
        who = [a for a in e.get("actors", []) if a in actors]
        whom = [a for a in e.get("recipients", []) if a in actors]
        countries = {actors[a].get("country") for a in who + whom} | {place.country if place else None}
        sent = e.get("sentence")
        sentence = text[sent[0]:sent[1]] if sent else ""
        trigger = (e.get("trigger") or {}).get("text")
        out.append(Mention(
            key=f"{doc['id']}#{e['id']}", doc=doc["id"], event=e["id"], source=source, published=published,
            type=e.get("type"), mode=e.get("mode"), status=e.get("status") or "reported",
            date_start=span.iso()[0] if span else None, date_end=span.iso()[1] if span else None,
            precision=precision, place=place,
            actors=frozenset(ids[a] for a in who), recipients=frozenset(ids[a] for a in whom),
            countries=frozenset(c for c in countries if c), lemma=head(trigger), terms=terms(sentence),
            sentence=sentence, counts=_counts(e), base=head_base(trigger),
            era_start=era[0] if era else None, era_end=era[1] if era else None,
        ))
    return out
